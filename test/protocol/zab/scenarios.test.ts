import { describe, expect, test } from "vitest";
import { epochOf } from "../../../protocol/zab/zxid.js";
import { type NodeId, nodeId } from "../../../sim/api/index.js";
import { isolate } from "../../../sim/network/index.js";
import { ensemble, lastLeader, observed, violations, writeLoad } from "./harness.js";

function leaderAt(e: ReturnType<typeof ensemble>, untilUs: number): NodeId {
  e.sim.run({ untilUs });
  const leader = lastLeader(e);
  if (leader === null) throw new Error("no leader established");
  return nodeId(leader.node);
}

function rolesNow(e: ReturnType<typeof ensemble>): Record<string, string> {
  const roles: Record<string, string> = {};
  for (const r of observed(e, "state")) roles[r.node] = String(r.observation.role);
  return roles;
}

describe("ZAB on the kernel", () => {
  for (const servers of [3, 5]) {
    test(`${servers}-server election: one leader is established in epoch 1 and every other server follows`, () => {
      const e = ensemble({ seed: 11, servers });
      e.sim.run({ untilUs: 2_000_000 });
      const established = observed(e, "leader-established");
      expect(established.length).toBe(1);
      expect(established[0]?.observation.epoch).toBe(1);
      const roles = Object.values(rolesNow(e)).sort();
      expect(roles).toEqual(["LEADING", ...Array(servers - 1).fill("FOLLOWING")].sort());
      expect(violations(e)).toEqual([]);
    });
  }
});

describe("ZAB on the kernel: failover and rejoin", () => {
  test("a leader crash gives a new leader with a higher epoch, which commits writes", () => {
    const e = ensemble({ seed: 3, servers: 3 });
    const old = leaderAt(e, 1_000_000);
    writeLoad(e, 1_000_000, 8_000_000, 250_000);
    e.sim.schedule([{ atUs: 2_000_000, op: { f: "crash", node: old } }]);
    e.sim.run({ untilUs: 9_000_000 });
    const now = lastLeader(e);
    expect(now?.node).not.toBe(old);
    expect(now?.epoch).toBeGreaterThan(1);
    const late = e.sim.history.filter((h) => h.type === "ok" && h.time > 5_000_000_000);
    expect(late.length).toBeGreaterThan(5);
    expect(violations(e)).toEqual([]);
  });

  test("a restarted follower rejoins with DIFF and delivers what it missed", () => {
    const e = ensemble({ seed: 5, servers: 3 });
    const leader = leaderAt(e, 1_000_000);
    const follower = e.servers.find((s) => s !== leader) as NodeId;
    writeLoad(e, 1_000_000, 3_000_000, 200_000);
    e.sim.schedule([
      { atUs: 1_500_000, op: { f: "crash", node: follower } },
      { atUs: 3_500_000, op: { f: "restart", node: follower } },
    ]);
    e.sim.run({ untilUs: 6_000_000 });
    const syncs = observed(e, "sync", follower).map((r) => r.observation.mode);
    expect(syncs[syncs.length - 1]).toBe("DIFF");
    const leaderCount = observed(e, "deliver", leader).length;
    const after = observed(e, "deliver", follower).filter((r) => r.timeUs > 3_500_000);
    expect(after.length).toBeGreaterThan(0);
    expect(after[after.length - 1]?.observation.zxid).toBe(
      observed(e, "deliver", leader)[leaderCount - 1]?.observation.zxid,
    );
    expect(violations(e)).toEqual([]);
  });

  test("an old leader with a txn nobody else logged is TRUNCated when it rejoins", () => {
    const e = ensemble({ seed: 7, servers: 3 });
    const old = leaderAt(e, 1_000_000);
    writeLoad(e, 1_000_000, 1_800_000, 200_000);
    e.sim.schedule([
      { atUs: 2_000_000, op: { f: "partition-start", cuts: isolate(old, e.servers).cuts } },
      { atUs: 2_600_000, op: { f: "crash", node: old } },
      { atUs: 2_700_000, op: { f: "partition-stop" } },
      { atUs: 5_000_000, op: { f: "restart", node: old } },
    ]);
    e.sim.submit({ atUs: 2_100_000, node: old, process: 100, f: "write", value: "lost" });
    e.sim.run({ untilUs: 7_000_000 });
    const sync = observed(e, "sync", old).at(-1)?.observation;
    expect(sync?.mode).toBe("TRUNC");
    const truncated = observed(e, "truncate", old).at(-1)?.observation;
    expect(truncated?.removed).toEqual([expect.objectContaining({ value: "lost" })]);
    expect(violations(e)).toEqual([]);
  });

  test("a follower far behind the committed-log window gets a SNAP", () => {
    const e = ensemble({ seed: 9, servers: 3, config: { committedLogCount: 3 } });
    const leader = leaderAt(e, 1_000_000);
    const follower = e.servers.find((s) => s !== leader) as NodeId;
    writeLoad(e, 1_000_000, 3_000_000, 100_000);
    e.sim.schedule([
      { atUs: 1_100_000, op: { f: "crash", node: follower } },
      { atUs: 3_500_000, op: { f: "restart", node: follower } },
    ]);
    e.sim.run({ untilUs: 6_000_000 });
    expect(observed(e, "sync", follower).at(-1)?.observation.mode).toBe("SNAP");
    expect(violations(e)).toEqual([]);
  });
});

describe("ZAB on the kernel: partitions, observers, durability, determinism", () => {
  test("a partitioned minority leader steps down; the majority elects a leader with a higher epoch", () => {
    const e = ensemble({ seed: 13, servers: 5 });
    const old = leaderAt(e, 1_000_000);
    const buddy = e.servers.find((s) => s !== old) as NodeId;
    const minority = [old, buddy];
    const cuts = e.servers.flatMap((a) =>
      e.servers
        .filter((b) => minority.includes(a) !== minority.includes(b))
        .map((b) => [a, b] as const),
    );
    e.sim.schedule([{ atUs: 2_000_000, op: { f: "partition-start", cuts } }]);
    e.sim.run({ untilUs: 6_000_000 });
    const oldStates = observed(e, "state", old).filter((r) => r.timeUs > 2_000_000);
    expect(oldStates.some((r) => r.observation.role === "LOOKING")).toBe(true);
    const leader = lastLeader(e);
    expect(minority).not.toContain(leader?.node);
    expect(leader?.epoch).toBeGreaterThan(1);
    expect(violations(e)).toEqual([]);
  });

  test("observers learn every committed txn through INFORM and their writes commit, without voting", () => {
    const e = ensemble({ seed: 17, servers: 3, observers: 1 });
    leaderAt(e, 1_000_000);
    writeLoad(e, 1_000_000, 3_000_000, 100_000);
    e.sim.run({ untilUs: 4_000_000 });
    const observer = e.observers[0] as NodeId;
    const zxids = (node: string) => observed(e, "deliver", node).map((r) => r.observation.zxid);
    expect(zxids(observer).length).toBe(20);
    expect(zxids(observer)).toEqual(zxids(e.servers[0] as string));
    const fromObserver = e.sim.history.filter((h) => h.type === "ok" && h.server === observer);
    expect(fromObserver.length).toBe(5);
    expect(violations(e)).toEqual([]);
  });

  test("committed writes survive a crash of every server", () => {
    const e = ensemble({ seed: 19, servers: 3 });
    leaderAt(e, 1_000_000);
    writeLoad(e, 1_000_000, 2_000_000, 100_000);
    e.sim.schedule([
      ...e.servers.map((node) => ({ atUs: 2_500_000, op: { f: "crash" as const, node } })),
      ...e.servers.map((node) => ({ atUs: 3_000_000, op: { f: "restart" as const, node } })),
    ]);
    e.sim.run({ untilUs: 6_000_000 });
    const acked = e.sim.history.filter((h) => h.type === "ok").map((h) => h.zxid);
    expect(acked.length).toBe(10);
    const leader = lastLeader(e);
    expect(leader?.epoch).toBe(2);
    const redelivered = observed(e, "deliver", leader?.node).filter((r) => r.timeUs > 3_000_000);
    const redeliveredZxids: unknown[] = redelivered.map((r) => r.observation.zxid);
    expect(redeliveredZxids).toEqual(expect.arrayContaining(acked as unknown[]));
    expect(acked.every((z) => epochOf(Number(z)) === 1)).toBe(true);
    expect(violations(e)).toEqual([]);
  });

  test("the same seed gives the same trace hash; another seed a different one", () => {
    const run = (seed: number) => {
      const e = ensemble({ seed, servers: 3 });
      writeLoad(e, 1_000_000, 3_000_000, 100_000);
      e.sim.schedule([{ atUs: 2_000_000, op: { f: "crash", node: nodeId("n2") } }]);
      e.sim.run({ untilUs: 5_000_000 });
      return e.sim.traceHash;
    };
    expect(run(42)).toBe(run(42));
    expect(run(42)).not.toBe(run(43));
  });
});
