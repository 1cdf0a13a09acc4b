// Runs a LibrarySequence through a node-zookeeper-client module — the real package or zabsim's simulated
// copy, the same code for both — and records what each client saw, step by step: every callback's
// arguments (normalized: errors as code/name/message, Buffers as hex, stats without times and with zxids
// relative to the sequence root's czxid, owners named by client, children sorted) and every watcher call.

import type { Client } from "../../lib/node-zookeeper-client/client.js";
import type { SimulatedZookeeper } from "../../lib/node-zookeeper-client/module.js";
import { generateDigest } from "../../protocol/zk/acl/index.js";
import { canonical } from "./compare.js";
import {
  type AclChoice,
  dataBytes,
  type LibraryCall,
  type ModeChoice,
  type TransactionOp,
  users,
  type Who,
} from "./library-calls.js";

/** The real package is typed as the simulated module's shape: the test compares them at run time. */
export type LibraryModule = SimulatedZookeeper;
export type LibraryClient = Client;

/** What each client saw during one step, in the order it saw it (callbacks and watcher calls). */
export type StepRecord = {
  readonly index: number;
  readonly call: LibraryCall | "begin" | "end";
  readonly seen: Readonly<Record<Who, readonly string[]>>;
};

export type SequenceRecord = {
  readonly steps: readonly StepRecord[];
  /** Calls whose callback was compared (the barriers not counted). */
  readonly calls: number;
  /** Watcher calls recorded. */
  readonly events: number;
};

/** Connects a new client for `who` (a new session) and resolves once it is connected. */
export type OpenClient = (who: Who) => Promise<LibraryClient>;

/**
 * A write no sequence touches, sent by the client that did not make the step's call: ZooKeeper answers it
 * (NO_NODE, an error txn) only after its server applied every earlier txn and sent their watch events on
 * that connection, so everything the step caused has reached both clients when it returns.
 */
export const BARRIER_PATH = "/zabsim-barrier-never-created";

const other: Record<Who, Who> = { A: "B", B: "A" };

type Context = {
  readonly lib: LibraryModule;
  readonly root: string;
  readonly clients: Record<Who, LibraryClient>;
  readonly seen: Record<Who, string[]>;
  /** The shared watcher function of each client (the library registers a function once per path). */
  readonly shared: Map<Who, (event: unknown) => void>;
  /** ephemeralOwner hex → client, and the sequence root's czxid once known. */
  readonly owners: Map<string, Who>;
  base: bigint | null;
  /** A client closed by a `closeInFlight` step: its close, done once `disconnected` came. */
  closed: { A?: Promise<void>; B?: Promise<void> };
  stepIndex: number;
  events: number;
};

export async function runLibrarySequence(
  lib: LibraryModule,
  open: OpenClient,
  root: string,
  calls: readonly LibraryCall[],
): Promise<SequenceRecord> {
  const clientA = await open("A");
  const clientB = await open("B");
  const ctx: Context = {
    lib,
    root,
    clients: { A: clientA, B: clientB },
    seen: { A: [], B: [] },
    shared: new Map(),
    owners: new Map([
      [clientA.getSessionId().toString("hex"), "A"],
      [clientB.getSessionId().toString("hex"), "B"],
    ]),
    base: null,
    closed: {},
    stepIndex: -1,
    events: 0,
  };
  const steps: StepRecord[] = [];
  const take = (index: number, call: StepRecord["call"]) => {
    steps.push({ index, call, seen: { A: ctx.seen.A.splice(0), B: ctx.seen.B.splice(0) } });
  };
  await begin(ctx);
  take(-1, "begin");
  for (const [index, call] of calls.entries()) {
    ctx.stepIndex = index;
    await perform(ctx, call);
    await barrier(ctx, other[call.by]);
    take(index, call);
  }
  await (ctx.closed.A ?? closeClient(clientA));
  if (ctx.closed.B === undefined) await barrier(ctx, "B");
  await (ctx.closed.B ?? closeClient(clientB));
  take(calls.length, "end");
  return { steps, calls: calls.length, events: ctx.events };
}

/** Creates the root (its czxid is the zxids' base) with a callback recorded like any other. */
async function begin(ctx: Context): Promise<void> {
  await new Promise<void>((resolve) => {
    ctx.clients.A.create(ctx.root, (...args: unknown[]) => {
      record(ctx, "A", "create root", args);
      resolve();
    });
  });
  await new Promise<void>((resolve) => {
    ctx.clients.A.exists(ctx.root, (error: unknown, stat: unknown) => {
      const czxid = (stat as { czxid?: unknown } | null)?.czxid;
      if (error || !Buffer.isBuffer(czxid))
        throw new Error(`cannot stat ${ctx.root}: ${String(error)}`);
      ctx.base = czxid.readBigInt64BE(0);
      resolve();
    });
  });
  await barrier(ctx, "B");
}

function closeClient(client: LibraryClient): Promise<void> {
  return new Promise<void>((resolve) => {
    client.once("disconnected", () => resolve());
    client.close();
  });
}

function barrier(ctx: Context, who: Who): Promise<void> {
  return new Promise<void>((resolve) => {
    ctx.clients[who].remove(BARRIER_PATH, -1, (...args: unknown[]) => {
      record(ctx, who, "barrier", args);
      resolve();
    });
  });
}

function watcherOf(ctx: Context, who: Who, label: string): (event: unknown) => void {
  return (event: unknown) => {
    const e = event as { getName(): string; getType(): number; getPath(): string };
    ctx.events++;
    ctx.seen[who].push(
      `watcher ${label}: ${e.getName()}[${e.getType()}] ${e.getPath()} (${String(event)})`,
    );
  };
}

/** The client's one shared watcher function, made on first use. */
function sharedWatcher(ctx: Context, who: Who): (event: unknown) => void {
  const known = ctx.shared.get(who);
  if (known !== undefined) return known;
  const watcher = watcherOf(ctx, who, `${who}*`);
  ctx.shared.set(who, watcher);
  return watcher;
}

function absolute(ctx: Context, relative: string): string {
  return relative === "" ? ctx.root : `${ctx.root}/${relative}`;
}

function aclOf(lib: LibraryModule, choice: AclChoice): readonly unknown[] | undefined {
  const { ACL, Id, Permission } = lib;
  const world = Id.ANYONE_ID_UNSAFE;
  switch (choice) {
    case "default":
      return undefined;
    case "open":
      return ACL.OPEN_ACL_UNSAFE;
    case "read":
      return ACL.READ_ACL_UNSAFE;
    case "creator":
      return ACL.CREATOR_ALL_ACL;
    case "creatorAndRead":
      return [...ACL.CREATOR_ALL_ACL, new ACL(Permission.READ, world)];
    case "digest1":
      return [
        new ACL(Permission.ALL, new Id("digest", generateDigest(`user1:${users.user1}`))),
        new ACL(Permission.READ, world),
      ];
    case "noDelete":
      return [
        new ACL(Permission.READ | Permission.WRITE | Permission.CREATE | Permission.ADMIN, world),
      ];
    case "empty":
      return [];
  }
}

/** The optional arguments of create and mkdirp as the call gives them (left-out ones are not passed). */
function createArguments(
  ctx: Context,
  call: {
    readonly data: Parameters<typeof dataBytes>[0];
    readonly acl: AclChoice;
    readonly mode: ModeChoice;
    readonly reversed?: boolean;
  },
): unknown[] {
  const data = dataBytes(call.data);
  const acls = aclOf(ctx.lib, call.acl);
  const args: unknown[] = [
    ...(data === undefined ? [] : [data]),
    ...(acls === undefined ? [] : [acls]),
    ...(call.mode === "default" ? [] : [call.mode]),
  ];
  return call.reversed === true ? args.reverse() : args;
}

function versionArguments(version: number | null): unknown[] {
  return version === null ? [] : [version];
}

/** Makes the call and resolves once its callback ran (or it threw synchronously, which is recorded). */
function perform(ctx: Context, call: LibraryCall): Promise<void> {
  const client = ctx.clients[call.by];
  return new Promise<void>((resolve) => {
    const callback = (...args: unknown[]) => {
      record(ctx, call.by, call.call, args);
      resolve();
    };
    try {
      invoke(ctx, client, call, callback);
      if (call.call === "addAuthInfo") resolve();
    } catch (error) {
      ctx.seen[call.by].push(
        `threw ${call.call}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      );
      resolve();
    }
  });
}

function invoke(
  ctx: Context,
  client: LibraryClient,
  call: LibraryCall,
  callback: (...args: unknown[]) => void,
): void {
  const path = "path" in call ? absolute(ctx, call.path) : ctx.root;
  switch (call.call) {
    case "create":
      client.create(path, ...createArguments(ctx, call), callback);
      return;
    case "mkdirp":
      client.mkdirp(path, ...createArguments(ctx, call), callback);
      return;
    case "remove":
      client.remove(path, ...versionArguments(call.version), callback);
      return;
    case "removeRecursive":
      client.removeRecursive(path, ...versionArguments(call.version), callback);
      return;
    case "exists":
    case "getData":
    case "getChildren": {
      const watcher =
        call.watch === "none"
          ? []
          : [
              call.watch === "shared"
                ? sharedWatcher(ctx, call.by)
                : watcherOf(ctx, call.by, `${call.by}${ctx.stepIndex}`),
            ];
      client[call.call](path, ...watcher, callback);
      return;
    }
    case "setData":
      client.setData(path, dataBytes(call.data), ...versionArguments(call.version), callback);
      return;
    case "getACL":
      client.getACL(path, callback);
      return;
    case "listSubTreeBFS":
      client.listSubTreeBFS(path, callback);
      return;
    case "setACL":
      client.setACL(
        path,
        aclOf(ctx.lib, call.acl) ?? ctx.lib.ACL.OPEN_ACL_UNSAFE,
        ...versionArguments(call.version),
        callback,
      );
      return;
    case "addAuthInfo":
      client.addAuthInfo("digest", Buffer.from(`${call.user}:${users[call.user]}`));
      return;
    case "transaction":
      transactionOf(ctx, client, call.ops).commit(callback);
      return;
    case "closeInFlight":
      ctx.closed[call.by] = closeClient(client);
      client.getData(path, callback);
      return;
  }
}

function transactionOf(ctx: Context, client: LibraryClient, ops: readonly TransactionOp[]) {
  const transaction = client.transaction();
  for (const op of ops) {
    const path = absolute(ctx, op.path);
    switch (op.op) {
      case "create":
        transaction.create(path, ...createArguments(ctx, op));
        break;
      case "setData":
        transaction.setData(path, dataBytes(op.data), ...versionArguments(op.version));
        break;
      case "check":
        transaction.check(path, ...versionArguments(op.version));
        break;
      case "remove":
        transaction.remove(path, ...versionArguments(op.version));
        break;
    }
  }
  return transaction;
}

// ---- normalization ------------------------------------------------------------------------------------

function record(ctx: Context, who: Who, what: string, args: readonly unknown[]): void {
  const encoded = args.map((arg, position) => encodeArgument(ctx, what, position, arg));
  ctx.seen[who].push(`${what} -> ${canonical(encoded)}`);
}

function encodeArgument(ctx: Context, what: string, position: number, value: unknown): unknown {
  const encoded = encode(ctx, value);
  // The library does not promise an order of children (ZooKeeper answers in its HashSet's order).
  if (
    (what === "getChildren" || what === "listSubTreeBFS") &&
    position === 1 &&
    Array.isArray(encoded)
  ) {
    return [...encoded].sort();
  }
  return encoded;
}

function encode(ctx: Context, value: unknown): unknown {
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") return value;
  if (Buffer.isBuffer(value)) return `hex:${value.toString("hex")}`;
  if (Array.isArray(value)) return value.map((item) => encode(ctx, item));
  if (value instanceof Error) {
    const exception = value as Error & { getCode?: () => number; getName?: () => string };
    if (typeof exception.getCode !== "function")
      return { error: `${value.name}: ${value.message}` };
    return {
      code: exception.getCode(),
      name: exception.getName?.(),
      message: value.message,
      text: String(value),
    };
  }
  if ("czxid" in value && "ephemeralOwner" in value) return encodeStat(ctx, value);
  if ("permission" in value && "id" in value) {
    const acl = value as { permission: unknown; id: { scheme: unknown; id: unknown } };
    return { perms: acl.permission, scheme: acl.id.scheme, id: acl.id.id };
  }
  const fields = Object.entries(value).filter(([, inner]) => typeof inner !== "function");
  return Object.fromEntries(fields.map(([key, inner]) => [key, encode(ctx, inner)]));
}

const statNumbers = ["version", "cversion", "aversion", "dataLength", "numChildren"] as const;
const statZxids = ["czxid", "mzxid", "pzxid"] as const;

/** Times dropped; zxids relative to the root's czxid ("r+3"; "0" for zxid 0); owners by client. */
function encodeStat(ctx: Context, stat: object): unknown {
  const field = (key: string): unknown => Reflect.get(stat, key);
  const long = (key: string): bigint => {
    const raw = field(key);
    return Buffer.isBuffer(raw) ? raw.readBigInt64BE(0) : BigInt(-1);
  };
  const out: Record<string, unknown> = {};
  for (const key of statZxids) {
    const zxid = long(key);
    const offset = ctx.base === null ? zxid : zxid - ctx.base;
    out[key] = zxid === BigInt(0) ? "0" : `r${offset < 0 ? "" : "+"}${offset}`;
  }
  for (const key of statNumbers) out[key] = field(key);
  const owner = field("ephemeralOwner");
  const hex = Buffer.isBuffer(owner) ? owner.toString("hex") : String(owner);
  out.ephemeralOwner = hex === "0000000000000000" ? "0" : (ctx.owners.get(hex) ?? `?${hex}`);
  return out;
}
