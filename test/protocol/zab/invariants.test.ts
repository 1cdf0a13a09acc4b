import { describe, expect, test } from "vitest";
import {
  checkZabInvariants,
  ZAB_CHECKERS,
  type ZabRecord,
} from "../../../protocol/zab/invariants/index.js";
import { checkLiveness } from "../../../protocol/zab/liveness.js";
import { makeZxid } from "../../../protocol/zab/zxid.js";
import type { Json } from "../../../sim/api/index.js";
import { nodeId } from "../../../sim/api/index.js";

const z = makeZxid;
const rec = (
  timeUs: number,
  node: string,
  kind: string,
  fields: Record<string, Json> = {},
): ZabRecord => ({
  timeUs,
  node: nodeId(node),
  observation: { kind, ...fields },
});
/** Every replica's state after a zxid has the same digest in the clean trace (here: the zxid's counter). */
const deliver = (
  t: number,
  node: string,
  zxid: number,
  prevZxid: number,
  value: string,
  digest: number = zxid % 2 ** 32,
) => rec(t, node, "deliver", { zxid, prevZxid, value, digest });
const propose = (t: number, node: string, zxid: number, value: string) =>
  rec(t, node, "propose", { zxid, epoch: Math.floor(zxid / 2 ** 32), value });
const accept = (t: number, node: string, zxid: number, value: string) =>
  rec(t, node, "accept", { zxid, value });

/** n1 leads epoch 1 and commits a, b; n3 lags; n2 leads epoch 2, syncs n3 and commits c. */
function cleanTrace(): ZabRecord[] {
  return [
    ...["n1", "n2", "n3"].map((n) =>
      rec(0, n, "start", { lastZxid: 0, baseZxid: 0, acceptedEpoch: 0, currentEpoch: 0 }),
    ),
    rec(10, "n1", "leader-established", { epoch: 1, lastZxid: 0 }),
    propose(20, "n1", z(1, 1), "a"),
    ...["n1", "n2", "n3"].map((n) => accept(21, n, z(1, 1), "a")),
    ...["n1", "n2", "n3"].map((n) => deliver(30, n, z(1, 1), 0, "a")),
    propose(40, "n1", z(1, 2), "b"),
    ...["n1", "n2", "n3"].map((n) => accept(41, n, z(1, 2), "b")),
    deliver(50, "n1", z(1, 2), z(1, 1), "b"),
    deliver(50, "n2", z(1, 2), z(1, 1), "b"),
    rec(60, "n2", "leader-established", { epoch: 2, lastZxid: z(1, 2) }),
    deliver(65, "n3", z(1, 2), z(1, 1), "b"),
    propose(70, "n2", z(2, 1), "c"),
    accept(71, "n2", z(2, 1), "c"),
    accept(71, "n3", z(2, 1), "c"),
    deliver(80, "n2", z(2, 1), z(1, 2), "c"),
    deliver(80, "n3", z(2, 1), z(1, 2), "c"),
  ];
}

function without(records: ZabRecord[], pred: (r: ZabRecord) => boolean): ZabRecord[] {
  return records.filter((r) => !pred(r));
}

const isDeliver = (node: string, zxid: number) => (r: ZabRecord) =>
  r.node === node && r.observation.kind === "deliver" && r.observation.zxid === zxid;

const mutants: { readonly [check: string]: () => ZabRecord[] } = {
  Leadership: () => [
    ...cleanTrace(),
    rec(90, "n3", "leader-established", { epoch: 2, lastZxid: z(2, 1) }),
  ],
  Integrity: () => [...cleanTrace(), deliver(90, "n3", z(2, 2), z(2, 1), "never-proposed")],
  PrefixConsistency: () =>
    cleanTrace().map((r) => (isDeliver("n3", z(1, 1))(r) ? deliver(30, "n3", z(1, 1), 0, "x") : r)),
  Agreement: () => [
    ...cleanTrace(),
    propose(45, "n1", z(1, 3), "d"),
    deliver(90, "n1", z(1, 3), z(1, 2), "d"),
  ],
  TotalOrder: () => [...cleanTrace(), deliver(90, "n2", z(1, 1), 0, "a")],
  LocalPrimaryOrder: () => without(cleanTrace(), isDeliver("n2", z(1, 1))),
  GlobalPrimaryOrder: () => without(cleanTrace(), isDeliver("n3", z(1, 2))),
  PrimaryIntegrity: () => without(cleanTrace(), isDeliver("n2", z(1, 2))),
  LeaderLogCompleteness: () =>
    cleanTrace().map((r) =>
      r.observation.kind === "leader-established" && r.observation.epoch === 2
        ? rec(60, "n2", "leader-established", { epoch: 2, lastZxid: z(1, 1) })
        : r,
    ),
  CommittedLogDurability: () => [
    ...cleanTrace(),
    rec(90, "n3", "truncate", { toZxid: z(1, 1), removed: [{ zxid: z(1, 2), value: "b" }] }),
  ],
  LogMonotonic: () => [...cleanTrace(), accept(90, "n3", z(1, 2), "b")],
  // n3 applied something the others did not (a txn it logged alone and was never truncated, ZOOKEEPER-1154).
  ReplicaAgreement: () =>
    cleanTrace().map((r) =>
      isDeliver("n3", z(2, 1))(r) ? deliver(80, "n3", z(2, 1), z(1, 2), "c", 99) : r,
    ),
  ShouldNotHappen: () => [
    ...cleanTrace(),
    rec(90, "n3", "violation", { flag: "commitInconsistent", message: "COMMIT of no proposal" }),
  ],
};

describe("ZAB invariant checkers catch what they claim", () => {
  test("a clean two-epoch trace passes every checker", () => {
    expect(checkZabInvariants(cleanTrace())).toEqual([]);
  });

  test("every checker has a mutant", () => {
    expect(Object.keys(mutants).sort()).toEqual(Object.keys(ZAB_CHECKERS).sort());
  });

  for (const [name, mutant] of Object.entries(mutants)) {
    test(`${name} reports its violation`, () => {
      const checker = ZAB_CHECKERS[name];
      if (checker === undefined) throw new Error(name);
      expect(checker(cleanTrace())).toEqual([]);
      const found = checker(mutant());
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((v) => v.check.startsWith(name))).toBe(true);
    });
  }
});

describe("CommittedLogDurability and the same-sync re-forwarding of outstanding proposals", () => {
  const truncateB = rec(90, "n3", "truncate", {
    toZxid: z(1, 1),
    removed: [{ zxid: z(1, 2), value: "b" }],
  });
  test("a committed txn truncated and logged again in the same sync is not lost", () => {
    const records = [...cleanTrace(), truncateB, accept(91, "n3", z(1, 2), "b")];
    expect(ZAB_CHECKERS.CommittedLogDurability?.(records)).toEqual([]);
  });
  test("a committed txn truncated and not logged again before the node's next phase is lost", () => {
    const records = [
      ...cleanTrace(),
      truncateB,
      rec(92, "n3", "state", { role: "FOLLOWING", zabState: "BROADCAST" }),
      accept(93, "n3", z(1, 2), "b"),
    ];
    expect(ZAB_CHECKERS.CommittedLogDurability?.(records)).toHaveLength(1);
  });
  test("a txn committed after the leader planned the TRUNC was outstanding, and stays with its quorum", () => {
    // b commits at 50 on n1 and n2; n1 had planned n3's sync at 45, while b was still outstanding.
    const records = [
      ...cleanTrace(),
      rec(45, "n1", "sync-plan", { peer: "n3", mode: "TRUNC", zxid: z(1, 1) }),
    ].sort((a, b) => a.timeUs - b.timeUs);
    const late = [
      ...records,
      truncateB,
      rec(92, "n3", "state", { role: "LOOKING", zabState: "ELECTION" }),
    ];
    expect(ZAB_CHECKERS.CommittedLogDurability?.(late)).toEqual([]);
  });
});

describe("liveness check", () => {
  const trace = (deliverAt: number) => [
    propose(5_000_000, "n2", z(2, 1), "w"),
    deliver(deliverAt, "n2", z(2, 1), 0, "w"),
  ];
  test("a write proposed after healing and committed within the bound passes", () => {
    expect(checkLiveness(trace(5_100_000), 4_000_000, 2_000_000).ok).toBe(true);
  });
  test("a write committed after the bound fails", () => {
    expect(checkLiveness(trace(7_000_000), 4_000_000, 2_000_000).ok).toBe(false);
  });
  test("no write committed after healing fails", () => {
    expect(checkLiveness(trace(5_100_000), 6_000_000, 2_000_000).ok).toBe(false);
  });
});
