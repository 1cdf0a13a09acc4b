// The recorder's hints for unanswered writes: a create's or setData's own txn is found wherever it is; the
// rest (deletes, multis, error txns) follow the session's order; a read never takes a txn.
import { expect, test } from "vitest";
import type { TxnRecord } from "../../../protocol/zk/data-tree/index.js";
import {
  committedHints,
  type UnansweredWrite,
} from "../../../scenarios/systems/committed-hints.js";

const S = 0x100000001;
const txn = (zxid: number, body: TxnRecord["txn"], sessionId = S): TxnRecord => ({
  header: { sessionId, zxid, timeMs: 0 },
  txn: body,
});
const write = (position: number, f: string, value: UnansweredWrite["value"]): UnansweredWrite => ({
  position,
  sent: position,
  until: Number.POSITIVE_INFINITY,
  session: S,
  f,
  value,
});
/** Every txn prepared at history index 10, after the writes above were sent. */
const preparedLate = (deliveries: Map<number, TxnRecord>) =>
  new Map([...deliveries.keys()].map((zxid) => [zxid, 10]));
const sorted = (hints: Map<number, number>) => [...hints.entries()].sort((l, r) => l[0] - r[0]);

test("a create's or setData's own txn is found by its data, wherever it sits in the log", () => {
  const deliveries = new Map<number, TxnRecord>([
    [10, txn(10, { type: "setData", path: "/k", data: "answered", version: 1 })],
    [12, txn(12, { type: "setData", path: "/k", data: "b", version: 2 })],
    [13, txn(13, { type: "setData", path: "/k", data: "a", version: 3 })],
    [14, txn(14, { type: "delete", path: "/k/x" }, 0x200000001)],
  ]);
  const hints = committedHints(
    [
      write(1, "setData", { path: "/k", data: "a", version: -1 }),
      write(2, "getData", { path: "/k", watch: false }),
      write(4, "setData", { path: "/k", data: "b", version: -1 }),
      write(5, "delete", { path: "/k/x", version: -1 }),
    ],
    deliveries,
    new Set([10]),
    preparedLate(deliveries),
  );
  // "a" sits after "b" in the log (sent through two connections): the data decides. The other session's
  // delete is not this session's, and the read takes nothing.
  expect(sorted(hints)).toEqual([
    [1, 13],
    [4, 12],
  ]);
});

test("deletes, multis and error txns go, in zxid order, to the next write sent that could make them", () => {
  const deliveries = new Map<number, TxnRecord>([
    [20, txn(20, { type: "error", code: "NONODE" })],
    [21, txn(21, { type: "delete", path: "/k/a" })],
    [
      22,
      txn(22, {
        type: "multi",
        txns: [
          { type: "check", path: "/k", version: -1 },
          { type: "error", code: "NONODE" },
        ],
      }),
    ],
    [23, txn(23, { type: "error", code: "NODEEXISTS" })],
    [
      19,
      txn(19, {
        type: "create",
        path: "/k/c",
        data: "",
        acl: [],
        owner: { kind: "none" },
        parentCVersion: 1,
      }),
    ],
  ]);
  const hints = committedHints(
    [
      // The first write sent that could fail with NONODE takes the NONODE txn.
      write(1, "delete", { path: "/k/gone", version: -1 }),
      write(2, "delete", { path: "/k/a", version: -1 }),
      write(3, "multi", {
        ops: [
          { op: "check", path: "/k", version: -1 },
          { op: "delete", path: "/k/m", version: -1 },
        ],
      }),
      // NODEEXISTS is a create's failure: the setData sent before it is passed over.
      write(4, "setData", { path: "/k", data: "never", version: -1 }),
      write(5, "create", { path: "/k/c", data: "x", mode: "persistent" }),
    ],
    deliveries,
    new Set([19]),
    preparedLate(deliveries),
  );
  expect(sorted(hints)).toEqual([
    [1, 20],
    [2, 21],
    [3, 22],
    [5, 23],
  ]);
});

test("a txn no write could have made is left unhinted, and the order never goes back", () => {
  const deliveries = new Map<number, TxnRecord>([
    [30, txn(30, { type: "delete", path: "/k/b" })],
    [31, txn(31, { type: "delete", path: "/k/a" })],
  ]);
  const hints = committedHints(
    [
      write(1, "delete", { path: "/k/a", version: -1 }),
      write(2, "delete", { path: "/k/b", version: -1 }),
    ],
    deliveries,
    new Set(),
    preparedLate(deliveries),
  );
  // /k/b's delete (sent second) took 30; /k/a's, sent before it, cannot take the later 31.
  expect(sorted(hints)).toEqual([[2, 30]]);
});

test("a write takes only a txn prepared while it was pending: sent before, its session not yet moved", () => {
  const deliveries = new Map<number, TxnRecord>([
    [40, txn(40, { type: "delete", path: "/k/a" })],
    [41, txn(41, { type: "error", code: "NONODE" })],
  ]);
  const prepared = new Map([
    [40, 50],
    [41, 70],
  ]);
  const hints = committedHints(
    [
      // Its session attached elsewhere at 60: the leader would have failed it with SESSIONMOVED by 70.
      { ...write(1, "setData", { path: "/k", data: "x", version: -1 }), until: 60 },
      // Sent at 75, after both txns were prepared: neither is its.
      { ...write(2, "delete", { path: "/k/a", version: -1 }), sent: 75 },
      { ...write(3, "create", { path: "/k/b/c", data: "", mode: "persistent" }), sent: 65 },
    ],
    deliveries,
    new Set(),
    prepared,
  );
  expect(sorted(hints)).toEqual([[3, 41]]);
});

test("an error txn goes to a write that fails that way on the tree it was prepared on", () => {
  // /k/e exists when the failed txn is prepared; /k/f does not.
  const made = { data: "", acl: [], owner: { kind: "none" }, parentCVersion: 1 } as const;
  const deliveries = new Map<number, TxnRecord>([
    [49, txn(49, { type: "create", path: "/k/e", ...made })],
    [50, txn(50, { type: "error", code: "NODEEXISTS" })],
  ]);
  const hints = committedHints(
    [
      write(1, "create", { path: "/k/s-", data: "a", mode: "persistent_sequential" }),
      write(2, "create", { path: "/k/f", data: "b", mode: "ephemeral" }),
      write(3, "create", { path: "/k/e", data: "c", mode: "ephemeral" }),
    ],
    deliveries,
    new Set([49]),
    preparedLate(deliveries),
  );
  expect(sorted(hints)).toEqual([[3, 50]]);
});
