// Runs CallOps on a real ZooKeeper through jute-client.ts, with what the Java client adds on top of the
// wire: its watch bookkeeping (ZKWatchManager) and its answer to checkWatches/removeWatches from it.

import { codeOfNumber } from "../../protocol/zk/data-tree/index.js";
import {
  type CallOp,
  type CallOutcome,
  callAcl,
  passwords,
  sizedDataLength,
  type WatcherTypeName,
} from "./calls-ops.js";
import {
  type JuteReader,
  type JuteSession,
  JuteWriter,
  type RawReply,
  type RawStat,
  readStat,
} from "./jute-client.js";
import { absolute, type NormalStat, type ReceivedEvent, type SessionLabel } from "./ops.js";

/** ZooDefs.OpCode. */
const OP = {
  create2: 15,
  setData: 5,
  exists: 3,
  getData: 4,
  getChildren: 8,
  getChildren2: 12,
  checkWatches: 17,
  removeWatches: 18,
  multiRead: 22,
  whoAmI: 107,
} as const;
const WATCHER_TYPE: Readonly<Record<WatcherTypeName, number>> = { children: 1, data: 2, any: 3 };
const EVENT_TYPES: Readonly<Record<number, string>> = {
  1: "NodeCreated",
  2: "NodeDeleted",
  3: "NodeDataChanged",
  4: "NodeChildrenChanged",
};

/** The Java client's watch tables for its one default watcher: path sets per kind. */
type ClientWatches = Record<"data" | "exist" | "child", Set<string>>;

export function emptyWatches(): ClientWatches {
  return { data: new Set(), exist: new Set(), child: new Set() };
}

/** ZKWatchManager.materialize for one event: which one-shot watches it spends. */
export function materialize(watches: ClientWatches, type: number, path: string): void {
  if (type === 1 || type === 2 || type === 3) {
    watches.data.delete(path);
    watches.exist.delete(path);
  }
  if (type === 2 || type === 4) watches.child.delete(path);
}

/**
 * ZKWatchManager.removeWatcher: containsWatcher first (NOWATCHER), then "if (!local && rc != OK) throw
 * KeeperException.create(rc)", then remove Children: childWatches; Data: dataWatches, existWatches;
 * Any: all of them; nothing removed is NOWATCHER.
 */
export function removeLocally(
  watches: ClientWatches,
  path: string,
  type: WatcherTypeName,
  local: boolean,
  rc: string,
): string {
  const tables =
    type === "children"
      ? [watches.child]
      : type === "data"
        ? [watches.data, watches.exist]
        : [watches.child, watches.data, watches.exist];
  if (!tables.some((table) => table.has(path))) return "NOWATCHER";
  if (!local && rc !== "OK") return rc;
  return tables.map((table) => table.delete(path)).some(Boolean) ? "OK" : "NOWATCHER";
}

export type RealCallSession = {
  readonly label: SessionLabel;
  readonly jute: JuteSession;
  readonly watches: ClientWatches;
  readonly name: string;
};

export type RealContext = {
  readonly root: string;
  readonly owners: ReadonlyMap<bigint, string>;
  readonly received: ReceivedEvent[];
};

/** A real Stat as the comparison reads it; an owner not in `owners` is "?". */
export function statOf(raw: RawStat, owners: ReadonlyMap<bigint, string>): NormalStat {
  return {
    czxid: Number(raw.czxid),
    mzxid: Number(raw.mzxid),
    pzxid: Number(raw.pzxid),
    version: raw.version,
    cversion: raw.cversion,
    aversion: raw.aversion,
    ephemeralOwner: raw.ephemeralOwner === 0n ? "0" : (owners.get(raw.ephemeralOwner) ?? "?"),
    dataLength: raw.dataLength,
    numChildren: raw.numChildren,
  };
}

const codeName = (err: number): string => codeOfNumber(err) ?? String(err);

/** Moves the notifications the session received into the context's list, spending its watches. */
export function collectEvents(session: RealCallSession, into: ReceivedEvent[]): void {
  for (const event of session.jute.events.splice(0)) {
    materialize(session.watches, event.type, event.path);
    into.push({ session: session.name, type: EVENT_TYPES[event.type] ?? "?", path: event.path });
  }
}

export async function runRealCall(
  session: RealCallSession,
  op: CallOp,
  ctx: RealContext,
): Promise<CallOutcome> {
  const path = "path" in op ? absolute(ctx.root, op.path) : ctx.root;
  const jute = session.jute;
  const send = async (type: number, record: Buffer): Promise<RawReply> => {
    const reply = await jute.request(type, record);
    collectEvents(session, ctx.received);
    return reply;
  };
  const stat = (raw: RawStat) => statOf(raw, ctx.owners);
  switch (op.op) {
    case "create":
    case "setData":
    case "sized":
      return runWrite(op, path, send, stat);
    case "getData":
    case "exists":
    case "getChildren":
      return runRead(session, op, path, send, stat);
    case "checkWatches":
    case "removeWatches": {
      const record = new JuteWriter().string(path).int(WATCHER_TYPE[op.watcherType]).done();
      const reply = await send(OP[op.op], record);
      if (reply.lost) return { ok: false, code: "CONNECTIONLOSS" };
      const code = removeLocally(
        session.watches,
        path,
        op.watcherType,
        op.local,
        codeName(reply.err),
      );
      return code === "OK" ? { ok: true } : { ok: false, code };
    }
    case "whoAmI": {
      const reply = await send(OP.whoAmI, Buffer.alloc(0));
      if (reply.lost || reply.err !== 0) return failure(reply);
      const count = reply.body.int();
      const clientInfo = Array.from({ length: count }, () => ({
        authScheme: reply.body.string() ?? "",
        user: reply.body.string() ?? "",
      }));
      return { ok: true, clientInfo };
    }
    case "addAuth":
      jute.addAuth("digest", `${op.user}:${passwords[op.user]}`);
      return { ok: true };
    case "multiRead":
      return runMultiRead(op, ctx.root, send, stat);
  }
}

function failure(reply: RawReply): CallOutcome {
  return reply.lost
    ? { ok: false, code: "CONNECTIONLOSS" }
    : { ok: false, code: codeName(reply.err) };
}

type Send = (type: number, record: Buffer) => Promise<RawReply>;
type StatFn = (raw: RawStat) => NormalStat;

async function runWrite(
  op: CallOp & { op: "create" | "setData" | "sized" },
  path: string,
  send: Send,
  stat: StatFn,
): Promise<CallOutcome> {
  const isCreate = op.op === "create" || (op.op === "sized" && op.write === "create");
  let data: Buffer | null;
  if (op.op === "sized") data = Buffer.alloc(sizedDataLength(op, path), "x");
  else data = op.data === null ? null : Buffer.from(op.data, "utf8");
  const acl = callAcl(op.op === "create" ? op.acl : undefined);
  const record = isCreate
    ? new JuteWriter().string(path).buffer(data).acl(acl).int(0).done()
    : new JuteWriter().string(path).buffer(data).int(-1).done();
  if (op.op === "sized" && 8 + record.length !== op.packetLength) {
    throw new Error(`sized ${op.write} is ${8 + record.length} bytes, not ${op.packetLength}`);
  }
  const reply = await send(isCreate ? OP.create2 : OP.setData, record);
  if (reply.lost || reply.err !== 0) return failure(reply);
  if (!isCreate) return { ok: true, stat: stat(readStat(reply.body)) };
  return { ok: true, path: reply.body.string() ?? "", stat: stat(readStat(reply.body)) };
}

async function runRead(
  session: RealCallSession,
  op: CallOp & { op: "getData" | "exists" | "getChildren" },
  path: string,
  send: Send,
  stat: StatFn,
): Promise<CallOutcome> {
  const type = op.op === "getChildren" ? OP.getChildren2 : OP[op.op];
  const reply = await send(type, new JuteWriter().string(path).bool(op.watch).done());
  if (reply.lost) return failure(reply);
  const code = codeName(reply.err);
  if (op.watch) {
    if (op.op === "exists" && code === "NONODE") session.watches.exist.add(path);
    else if (code === "OK")
      (op.op === "getChildren" ? session.watches.child : session.watches.data).add(path);
  }
  if (reply.err !== 0) return failure(reply);
  if (op.op === "exists") return { ok: true, stat: stat(readStat(reply.body)) };
  if (op.op === "getData") {
    const data = reply.body.buffer();
    return {
      ok: true,
      data: data === null ? null : data.toString("utf8"),
      stat: stat(readStat(reply.body)),
    };
  }
  const children = reply.body.strings().sort();
  return { ok: true, children, stat: stat(readStat(reply.body)) };
}

/** MultiOperationRecord: MultiHeader {type, done, err} before each op, {-1, true, -1} after the last. */
async function runMultiRead(
  op: CallOp & { op: "multiRead" },
  root: string,
  send: Send,
  stat: StatFn,
): Promise<CallOutcome> {
  const record = new JuteWriter();
  for (const sub of op.ops) {
    record.int(OP[sub.op]).bool(false).int(-1).string(absolute(root, sub.path)).bool(false);
  }
  record.int(-1).bool(true).int(-1);
  const reply = await send(OP.multiRead, record.done());
  if (reply.lost || reply.err !== 0) return failure(reply);
  return { ok: true, results: readMultiRead(reply.body, stat) };
}

function readMultiRead(r: JuteReader, stat: StatFn): CallOutcome[] {
  const results: CallOutcome[] = [];
  for (;;) {
    const type = r.int();
    const done = r.bool();
    r.int();
    if (done) return results;
    if (type === OP.getData) {
      const data = r.buffer();
      results.push({
        ok: true,
        data: data === null ? null : data.toString("utf8"),
        stat: stat(readStat(r)),
      });
    } else if (type === OP.getChildren) {
      results.push({ ok: true, children: r.strings().sort() });
    } else {
      results.push({ ok: false, code: codeName(r.int()) });
    }
  }
}
