// Drives a real ZooKeeper with node-zookeeper-client and reduces every reply to an Outcome.

import * as zookeeper from "node-zookeeper-client";
import type { Acl } from "../../protocol/zk/acl/index.js";
import {
  codeOfNumber,
  isSequentialMode,
  validateCreatePath,
  validatePath,
} from "../../protocol/zk/data-tree/index.js";
import {
  absolute,
  aclOf,
  type ConfMode,
  type ConfOp,
  type Driver,
  type MultiItem,
  type MultiSubOp,
  type NormalStat,
  type Outcome,
  type ReceivedEvent,
  type SessionLabel,
  users,
} from "./ops.js";

type Session = { client: zookeeper.Client; name: string };

/** EventType numbers on the wire (Watcher.Event.EventType). */
const eventTypes: Readonly<Record<number, string>> = {
  1: "NodeCreated",
  2: "NodeDeleted",
  3: "NodeDataChanged",
  4: "NodeChildrenChanged",
};

type RawWatcherEvent = { readonly type: number; readonly path: string };
type WithWatcherManager = {
  connectionManager: { watcherManager: { emit: (event: RawWatcherEvent) => void } };
};

/**
 * Records every notification packet the client receives, before node-zookeeper-client's WatcherManager
 * dispatches it: what the session received from the server, independent of that library's own watcher
 * bookkeeping (which, unlike the Java client, never gives NodeDeleted to an exists() watcher).
 */
function recordEvents(client: zookeeper.Client, name: () => string, into: () => ReceivedEvent[]) {
  const manager = (client as unknown as WithWatcherManager).connectionManager.watcherManager;
  const dispatch = manager.emit.bind(manager);
  manager.emit = (event) => {
    into().push({
      session: name(),
      type: eventTypes[event.type] ?? String(event.type),
      path: event.path,
    });
    dispatch(event);
  };
}

/** A watcher for the calls that leave one; the events are recorded at the packet level instead. */
const ignoreEvent = (): void => {};

/** The watcher argument: a function asks the server for a watch, undefined does not (the library's test). */
function watcherOf(op: { readonly watch?: boolean }): (event: zookeeper.Event) => void {
  return (op.watch === true ? ignoreEvent : undefined) as unknown as (
    event: zookeeper.Event,
  ) => void;
}

const modeFlags: Readonly<Record<ConfMode, number>> = {
  persistent: 0,
  ephemeral: 1,
  persistent_sequential: 2,
  ephemeral_sequential: 3,
};

function toNumber(value: Buffer | number): number {
  return typeof value === "number" ? value : Number(value.readBigInt64BE(0));
}

function realAcl(acl: readonly Acl[]): zookeeper.ACL[] {
  return acl.map(
    (entry) => new zookeeper.ACL(entry.perms, new zookeeper.Id(entry.scheme, entry.id)),
  );
}

function codeName(error: unknown): string {
  const withCode = error as { getCode?: () => number };
  if (typeof withCode.getCode === "function") {
    const number = withCode.getCode();
    return codeOfNumber(number) ?? String(number);
  }
  return `CLIENT:${String(error)}`;
}

const createRoot: ConfOp & { op: "create" } = {
  op: "create",
  s: "A",
  path: "",
  data: "",
  mode: "persistent",
  acl: "open",
};

/** Stat with times dropped and the ephemeral owner named by session. */
function normalStat(raw: zookeeper.Stat, owners: ReadonlyMap<string, string>): NormalStat {
  const owner = raw.ephemeralOwner.toString("hex");
  return {
    czxid: toNumber(raw.czxid),
    mzxid: toNumber(raw.mzxid),
    pzxid: toNumber(raw.pzxid),
    version: raw.version,
    cversion: raw.cversion,
    aversion: raw.aversion,
    ephemeralOwner: owner === "0000000000000000" ? "0" : (owners.get(owner) ?? `?${owner}`),
    dataLength: raw.dataLength,
    numChildren: raw.numChildren,
  };
}

function connect(client: zookeeper.Client): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("connect timeout")), 10_000);
    client.once("connected", () => {
      clearTimeout(timer);
      resolve();
    });
    client.connect();
  });
}

export function createRealDriver(connectString: string): Driver {
  const sessions = new Map<SessionLabel, Session>();
  const owners = new Map<string, string>();
  const generations = { A: 0, B: 0 };
  let received: ReceivedEvent[] = [];
  let root = "";

  const stat = (raw: zookeeper.Stat): NormalStat => normalStat(raw, owners);

  const open = async (label: SessionLabel): Promise<void> => {
    const client = zookeeper.createClient(connectString, { sessionTimeout: 30_000, retries: 0 });
    let sessionName = `${label}?`;
    recordEvents(
      client,
      () => sessionName,
      () => received,
    );
    await connect(client);
    generations[label] += 1;
    const name = `${label}${generations[label]}`;
    sessionName = name;
    owners.set(client.getSessionId().toString("hex"), name);
    sessions.set(label, { client, name });
  };

  const close = async (label: SessionLabel): Promise<void> => {
    const session = sessions.get(label);
    if (session === undefined) return;
    sessions.delete(label);
    await new Promise<void>((resolve) => {
      session.client.once("disconnected", () => resolve());
      session.client.close();
    });
  };

  const clientOf = (label: SessionLabel): zookeeper.Client => {
    const session = sessions.get(label);
    if (session === undefined) throw new Error(`no session ${label}`);
    return session.client;
  };

  const settle = async (): Promise<readonly ReceivedEvent[]> => {
    // One round trip on every open session: the server sent each session the events of every txn it
    // processed before it answered this read, on the same connection.
    for (const session of sessions.values()) {
      await new Promise<void>((resolve) => session.client.exists("/", () => resolve()));
    }
    const events = received;
    received = [];
    return events;
  };

  return {
    begin: async (sequenceRoot) => {
      root = sequenceRoot;
      await open("A");
      await open("B");
      const created = await runOp(clientOf("A"), root, stat, createRoot);
      if (!created.ok) throw new Error(`cannot create ${root}: ${created.code}`);
      const rootStat = await runOp(clientOf("A"), root, stat, { op: "exists", s: "A", path: "" });
      if (!rootStat.ok || rootStat.stat === undefined) throw new Error(`cannot stat ${root}`);
      return rootStat.stat.czxid;
    },
    run: async (op) => {
      if (op.op === "reconnect") {
        await close(op.s);
        await open(op.s);
        return { ok: true };
      }
      if (javaClientRejects(root, op)) return { ok: false, code: "CLIENT:BADARGUMENTS" };
      return runOp(clientOf(op.s), root, stat, op);
    },
    settle: () => settle(),
    end: async () => {
      await close("A");
      const events = [...(await settle())];
      await close("B");
      events.push(...(await settle()));
      return events;
    },
  };
}

/**
 * The Java client validates paths before sending (PathUtils.validatePath, IllegalArgumentException) and the
 * simulated client models it; node-zookeeper-client checks much less and lets the server answer
 * BADARGUMENTS with an error txn. Refuse here what the Java client refuses, so both sides send the same.
 */
function javaClientRejects(root: string, op: Exclude<ConfOp, { op: "reconnect" }>): boolean {
  const createBad = (path: string, mode: ConfMode) =>
    !validateCreatePath(absolute(root, path), isSequentialMode(mode)).ok;
  const pathBad = (path: string) => !validatePath(absolute(root, path)).ok;
  switch (op.op) {
    case "addAuth":
      return false;
    case "create":
      return createBad(op.path, op.mode);
    case "multi":
      return op.ops.some((sub) =>
        sub.op === "create" ? createBad(sub.path, sub.mode) : pathBad(sub.path),
      );
    default:
      return pathBad(op.path);
  }
}

type StatFn = (raw: zookeeper.Stat) => NormalStat;

function runOp(
  client: zookeeper.Client,
  root: string,
  stat: StatFn,
  op: Exclude<ConfOp, { op: "reconnect" }>,
): Promise<Outcome> {
  const path = "path" in op ? absolute(root, op.path) : root;
  return new Promise<Outcome>((resolve) => {
    const fail = (error: unknown) => resolve({ ok: false, code: codeName(error) });
    switch (op.op) {
      case "create":
        client.create(
          path,
          Buffer.from(op.data),
          realAcl(aclOf(op.acl)),
          modeFlags[op.mode],
          (error, created) => (error ? fail(error) : resolve({ ok: true, path: created })),
        );
        return;
      case "delete":
        client.remove(path, op.version, (error) => (error ? fail(error) : resolve({ ok: true })));
        return;
      case "setData":
        client.setData(path, Buffer.from(op.data), op.version, (error, raw) =>
          error ? fail(error) : resolve({ ok: true, stat: stat(raw) }),
        );
        return;
      case "setACL":
        client.setACL(path, realAcl(aclOf(op.acl)), op.version, (error, raw) =>
          error ? fail(error) : resolve({ ok: true, stat: stat(raw) }),
        );
        return;
      case "getData":
        client.getData(path, watcherOf(op), (error, data, raw) =>
          error
            ? fail(error)
            : resolve({ ok: true, data: data ? data.toString() : "", stat: stat(raw) }),
        );
        return;
      case "exists":
        client.exists(path, watcherOf(op), (error, raw) => {
          if (error) fail(error);
          else if (raw === null || raw === undefined) resolve({ ok: false, code: "NONODE" });
          else resolve({ ok: true, stat: stat(raw) });
        });
        return;
      case "getChildren":
        client.getChildren(path, watcherOf(op), (error, children, raw) =>
          error
            ? fail(error)
            : resolve({ ok: true, children: [...children].sort(), stat: stat(raw) }),
        );
        return;
      case "getACL":
        client.getACL(path, (error, acls, raw) =>
          error ? fail(error) : resolve({ ok: true, acl: normalAcl(acls), stat: stat(raw) }),
        );
        return;
      case "multi":
        runMulti(client, root, stat, op.ops, resolve);
        return;
      case "addAuth":
        client.addAuthInfo("digest", Buffer.from(`${op.user}:${users[op.user]}`));
        resolve({ ok: true });
        return;
    }
  });
}

function normalAcl(acls: readonly zookeeper.ACL[]): readonly Acl[] {
  return acls.map((entry) => {
    const raw = entry as unknown as { permission?: number; perms?: number; id: zookeeper.Id };
    return { perms: raw.permission ?? raw.perms ?? -1, scheme: raw.id.scheme, id: raw.id.id };
  });
}

type RawResult = { type: number; path?: string; stat?: zookeeper.Stat; err?: number };

function runMulti(
  client: zookeeper.Client,
  root: string,
  stat: StatFn,
  ops: readonly MultiSubOp[],
  resolve: (outcome: Outcome) => void,
): void {
  let transaction = client.transaction();
  for (const op of ops) {
    const path = absolute(root, op.path);
    if (op.op === "create") {
      transaction = transaction.create(path, Buffer.from(op.data), modeFlags[op.mode]);
    } else if (op.op === "delete") {
      transaction = transaction.remove(path, op.version);
    } else if (op.op === "setData") {
      transaction = transaction.setData(path, Buffer.from(op.data), op.version);
    } else {
      transaction = transaction.check(path, op.version);
    }
    if (op.op !== "create") restoreVersion(transaction, op.version);
  }
  transaction.commit((error, rawResults) => {
    const results = ((rawResults ?? []) as unknown as RawResult[]).map((raw) =>
      multiItem(raw, stat),
    );
    if (error) resolve({ ok: false, code: codeName(error), results });
    else resolve({ ok: true, results });
  });
}

/**
 * node-zookeeper-client's Transaction does `version = version || -1`, so version 0 would be sent as -1
 * ("any") and a stale check would pass. The first differential run found this; put the real value back.
 */
function restoreVersion(transaction: zookeeper.Transaction, version: number): void {
  const queued = (transaction as unknown as { ops: { version: number }[] }).ops;
  const last = queued[queued.length - 1];
  if (last !== undefined) last.version = version;
}

function multiItem(raw: RawResult, stat: StatFn): MultiItem {
  switch (raw.type) {
    case 1:
      return { type: "create", path: raw.path ?? "" };
    case 2:
      return { type: "delete" };
    case 5:
      return raw.stat
        ? { type: "setData", stat: stat(raw.stat) }
        : { type: "error", code: "NOSTAT" };
    case 13:
      return { type: "check" };
    default:
      return { type: "error", code: codeOfNumber(raw.err ?? 0) ?? String(raw.err) };
  }
}
