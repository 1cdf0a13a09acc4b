// A failed txn-log flush (`SyncRequestProcessor.run` catches the IOException and dies; the server's state is
// ERROR, the role ends, the peer goes LOOKING and rejoins without a restart), and ZOOKEEPER-4882's fix: a tree
// ahead of the flushed log is reloaded from disk, so the leader syncs the lost txns back.
import { describe, expect, test } from "vitest";
import type { BugId } from "../../../protocol/planted-bugs/index.js";
import { refusedStart } from "../../../protocol/zab/liveness.js";
import type { ZabMessage } from "../../../protocol/zab/messages.js";
import { step } from "../../../protocol/zab/peer.js";
import { DROP_OUTPUTS } from "../../../protocol/zab/state-machine.js";
import { makeZxid } from "../../../protocol/zab/zxid.js";
import type { Effect, NodeId } from "../../../sim/api/index.js";
import { ensemble, lastLeader, observed, violations, writeLoad } from "./harness.js";
import { boot, config3, disk, feed, lastFsyncToken, msg, N1, N2, N3 } from "./unit.js";

function withDiskError(seed: number, bugs: readonly BugId[] = []) {
  const e = ensemble({
    seed,
    servers: 3,
    config: { bugs: [...bugs] },
    disk: { fsyncLatency: { kind: "uniform", minUs: 5_000, maxUs: 40_000 } },
  });
  writeLoad(e, 1_000_000, 5_000_000, 15_000);
  e.sim.run({ untilUs: 2_000_000 });
  const leader = lastLeader(e)?.node;
  const victim = e.servers.find((n) => n !== leader) as NodeId;
  e.sim.schedule([{ atUs: 2_000_000, op: { f: "disk-error", node: victim } }]);
  e.sim.run({ untilUs: 8_000_000 });
  return { e, victim };
}

function loggedZxids(e: ReturnType<typeof withDiskError>["e"], node: NodeId): number[] {
  const records = e.sim.nodeOf(node).disk.readLog("txnlog").records as { zxid: number }[];
  return records.map((r) => r.zxid);
}

/** The victim's durable log is not one contiguous stretch of the leader's. */
function hasHole(r: ReturnType<typeof withDiskError>): boolean {
  const leader = lastLeader(r.e)?.node as NodeId;
  const mine = loggedZxids(r.e, r.victim);
  const theirs = loggedZxids(r.e, leader);
  const from = theirs.indexOf(mine[0] as number);
  return from < 0 || theirs.slice(from, from + mine.length).join() !== mine.join();
}

describe("a transient txn-log write error (SyncRequestProcessor)", () => {
  test("the follower leaves its role, rejoins, and its log ends up without a hole", () => {
    const { e, victim } = withDiskError(3);
    const logs = e.sim.logs.filter((l) => l.node === victim).map((l) => l.text);
    expect(logs.some((t) => t.includes("IOException: write failed (log-synced)"))).toBe(true);
    expect(logs.some((t) => t.startsWith("FOLLOWING -> LOOKING: IOException"))).toBe(true);
    expect(observed(e, "state", victim).at(-1)?.observation.role).toBe("FOLLOWING");
    expect(violations(e)).toEqual([]);
    const leader = lastLeader(e)?.node as NodeId;
    const mine = loggedZxids(e, victim);
    const theirs = loggedZxids(e, leader);
    const from = theirs.indexOf(mine[0] as number);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(mine).toEqual(theirs.slice(from, from + mine.length));
  });

  test("fixed: the tree ahead of the flushed log is reloaded ('memory database is ahead of disk'); planted ZOOKEEPER-4882 keeps it and is DIFFed past the lost txns", () => {
    const reloads = (r: ReturnType<typeof withDiskError>) =>
      r.e.sim.logs.filter((l) => l.node === r.victim && l.text.includes("ahead of disk")).length;
    // The first seed whose failed flush had txns committed in memory by the other two meanwhile.
    const seed = [...Array(20).keys()].map((i) => i + 1).find((s) => reloads(withDiskError(s)) > 0);
    expect(seed).toBeDefined();
    const fixed = withDiskError(seed ?? 0);
    expect(violations(fixed.e)).toEqual([]);
    const planted = withDiskError(seed ?? 0, ["ZOOKEEPER-4882"]);
    expect(reloads(planted)).toBe(0);
    // The follower's log skips the txns it committed in memory only: a restart would lose them.
    expect(hasHole(fixed)).toBe(false);
    expect(hasHole(planted)).toBe(true);
  });
});

describe("liveness: a refused start", () => {
  test("a server whose last start was refused is reported; one that started again later is not", () => {
    const refused = {
      kind: "refused",
      reason: "The accepted epoch, 1 is less than the current epoch, 2",
    };
    const start = { kind: "start", lastZxid: 0, baseZxid: 0, acceptedEpoch: 0, currentEpoch: 0 };
    const down = refusedStart([
      { timeUs: 1, node: "n1", observation: start },
      { timeUs: 5, node: "n2", observation: refused },
    ]);
    expect(down?.ok).toBe(false);
    expect(down?.at).toEqual({ timeUs: 5, node: "n2" });
    expect(down?.message).toMatch(/^n2 refused to start .* stays down/);
    const back = refusedStart([
      { timeUs: 5, node: "n2", observation: refused },
      { timeUs: 9, node: "n2", observation: start },
    ]);
    expect(back).toBeNull();
  });
});

describe("a failed acceptedEpoch write (ZOOKEEPER-2307)", () => {
  const files = { acceptedEpoch: 1, currentEpoch: 1 };
  function failLeaderInfo(bugs: readonly BugId[]) {
    const config = config3({ bugs: [...bugs] });
    const view = disk(files);
    let d = boot(config, N1, view);
    const vote = { leader: N3, zxid: makeZxid(1, 0), peerEpoch: 1 };
    const n = {
      type: "NOTIFICATION" as const,
      vote,
      electionEpoch: 3,
      state: "FOLLOWING" as const,
    };
    d = feed(config, feed(config, d, msg(N2, n)), msg(N3, { ...n, state: "LEADING" }));
    d = feed(config, d, msg(N3, { type: "LEADERINFO", epoch: 4 }));
    expect(d.state.acceptedEpoch).toBe(4);
    const out: Effect<ZabMessage>[] = [];
    const input = { kind: "fsync-done" as const, token: lastFsyncToken(d), failed: true };
    const env = { config, nowUs: 0, outputs: DROP_OUTPUTS, disk: view };
    return { state: step(d.state, input, env, out), effects: out };
  }

  test("fixed ('Update acceptedEpoch and currentEpoch in file first then in memory'): memory keeps the file's epoch, the learner goes LOOKING", () => {
    const failed = failLeaderInfo([]);
    expect(failed.state.role).toBe("LOOKING");
    expect(failed.state.acceptedEpoch).toBe(1);
    expect(failed.effects.some((e) => e.kind === "send" && e.msg.type === "ACKEPOCH")).toBe(false);
  });

  test("planted: memory was set before the write, and keeps the epoch the file never got", () => {
    const failed = failLeaderInfo(["ZOOKEEPER-2307"]);
    expect(failed.state.role).toBe("LOOKING");
    expect(failed.state.acceptedEpoch).toBe(4);
  });
});
