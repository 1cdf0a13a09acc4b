// Which committed txn each unanswered workload write became, as the simulator knows and a client never
// does: the hint the ZooKeeper check tries first for the writes it must otherwise place from evidence
// (protocol/zk/consistency/zk-history.ts, `committed`). A session's requests are prepared in the order it
// sent them, so its txns no client saw answered are matched to its unanswered writes in order, each to the
// first later txn that fits the call. A wrong match costs the check one judged placement, nothing more:
// the hint is judged by every rule like any placement.

import { decodeCall } from "../../protocol/zk/client/index.js";
import type { Txn, TxnRecord } from "../../protocol/zk/data-tree/index.js";
import type { Json } from "../../sim/api/index.js";

/** An unanswered write as the recorder saw it: its record position, session and call. */
export type UnansweredWrite = {
  readonly position: number;
  readonly session: number;
  readonly f: string;
  readonly value: Json;
};

/** record position → the zxid its write was committed at. */
export function committedHints(
  unanswered: readonly UnansweredWrite[],
  deliveries: ReadonlyMap<number, TxnRecord>,
  answered: ReadonlySet<number>,
): Map<number, number> {
  const bySession = new Map<number, TxnRecord[]>();
  for (const [zxid, record] of deliveries) {
    if (answered.has(zxid) || record.header.sessionId === 0) continue;
    const list = bySession.get(record.header.sessionId) ?? [];
    bySession.set(record.header.sessionId, list);
    list.push(record);
  }
  for (const list of bySession.values()) list.sort((a, b) => a.header.zxid - b.header.zxid);
  const next = new Map<number, number>();
  const hints = new Map<number, number>();
  for (const write of unanswered) {
    const txns = bySession.get(write.session);
    if (txns === undefined) continue;
    for (let at = next.get(write.session) ?? 0; at < txns.length; at++) {
      const record = txns[at];
      if (record === undefined || !fits(record.txn, write)) continue;
      hints.set(write.position, record.header.zxid);
      next.set(write.session, at + 1);
      break;
    }
  }
  return hints;
}

/** Whether the txn could be this call's: same kind and path; an error txn fits any write. */
function fits(txn: Txn, unanswered: UnansweredWrite): boolean {
  const decoded = decodeCall(unanswered.f, unanswered.value);
  if (!decoded.ok) return false;
  const call = decoded.value;
  if (call.call === "close") return txn.type === "closeSession";
  if (call.call !== "op") return false;
  const op = call.op;
  const write = ["create", "delete", "setData", "setACL", "multi"].includes(op.op);
  if (txn.type === "error") return write;
  switch (txn.type) {
    case "create":
      return op.op === "create" && txn.path.startsWith(op.path) && txn.data === op.data;
    case "setData":
      return op.op === "setData" && op.path === txn.path && txn.data === op.data;
    case "delete":
    case "setACL":
      return op.op === txn.type && op.path === txn.path;
    case "multi":
      return op.op === "multi";
    default:
      return false;
  }
}
