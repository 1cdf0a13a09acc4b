// Which committed txn each unanswered workload write became, as the simulator knows and a client never
// does: the hint the ZooKeeper check tries first for the writes it must otherwise place from evidence
// (protocol/zk/consistency/zk-history.ts, `committed`). A session's requests are prepared in the order it
// sent them; a txn no client saw answered that carries a write's own path and data (a create's, a
// setData's) is that write's. Other writes get no hint: a delete or a multi names too little to tell one
// request from the next, and the check replays the call, not the txn, so a wrong match would make a write
// take effect where another did. A wrong match costs the check one judged placement, nothing more:
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
  for (const write of unanswered) {
    const record = bySession
      .get(write.session)
      ?.find((txn) => !used.has(txn.header.zxid) && fits(txn.txn, write));
    if (record === undefined) continue;
    hints.set(write.position, record.header.zxid);
    used.add(record.header.zxid);
  }
  return hints;
}

/** Whether the txn carries this call's path and data: a create's or a setData's own txn. */
function fits(txn: Txn, unanswered: UnansweredWrite): boolean {
  const decoded = decodeCall(unanswered.f, unanswered.value);
  if (!decoded.ok || decoded.value.call !== "op") return false;
  const op = decoded.value.op;
  if (txn.type === "create") {
    return op.op === "create" && txn.path.startsWith(op.path) && txn.data === op.data;
  }
  return (
    txn.type === "setData" && op.op === "setData" && op.path === txn.path && txn.data === op.data
  );
}
