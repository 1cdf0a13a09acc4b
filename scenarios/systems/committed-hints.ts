// Which committed txn each unanswered workload write became, as the simulator knows and a client never
// does: the hint the ZooKeeper check tries first for the writes it must otherwise place from evidence
// (protocol/zk/consistency/zk-history.ts, `committed`). Two passes:
// - a txn that carries a write's own path and data (a create's, a setData's) is that write's, wherever it
//   sits in the log: a session's requests may reach the leader through two connections;
// - the txns left (deletes, multis, failed writes' error txns) are matched in the session's order: a
//   session's requests are prepared in the order it sent them, so its remaining txns, in zxid order, go to
//   its remaining writes, in the order sent, each to the next write whose call could have made it and
//   that was pending when the txn was prepared: sent before, and the session not yet attached elsewhere
//   (the leader then fails a request from the old server with SESSIONMOVED, SessionTrackerImpl.checkSession).
// A wrong match costs the check one judged placement, nothing more: the hint is judged by every rule like
// any placement, and the check replays the call, never the txn.

import { decodeCall } from "../../protocol/zk/client/index.js";
import { isWrite } from "../../protocol/zk/consistency/index.js";
import type { MultiOp, MultiSubTxn, Txn, TxnRecord } from "../../protocol/zk/data-tree/index.js";
import type { ClientWriteOp } from "../../protocol/zk/wire/index.js";
import type { Json } from "../../sim/api/index.js";
import { HintTree } from "./hint-tree.js";

/** An unanswered write as the recorder saw it: its record position, session and call. */
export type UnansweredWrite = {
  readonly position: number;
  /** The history index of its invoke: the order the session sent it in. */
  readonly sent: number;
  /** The history index where its session next attached to a server (+Infinity: never). */
  readonly until: number;
  readonly session: number;
  readonly f: string;
  readonly value: Json;
};

type Pending = { readonly write: UnansweredWrite; readonly op: ClientWriteOp };

/** record position → the zxid its write was committed at. */
export function committedHints(
  unanswered: readonly UnansweredWrite[],
  deliveries: ReadonlyMap<number, TxnRecord>,
  answered: ReadonlySet<number>,
  preparedAt: ReadonlyMap<number, number>,
): Map<number, number> {
  const log = [...deliveries.values()].sort((a, b) => a.header.zxid - b.header.zxid);
  const open = (record: TxnRecord) =>
    !answered.has(record.header.zxid) && record.header.sessionId !== 0;
  const writes = new Map<number, Pending[]>();
  for (const write of [...unanswered].sort((a, b) => a.sent - b.sent)) {
    const op = writeOf(write);
    if (op === undefined) continue;
    const list = writes.get(write.session) ?? [];
    writes.set(write.session, list);
    list.push({ write, op });
  }
  const bySession = new Map<number, TxnRecord[]>();
  for (const record of log) {
    if (!open(record)) continue;
    const list = bySession.get(record.header.sessionId) ?? [];
    bySession.set(record.header.sessionId, list);
    list.push(record);
  }
  const hints = new Map<number, number>();
  const used = new Set<number>();
  for (const [session, pending] of writes) {
    for (const zxid of byOwnData(pending, bySession.get(session) ?? [], hints)) used.add(zxid);
  }
  const order = new SessionOrder(writes, hints, preparedAt);
  const tree = new HintTree();
  for (const record of log) {
    if (open(record) && !used.has(record.header.zxid)) order.match(record, tree);
    tree.apply(record.txn);
  }
  return hints;
}

function writeOf(write: UnansweredWrite): ClientWriteOp | undefined {
  return writeCallOf(write.f, write.value);
}

/** The write a recorded call makes, or undefined for a read (or a call that does not decode). */
export function writeCallOf(f: string, value: Json): ClientWriteOp | undefined {
  const decoded = decodeCall(f, value);
  if (!decoded.ok || decoded.value.call !== "op") return undefined;
  const { op } = decoded.value;
  return isWrite(op) ? op : undefined;
}

/** The first pass: a create's or setData's own txn. Returns the zxids taken. */
function byOwnData(
  pending: readonly Pending[],
  log: readonly TxnRecord[],
  hints: Map<number, number>,
): Set<number> {
  const used = new Set<number>();
  for (const { write, op } of pending) {
    if (op.op !== "create" && op.op !== "setData") continue;
    const record = log.find((txn) => !used.has(txn.header.zxid) && carries(txn.txn, op));
    if (record === undefined) continue;
    hints.set(write.position, record.header.zxid);
    used.add(record.header.zxid);
  }
  return used;
}

/**
 * The second pass: the session's other txns, in zxid order, to its other writes, in the order sent; a
 * failed txn only to a write that fails that way on the tree the txn was prepared on.
 */
class SessionOrder {
  readonly #open = new Map<number, { readonly writes: readonly Pending[]; next: number }>();
  readonly #hints: Map<number, number>;
  readonly #preparedAt: ReadonlyMap<number, number>;

  constructor(
    writes: ReadonlyMap<number, readonly Pending[]>,
    hints: Map<number, number>,
    preparedAt: ReadonlyMap<number, number>,
  ) {
    this.#hints = hints;
    this.#preparedAt = preparedAt;
    for (const [session, pending] of writes) {
      const left = pending.filter(({ write }) => !hints.has(write.position));
      this.#open.set(session, { writes: left, next: 0 });
    }
  }

  match(record: TxnRecord, tree: HintTree): void {
    const session = this.#open.get(record.header.sessionId);
    const prepared = this.#preparedAt.get(record.header.zxid);
    if (session === undefined || prepared === undefined) return;
    const pendingThen = ({ write }: Pending) => write.sent <= prepared && prepared <= write.until;
    const at = session.writes.findIndex(
      (candidate, index) =>
        index >= session.next &&
        pendingThen(candidate) &&
        couldMake(candidate.op, record.txn, tree),
    );
    const taker = session.writes[at];
    if (taker === undefined) return;
    this.#hints.set(taker.write.position, record.header.zxid);
    session.next = at + 1;
  }
}

/** Whether the txn carries this call's path and data: a create's or a setData's own txn. */
function carries(txn: Txn, op: ClientWriteOp): boolean {
  if (txn.type === "create") {
    return op.op === "create" && txn.path.startsWith(op.path) && txn.data === op.data;
  }
  return (
    txn.type === "setData" && op.op === "setData" && op.path === txn.path && txn.data === op.data
  );
}

/** Whether this call could have been prepared as this txn on this tree. */
function couldMake(op: ClientWriteOp, txn: Txn, tree: HintTree): boolean {
  switch (txn.type) {
    case "error":
      return tree.fails(op, txn.code);
    case "delete":
      return op.op === "delete" && op.path === txn.path;
    case "multi":
      return (
        op.op === "multi" &&
        op.ops.length === txn.txns.length &&
        op.ops.every((sub, at) => subFits(sub, txn.txns[at]))
      );
    case "setACL":
      return op.op === "setACL" && op.path === txn.path;
    case "closeSession":
      return op.op === "closeSession";
    default:
      return carries(txn, op);
  }
}

function subFits(op: MultiOp, txn: MultiSubTxn | undefined): boolean {
  if (txn === undefined) return false;
  if (txn.type === "error") return true;
  if (txn.type !== op.op) return false;
  return txn.type === "create" ? txn.path.startsWith(op.path) : txn.path === op.path;
}
