// A deliberately simple ZooKeeper to generate valid histories: one leader orders every write, followers
// apply the committed log when told to (so they lag by arbitrary amounts), sessions switch servers (never
// to one behind what they have seen), watches fire as servers apply txns, and a reconnect re-registers
// them with setWatches (synthesized events, zxid -1) — persistent watches (addWatch) are re-armed with no
// catch-up — and records the session's connection. Everything runs one step at a time, in order.
import { decodeCall } from "../../../../protocol/zk/client/index.js";
import {
  readValue,
  replayWrites,
  type Timeline,
  type WriteToReplay,
  writeValue,
  type ZkRecord,
} from "../../../../protocol/zk/consistency/index.js";
import {
  applyTxn,
  type DataTree,
  emptyTree,
  prepareWrite,
} from "../../../../protocol/zk/data-tree/index.js";
import {
  eventsOf,
  firesOn,
  isOneShot,
  type WatchEvent,
  type WatchKind,
  watchArmedBy,
} from "../../../../protocol/zk/watches/index.js";
import type { ApplicationOp } from "../../../../protocol/zk/wire/index.js";
import type { Json } from "../../../../sim/api/index.js";

export type SimAction =
  | { readonly kind: "call"; readonly client: number; readonly f: string; readonly value: Json }
  /** A write whose reply is lost: the client records `info`, then reconnects to `server`. */
  | {
      readonly kind: "lost-reply";
      readonly client: number;
      readonly f: string;
      readonly value: Json;
      readonly applied: boolean;
      readonly server: number;
    }
  | { readonly kind: "catch-up"; readonly server: number; readonly count: number }
  | { readonly kind: "switch"; readonly client: number; readonly server: number }
  /** Txns the history does not show (createSession, another client's error txn): a zxid gap. */
  | { readonly kind: "gap"; readonly count: number };

type Entry = {
  readonly zxid: number;
  readonly tree: DataTree;
  readonly events: readonly WatchEvent[];
};
type ArmedWatch = {
  readonly session: number;
  readonly kind: WatchKind;
  readonly path: string;
  readonly zxid: number;
};

export type SimRun = {
  readonly records: readonly ZkRecord[];
  /** The committed writes, for building mutations. */
  readonly truth: readonly WriteToReplay[];
  readonly timeline: Timeline;
  /** Zxids of the writes whose answer reached the client. */
  readonly acknowledged: ReadonlySet<number>;
};

const SERVER_NAMES = ["n1", "n2", "n3"];
export const sessionOf = (client: number): number => 101 + client;

class ReferenceZooKeeper {
  readonly records: ZkRecord[] = [];
  readonly truth: WriteToReplay[] = [];
  readonly acknowledged = new Set<number>();
  readonly log: Entry[] = [];
  readonly applied = SERVER_NAMES.map(() => 0);
  readonly watches: ArmedWatch[][] = SERVER_NAMES.map(() => []);
  readonly clientServer: number[];
  readonly lastZxid: number[];
  nextZxid = 1;

  constructor(clientCount: number) {
    this.clientServer = Array.from(
      { length: clientCount },
      (_, client) => client % SERVER_NAMES.length,
    );
    this.lastZxid = Array.from({ length: clientCount }, () => 0);
    this.clientServer.forEach((server, client) => {
      this.connected(client, server);
    });
  }

  connected(client: number, server: number): void {
    const name = SERVER_NAMES[server] ?? "n1";
    this.records.push({ kind: "connected", session: sessionOf(client), server: name });
  }

  treeAt(server: number): DataTree {
    return this.log[(this.applied[server] ?? 0) - 1]?.tree ?? emptyTree();
  }

  zxidAt(server: number): number {
    return this.log[(this.applied[server] ?? 0) - 1]?.zxid ?? 0;
  }

  /** The leader (server 0) prepares and applies; the result goes into the log. */
  commit(
    op: ApplicationOp & WriteToReplay["call"],
    session: number,
  ): { zxid: number; value: Json } {
    const zxid = this.nextZxid++;
    const leaderTree = this.log.at(-1)?.tree ?? emptyTree();
    const context = { sessionId: session, auth: [], zxid, timeMs: 0, extendedTypesEnabled: true };
    const applied = applyTxn(leaderTree, prepareWrite(leaderTree, [], op, context).record);
    const events = applied.changes.flatMap(eventsOf);
    this.log.push({ zxid, tree: applied.tree, events });
    this.truth.push({ call: op, session, zxid });
    this.catchUp(0, this.log.length);
    return { zxid, value: writeValue(applied.result) };
  }

  /** Applies committed entries at `server` up to `target` (an entry count), firing its watches. */
  catchUp(server: number, target: number): void {
    while ((this.applied[server] ?? 0) < Math.min(target, this.log.length)) {
      const entry = this.log[this.applied[server] ?? 0];
      this.applied[server] = (this.applied[server] ?? 0) + 1;
      if (entry === undefined) continue;
      for (const event of entry.events) this.fire(server, event);
    }
  }

  fire(server: number, event: WatchEvent, synthesized = false): void {
    const watches = this.watches[server] ?? [];
    const hit = watches.filter((watch) => firesOn(watch.kind, watch.path, event));
    // One-shot watches go when they fire; persistent ones stay.
    this.watches[server] = watches.filter(
      (watch) => !(hit.includes(watch) && isOneShot(watch.kind)),
    );
    for (const session of new Set(hit.map((watch) => watch.session))) {
      const zxid = synthesized ? -1 : event.zxid;
      this.records.push({ kind: "watch-event", session, type: event.type, path: event.path, zxid });
      // Real ZooKeeper does not advance the client's lastZxid on a notification, so a session may move to a
      // server behind an event it saw and get later events out of zxid order, which the check (events in
      // zxid order per session) does not accept: the generator keeps sessions off such servers.
      const client = session - sessionOf(0);
      if (!synthesized) this.lastZxid[client] = Math.max(this.lastZxid[client] ?? 0, event.zxid);
    }
  }
}

function run(zk: ReferenceZooKeeper, action: SimAction): void {
  switch (action.kind) {
    case "call":
      call(zk, action.client, action.f, action.value);
      return;
    case "lost-reply":
      lostReply(zk, action);
      return;
    case "catch-up": {
      const target = (zk.applied[action.server] ?? 0) + action.count;
      zk.catchUp(action.server, target);
      return;
    }
    case "switch":
      switchServer(zk, action.client, action.server);
      return;
    case "gap":
      zk.nextZxid += action.count;
      return;
    default:
      throw new Error(`unknown action ${JSON.stringify(action)}`);
  }
}

function decode(f: string, value: Json): ApplicationOp {
  const decoded = decodeCall(f, value);
  if (!decoded.ok || decoded.value.call !== "op") throw new Error(`bad call ${f}`);
  return decoded.value.op;
}

function call(zk: ReferenceZooKeeper, client: number, f: string, value: Json): void {
  const op = decode(f, value);
  const session = sessionOf(client);
  const server = zk.clientServer[client] ?? 0;
  zk.records.push({ kind: "invoke", process: client, f, value });
  if (op.op === "exists" || op.op === "getData" || op.op === "getChildren") {
    const tree = zk.treeAt(server);
    const zxid = zk.zxidAt(server);
    const answer = readValue(tree, op, session);
    const error = typeof answer.error === "string" ? answer.error : "ok";
    const outcome = error === "NONODE" || error === "NOAUTH" ? error : "ok";
    const kind = op.watch ? watchArmedBy(op.op, outcome) : undefined;
    if (kind !== undefined) zk.watches[server]?.push({ session, kind, path: op.path, zxid });
    zk.lastZxid[client] = Math.max(zk.lastZxid[client] ?? 0, zxid);
    zk.records.push(reply(client, answer, server, zxid));
    return;
  }
  if (op.op === "addWatch") {
    const zxid = zk.zxidAt(server);
    zk.watches[server]?.push({ session, kind: op.mode, path: op.path, zxid });
    zk.lastZxid[client] = Math.max(zk.lastZxid[client] ?? 0, zxid);
    zk.records.push(reply(client, {}, server, zxid));
    return;
  }
  if (op.op === "sync" || !isWriteOp(op)) throw new Error(`unsupported ${f}`);
  const { zxid, value: answer } = zk.commit(op, session);
  // The client's server applies the commit before it answers (read-your-writes).
  zk.catchUp(server, zk.log.length);
  zk.lastZxid[client] = zxid;
  zk.acknowledged.add(zxid);
  zk.records.push(reply(client, answer, server, zxid));
}

function isWriteOp(op: ApplicationOp): op is WriteToReplay["call"] {
  return ["create", "delete", "setData", "setACL", "multi", "closeSession"].includes(op.op);
}

function reply(client: number, value: Json, server: number, zxid: number): ZkRecord {
  const name = SERVER_NAMES[server] ?? "n1";
  return {
    kind: "complete",
    process: client,
    type: "ok",
    value,
    session: sessionOf(client),
    server: name,
    zxid,
  };
}

function lostReply(
  zk: ReferenceZooKeeper,
  action: Extract<SimAction, { kind: "lost-reply" }>,
): void {
  const op = decode(action.f, action.value);
  if (!isWriteOp(op)) throw new Error(`lost-reply needs a write, got ${action.f}`);
  const session = sessionOf(action.client);
  const server = SERVER_NAMES[zk.clientServer[action.client] ?? 0] ?? "n1";
  zk.records.push({ kind: "invoke", process: action.client, f: action.f, value: action.value });
  if (action.applied) zk.commit(op, session);
  const value = { error: "CONNECTIONLOSS" };
  zk.records.push({
    kind: "complete",
    process: action.client,
    type: "info",
    value,
    session,
    server,
    zxid: null,
  });
  switchServer(zk, action.client, action.server);
}

/**
 * The session reconnects to `server`; a server behind the session's lastZxid refuses it, which this
 * simulator models by letting the server catch up first. Watches move with setWatches: each one-shot
 * watch fires at once (zxid -1) if a qualifying change lies between where it was armed and the new
 * server's state; persistent watches are re-armed, missing what changed meanwhile.
 */
function switchServer(zk: ReferenceZooKeeper, client: number, server: number): void {
  const session = sessionOf(client);
  const old = zk.clientServer[client] ?? 0;
  const needed = zk.log.findIndex((entry) => entry.zxid > (zk.lastZxid[client] ?? 0));
  zk.catchUp(server, needed < 0 ? zk.log.length : needed);
  zk.clientServer[client] = server;
  if (old === server) return;
  zk.connected(client, server);
  const moving = (zk.watches[old] ?? []).filter((watch) => watch.session === session);
  zk.watches[old] = (zk.watches[old] ?? []).filter((watch) => watch.session !== session);
  const limit = zk.zxidAt(server);
  // setWatches carries each watched path once per kind (the client's watch tables are keyed by path), so a
  // watch the session armed twice fires once.
  const sent = new Set<string>();
  for (const watch of moving) {
    const key = `${watch.kind}\u0000${watch.path}`;
    if (isOneShot(watch.kind) && sent.has(key)) continue;
    sent.add(key);
    if (!isOneShot(watch.kind)) {
      zk.watches[server]?.push({ ...watch, zxid: limit });
      continue;
    }
    const change = zk.log
      .filter((entry) => entry.zxid > watch.zxid && entry.zxid <= limit)
      .flatMap((entry) => entry.events)
      .find((event) => firesOn(watch.kind, watch.path, event));
    if (change === undefined) zk.watches[server]?.push(watch);
    else
      zk.records.push({
        kind: "watch-event",
        session,
        type: change.type,
        path: change.path,
        zxid: -1,
      });
  }
}

export function simulate(clientCount: number, actions: readonly SimAction[]): SimRun {
  const zk = new ReferenceZooKeeper(clientCount);
  for (const action of actions) run(zk, action);
  return {
    records: zk.records,
    truth: zk.truth,
    timeline: replayWrites(zk.truth),
    acknowledged: zk.acknowledged,
  };
}
