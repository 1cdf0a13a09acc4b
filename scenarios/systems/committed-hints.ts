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
  const hints = new Map<number, number>();
  const used = new Set<number>();
  // First the writes whose txn carries their own data (a create's or setData's): found wherever they are.
  for (const write of unanswered) {
    const record = bySession
      .get(write.session)
      ?.find((txn) => !used.has(txn.header.zxid) && fits(txn.txn, write) === "exactly");
    if (record === undefined) continue;
    hints.set(write.position, record.header.zxid);
    used.add(record.header.zxid);
  }
  // Then the others in the session's order, each after the txn of the write before it.
  const after = new Map<number, number>();
  for (const write of unanswered) {
    const known = hints.get(write.position);
    if (known !== undefined) {
      after.set(write.session, known);
      continue;
    }
    const record = bySession
      .get(write.session)
      ?.find(
        (txn) =>
          txn.header.zxid > (after.get(write.session) ?? 0) &&
          !used.has(txn.header.zxid) &&
          fits(txn.txn, write) === "maybe",
      );
    if (record === undefined) continue;
    hints.set(write.position, record.header.zxid);
    used.add(record.header.zxid);
    after.set(write.session, record.header.zxid);
  }
  return hints;
}

/**
 * Whether the txn could be this call's: "exactly" when it carries the call's path and data (a create's,
 * a setData's), "maybe" when only its kind and path fit (a delete, a setACL, a multi, an error txn).
 */
function fits(txn: Txn, unanswered: UnansweredWrite): "exactly" | "maybe" | "no" {
  const decoded = decodeCall(unanswered.f, unanswered.value);
  if (!decoded.ok) return "no";
  const call = decoded.value;
  if (call.call === "close") return txn.type === "closeSession" ? "maybe" : "no";
  if (call.call !== "op") return "no";
  const op = call.op;
  const write = ["create", "delete", "setData", "setACL", "multi"].includes(op.op);
  if (txn.type === "error") return write ? "maybe" : "no";
  switch (txn.type) {
    case "create":
      return op.op === "create" && txn.path.startsWith(op.path) && txn.data === op.data
        ? "exactly"
        : "no";
    case "setData":
      return op.op === "setData" && op.path === txn.path && txn.data === op.data ? "exactly" : "no";
    case "delete":
    case "setACL":
      return op.op === txn.type && op.path === txn.path ? "maybe" : "no";
    case "multi":
      return op.op === "multi" ? "maybe" : "no";
    default:
      return "no";
  }
}
