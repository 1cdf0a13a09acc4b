// Each ZAB invariant's violation says where it shows (the node's step, its time, the zxid) and gives the
// facts of its story with zxids in hex, as ZooKeeper logs them, never the decimal numbers JSON keeps.
import { describe, expect, test } from "vitest";
import {
  type InvariantViolation,
  ZAB_CHECKERS,
  type ZabRecord,
} from "../../../../protocol/zab/invariants/index.js";
import { makeZxid as z } from "../../../../protocol/zab/zxid.js";
import { type Json, nodeId } from "../../../../sim/api/index.js";

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
const start = (node: string) => rec(0, node, "start", { lastZxid: 0, baseZxid: 0 });
const propose = (t: number, node: string, zxid: number, value: string) =>
  rec(t, node, "propose", { zxid, epoch: Math.floor(zxid / 2 ** 32), value });
const deliver = (
  t: number,
  node: string,
  zxid: number,
  prevZxid: number,
  value: string,
  digest = 1,
) => rec(t, node, "deliver", { zxid, prevZxid, value, digest });

const DECIMAL_ID = /(?<![\w-])[1-9]\d{9,}\b/;

function only(check: string, records: readonly ZabRecord[]): InvariantViolation {
  const found = ZAB_CHECKERS[check]?.(records) ?? [];
  expect(found.map((v) => v.check)).toContain(check);
  const violation = found.find((v) => v.check === check);
  if (violation === undefined) throw new Error(`no ${check}`);
  expect(violation.message).not.toMatch(DECIMAL_ID);
  expect(violation.story).not.toMatch(DECIMAL_ID);
  return violation;
}

describe("ZAB invariant violations: located and told", () => {
  test("Agreement: the forking delivery, with both txns and the earlier one's node and time", () => {
    const v = only("Agreement", [
      start("n1"),
      start("n2"),
      ...[propose(10, "n1", z(1, 1), "a"), propose(20, "n2", z(2, 1), "b")],
      deliver(1_500_000, "n1", z(1, 1), 0, "a"),
      deliver(2_500_000, "n2", z(2, 1), 0, "b"),
    ]);
    expect(v.at).toEqual({ node: "n2", timeUs: 2_500_000, zxid: z(2, 1) });
    expect(v.story).toContain('n2 delivered 0x200000001 ("b") at 2.500 s');
    expect(v.story).toContain('n1 had delivered 0x100000001 ("a") at 1.500 s');
  });

  test("PrefixConsistency: one zxid delivered as two txns", () => {
    const v = only("PrefixConsistency", [
      deliver(1_000_000, "n1", z(1, 1), 0, "a"),
      deliver(2_000_000, "n2", z(1, 1), 0, "b"),
    ]);
    expect(v.at).toEqual({ node: "n2", timeUs: 2_000_000, zxid: z(1, 1) });
    expect(v.story).toContain('n1 had delivered 0x100000001 as "a" at 1.000 s');
  });

  test("TotalOrder: a delivery below one already made", () => {
    const v = only("TotalOrder", [
      deliver(1_000_000, "n1", z(1, 2), z(1, 1), "b"),
      deliver(2_000_000, "n1", z(1, 1), 0, "a"),
    ]);
    expect(v.at).toEqual({ node: "n1", timeUs: 2_000_000, zxid: z(1, 1) });
    expect(v.story).toContain('already delivered 0x100000002 ("b") at 1.000 s');
  });

  test("LocalPrimaryOrder: names the skipped proposal, its leader and when it was proposed", () => {
    const v = only("LocalPrimaryOrder", [
      propose(100_000, "n1", z(1, 1), "a"),
      propose(200_000, "n1", z(1, 2), "b"),
      deliver(300_000, "n2", z(1, 2), z(1, 1), "b"),
    ]);
    expect(v.at).toEqual({ node: "n2", timeUs: 300_000, zxid: z(1, 2) });
    expect(v.story).toContain(
      "without 0x100000001, which its leader n1 had proposed before it in epoch 1 at 0.100 s",
    );
  });
});

describe("ZAB log and leadership violations: located and told", () => {
  test("LeaderLogCompleteness: at the establishment, about the oldest committed txn it lacks", () => {
    const v = only("LeaderLogCompleteness", [
      deliver(1_000_000, "n1", z(1, 1), 0, "a"),
      rec(2_000_000, "n2", "leader-established", { epoch: 2, lastZxid: 0 }),
    ]);
    expect(v.at).toEqual({ node: "n2", timeUs: 2_000_000, zxid: z(1, 1) });
    expect(v.story).toContain("leader of epoch 2 at 2.000 s with its log ending at 0x0");
    expect(v.story).toContain('0x100000001, "a", first delivered at 1.000 s');
  });

  test("CommittedLogDurability: at the TRUNC, with when and where the txn was committed", () => {
    const v = only("CommittedLogDurability", [
      deliver(1_000_000, "n1", z(1, 1), 0, "a"),
      rec(2_000_000, "n2", "truncate", { toZxid: 0, removed: [{ zxid: z(1, 1), value: "a" }] }),
      rec(2_100_000, "n2", "state", { role: "FOLLOWING" }),
    ]);
    expect(v.at).toEqual({ node: "n2", timeUs: 2_000_000, zxid: z(1, 1) });
    expect(v.story).toContain(
      "n2 truncated 0x100000001 from its log at 2.000 s, committed at 1.000 s (first delivered by n1)",
    );
  });

  test("ReplicaAgreement: two digests after one zxid, with the txn", () => {
    const v = only("ReplicaAgreement", [
      deliver(1_000_000, "n1", z(1, 1), 0, "a", 7),
      deliver(1_200_000, "n2", z(1, 1), 0, "a", 8),
    ]);
    expect(v.at).toEqual({ node: "n2", timeUs: 1_200_000, zxid: z(1, 1) });
    expect(v.story).toContain('After applying 0x100000001 ("a") at 1.200 s');
  });

  test("Leadership: the second establishment of an epoch, naming the first", () => {
    const v = only("Leadership", [
      rec(1_000_000, "n1", "leader-established", { epoch: 3, lastZxid: 0 }),
      rec(2_000_000, "n2", "leader-established", { epoch: 3, lastZxid: 0 }),
    ]);
    expect(v.at).toEqual({ node: "n2", timeUs: 2_000_000 });
    expect(v.story).toContain("n1 had been established in the same epoch at 1.000 s");
  });

  test("PrimaryIntegrity: at the first proposal, about the first committed txn it had not delivered", () => {
    const v = only("PrimaryIntegrity", [
      start("n1"),
      start("n2"),
      deliver(1_000_000, "n1", z(1, 1), 0, "a"),
      propose(2_000_000, "n2", z(2, 1), "b"),
    ]);
    expect(v.at).toEqual({ node: "n2", timeUs: 2_000_000, zxid: z(1, 1) });
    expect(v.story).toContain(
      "first proposal of epoch 2 at 2.000 s without having delivered 0x100000001",
    );
  });
});

describe("ZooKeeper txns in invariant messages", () => {
  test("are named by type and path, never by their JSON with decimal session ids", () => {
    const txn = {
      header: { sessionId: 0x20000000001, zxid: z(1, 1) },
      txn: { type: "create", path: "/a" },
    };
    const records = [
      rec(1_000_000, "n1", "deliver", { zxid: z(1, 1), prevZxid: 0, value: txn }),
      rec(2_000_000, "n2", "truncate", { toZxid: 0, removed: [{ zxid: z(1, 1), value: txn }] }),
    ];
    const v = only("CommittedLogDurability", records);
    expect(v.message).toBe("n2 truncated committed txn 0x100000001 (create /a) at 2.000 s");
    expect(only("Integrity", records).message).toBe(
      "n1 delivered 0x100000001 (create /a), never proposed",
    );
  });
});
