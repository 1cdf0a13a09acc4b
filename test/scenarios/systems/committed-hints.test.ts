// The recorder's hints for unanswered writes: a create's or setData's own txn is found wherever it is; the
// rest follow the session's order; a read never takes a txn.
import { expect, test } from "vitest";
import type { TxnRecord } from "../../../protocol/zk/data-tree/index.js";
import { committedHints } from "../../../scenarios/systems/committed-hints.js";

const S = 0x100000001;
const txn = (zxid: number, body: TxnRecord["txn"], sessionId = S): TxnRecord => ({
  header: { sessionId, zxid, timeMs: 0 },
  txn: body,
});

test("each unanswered write gets the txn that carries it, in the session's order, and reads get none", () => {
  const deliveries = new Map<number, TxnRecord>([
    [10, txn(10, { type: "setData", path: "/k", data: "answered", version: 1 })],
    [11, txn(11, { type: "error", code: "NONODE" })],
    [12, txn(12, { type: "setData", path: "/k", data: "b", version: 2 })],
    [13, txn(13, { type: "setData", path: "/k", data: "a", version: 3 })],
    [14, txn(14, { type: "delete", path: "/k/x" }, 0x200000001)],
  ]);
  const hints = committedHints(
    [
      { position: 1, session: S, f: "setData", value: { path: "/k", data: "a", version: -1 } },
      { position: 2, session: S, f: "getData", value: { path: "/k", watch: false } },
      { position: 3, session: S, f: "delete", value: { path: "/k/y", version: -1 } },
      { position: 4, session: S, f: "setData", value: { path: "/k", data: "b", version: -1 } },
      { position: 5, session: S, f: "delete", value: { path: "/k/x", version: -1 } },
    ],
    deliveries,
    new Set([10]),
  );
  // "a" sits after "b" in the log: the data decides, not the order. No write takes the error txn (it
  // names no call), and the other session's delete is not this session's.
  expect([...hints.entries()].sort((l, r) => l[0] - r[0])).toEqual([
    [1, 13],
    [4, 12],
  ]);
});
