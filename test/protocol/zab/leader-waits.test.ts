// The leader's waits and its synced-learner accounting, one test per rule of ZooKeeper 3.9.5's `Leader` and
// `LearnerHandler` (quoted): the three initLimit waits, a learner more recent than the leader, the epoch
// over observers too, `tickOfNextAckDeadline` in broadcast, and `SyncLimitCheck`.
import { describe, expect, test } from "vitest";
import type { ZabMessage } from "../../../protocol/zab/messages.js";
import type { SyncLimitCheck } from "../../../protocol/zab/state.js";
import {
  checkAfterAck,
  checkAfterProposal,
  isWithinSyncLimit,
} from "../../../protocol/zab/sync-limit-check.js";
import { makeZxid, ZXID_ZERO, type Zxid } from "../../../protocol/zab/zxid.js";
import { ms, type NodeId, nodeId } from "../../../sim/api/index.js";
import { isolate } from "../../../sim/network/index.js";
import { ensemble, observed } from "./harness.js";
import {
  boot,
  config3,
  type Driven,
  disk,
  feed,
  kinds,
  lastFsyncToken,
  msg,
  N1,
  N2,
  N3,
  sends,
} from "./unit.js";

const z = makeZxid;
const O1 = nodeId("o1");
const cfg = config3({ observers: [O1] });
const limitUs = cfg.tickTimeUs * cfg.initLimit;

/** N3 elected with N1's vote, leading in DISCOVERY with acceptedEpoch = currentEpoch = 2 and an empty log. */
function leader(): Driven {
  const l = boot(cfg, N3, disk({ acceptedEpoch: 2, currentEpoch: 2 }));
  const n = {
    type: "NOTIFICATION" as const,
    vote: { leader: N3, zxid: ZXID_ZERO, peerEpoch: 2 },
    electionEpoch: 1,
    state: "LOOKING" as const,
  };
  const led = feed(cfg, feed(cfg, l, msg(N1, n)), { kind: "timer", timer: "fle-finalize" });
  expect(led.state.role).toBe("LEADING");
  return led;
}

const info = (acceptedEpoch: number): ZabMessage => ({
  type: "FOLLOWERINFO",
  acceptedEpoch,
  lastZxid: ZXID_ZERO,
});
const ackEpoch = (currentEpoch: number, lastZxid = ZXID_ZERO): ZabMessage => ({
  type: "ACKEPOCH",
  currentEpoch,
  lastZxid,
});
const limitTimer = (d: Driven) =>
  d.effects.filter(
    (e) => (e.kind === "set-timer" || e.kind === "cancel-timer") && e.timer === "leader-limit",
  );

/** The leader with N1 and N2 connected and epoch 3 durable (LEADERINFO sent to both). */
function epochProposed(): Driven {
  const one = feed(cfg, leader(), msg(N1, info(2)));
  const durable = feed(cfg, one, { kind: "fsync-done", token: lastFsyncToken(one) });
  return feed(cfg, durable, msg(N2, info(2)));
}

describe("the leader's three initLimit waits (`getEpochToPropose`, `waitForEpochAck`, `waitForNewLeaderAck`)", () => {
  test("'long end = start + self.getInitLimit() * self.getTickTime()' in each wait, each started when the leader enters it", () => {
    const l = leader();
    expect(limitTimer(l)).toEqual([{ kind: "set-timer", timer: "leader-limit", afterUs: limitUs }]);
    // getEpochToPropose: the quorum formed, "waitingForNewEpoch = false; self.setAcceptedEpoch(epoch)".
    const quorum = feed(cfg, l, msg(N1, info(2)));
    expect(kinds(quorum).slice(0, 3)).toEqual(["cancel-timer", "write-file", "fsync"]);
    // waitForEpochAck(self) starts once the epoch is written.
    const durable = feed(cfg, quorum, { kind: "fsync-done", token: lastFsyncToken(quorum) });
    expect(limitTimer(durable)).toEqual([
      { kind: "set-timer", timer: "leader-limit", afterUs: limitUs },
    ]);
    // The quorum of ACKEPOCH ends it; "self.setCurrentEpoch(epoch)" comes before waitForNewLeaderAck.
    const acked = feed(cfg, durable, msg(N1, ackEpoch(2)), 5_000);
    expect(limitTimer(acked)).toEqual([{ kind: "cancel-timer", timer: "leader-limit" }]);
    expect(acked.state.zabState).toBe("SYNCHRONIZATION");
    const current = feed(cfg, acked, { kind: "fsync-done", token: lastFsyncToken(acked) });
    expect(limitTimer(current)).toEqual([
      { kind: "set-timer", timer: "leader-limit", afterUs: limitUs },
    ]);
    // "NEWLEADER to be acked by quorum" is what times out in SYNCHRONIZATION.
    const late = feed(cfg, current, { kind: "timer", timer: "leader-limit" });
    expect(late.state.role).toBe("LOOKING");
    expect(late.effects).toContainEqual({
      kind: "log",
      text: "LEADING -> LOOKING: Timeout while waiting for NEWLEADER to be acked by quorum",
    });
  });

  test("'throw new InterruptedException(\"Timeout while waiting for epoch from quorum\")'", () => {
    const late = feed(cfg, leader(), { kind: "timer", timer: "leader-limit" });
    expect(late.state.role).toBe("LOOKING");
    expect(late.effects[0]).toEqual({
      kind: "log",
      text: "LEADING -> LOOKING: Timeout while waiting for epoch from quorum",
    });
  });
});

describe("a learner more recent than the leader (`Leader.waitForEpochAck`)", () => {
  test("'if (ss.isMoreRecentThan(leaderStateSummary)) throw new IOException(\"Follower is ahead of the leader ...\")' ends that learner's handler only; the quorum is made of the others", () => {
    const l = epochProposed();
    // currentEpoch 2 as the leader's, and a longer history than the leader's empty log.
    const ahead = feed(cfg, l, msg(N1, ackEpoch(2, z(2, 5))));
    expect(ahead.state.role).toBe("LEADING");
    expect(ahead.state.zabState).toBe("DISCOVERY");
    expect(kinds(ahead)).toEqual(["log", "close"]);
    expect(ahead.effects[1]).toEqual({ kind: "close", peer: N1 });
    expect(Object.keys(ahead.state.leader?.learners ?? {})).toEqual([N2]);
    // N2 is not more recent: with the leader it is a quorum, and the leader goes on.
    const quorum = feed(cfg, ahead, msg(N2, ackEpoch(2)));
    expect(quorum.state.zabState).toBe("SYNCHRONIZATION");
    expect(quorum.state.leader?.epochAcks).toEqual([N3, N2]);
  });

  test("a newer currentEpoch is more recent whatever the zxid; with no quorum of others the leader waits out initLimit", () => {
    const l = epochProposed();
    const one = feed(cfg, l, msg(N1, ackEpoch(3, ZXID_ZERO)));
    const both = feed(cfg, one, msg(N2, ackEpoch(2, z(2, 1))));
    expect(both.state.role).toBe("LEADING");
    expect(both.effects).toContainEqual({ kind: "close", peer: N2 });
    const late = feed(cfg, both, { kind: "timer", timer: "leader-limit" });
    expect(late.effects[0]).toEqual({
      kind: "log",
      text: "LEADING -> LOOKING: Timeout while waiting for epoch to be acked by quorum",
    });
  });

  test("the check applies to an observer too ('if (ss.getCurrentEpoch() != -1)' comes before 'isParticipant(id)')", () => {
    const l = feed(
      cfg,
      epochProposed(),
      msg(O1, { type: "OBSERVERINFO", acceptedEpoch: 2, lastZxid: ZXID_ZERO }),
    );
    expect(sends(l, "LEADERINFO").map((s) => s.to)).toEqual([O1]);
    const ahead = feed(cfg, l, msg(O1, ackEpoch(2, z(2, 9))));
    expect(ahead.effects).toContainEqual({ kind: "close", peer: O1 });
    expect(ahead.state.leader?.learners[O1]).toBeUndefined();
  });

  test("'if (electionFinished) return;': once a quorum acked, a later learner is synced without the check", () => {
    const l = feed(cfg, epochProposed(), msg(N1, ackEpoch(2)));
    expect(l.state.zabState).toBe("SYNCHRONIZATION");
    const later = feed(cfg, l, msg(N2, ackEpoch(2, z(2, 5))));
    expect(later.effects.some((e) => e.kind === "close")).toBe(false);
    expect(sends(later, "NEWLEADER").map((s) => s.to)).toEqual([N2]);
  });
});

describe("the epoch to propose (`Leader.getEpochToPropose`)", () => {
  test("'if (lastAcceptedEpoch >= epoch) epoch = lastAcceptedEpoch + 1' for an observer too; only 'isParticipant(sid)' joins connectingFollowers", () => {
    const observed = feed(
      cfg,
      leader(),
      msg(O1, { type: "OBSERVERINFO", acceptedEpoch: 9, lastZxid: ZXID_ZERO }),
    );
    // An observer is no quorum: the epoch waits for a voter.
    expect(kinds(observed)).not.toContain("write-file");
    const quorum = feed(cfg, observed, msg(N1, info(2)));
    // writeLongToFile: the value goes to acceptedEpoch.tmp first (epoch-files.ts).
    expect(quorum.effects).toContainEqual({
      kind: "write-file",
      file: "acceptedEpoch.tmp",
      data: 10,
    });
  });
});

describe("`LearnerHandler.SyncLimitCheck`", () => {
  const syncTimeoutUs = 1_000;
  const leaderAt = (lastProposed: Zxid, lastProposedAtUs: number) => ({
    lastProposed,
    lastProposedAtUs,
  });
  const started: SyncLimitCheck = { current: null, nextAfter: z(3, 0) };

  test("'if (currentTime == 0) { currentTime = time; currentZxid = zxid; } else { nextTime = time; nextZxid = zxid; }'", () => {
    const timed = checkAfterProposal(started, z(3, 1), 100);
    expect(timed).toEqual({ current: { zxid: z(3, 1), sentAtUs: 100 }, nextAfter: z(3, 1) });
    // A second PROPOSAL leaves the timed one: it is `next`, which the leader's lastProposed holds.
    expect(checkAfterProposal(timed, z(3, 2), 200)).toBeNull();
    // Not started (before the NEWLEADER ACK): "if (!started) return;".
    expect(checkAfterProposal(null, z(3, 1), 100)).toBeNull();
  });

  test("'if (currentZxid == zxid) { currentTime = nextTime; currentZxid = nextZxid; ...}': the ACK moves the timer to the last PROPOSAL sent", () => {
    const timed = { current: { zxid: z(3, 1), sentAtUs: 100 }, nextAfter: z(3, 1) };
    expect(checkAfterAck(timed, leaderAt(z(3, 4), 400), z(3, 1))).toEqual({
      current: { zxid: z(3, 4), sentAtUs: 400 },
      nextAfter: z(3, 4),
    });
    // Nothing sent since: the timer stops.
    expect(checkAfterAck(timed, leaderAt(z(3, 1), 100), z(3, 1))).toEqual({
      current: null,
      nextAfter: z(3, 1),
    });
    // An ACK of a PROPOSAL between the two changes nothing; one of `next` forgets `next`.
    expect(checkAfterAck(timed, leaderAt(z(3, 4), 400), z(3, 2))).toBeNull();
    expect(checkAfterAck(timed, leaderAt(z(3, 4), 400), z(3, 4))).toEqual({
      current: { zxid: z(3, 1), sentAtUs: 100 },
      nextAfter: z(3, 4),
    });
  });

  test("'return (msDelay < learnerMaster.syncTimeout())'", () => {
    const timed = { current: { zxid: z(3, 1), sentAtUs: 100 }, nextAfter: z(3, 1) };
    expect(isWithinSyncLimit(timed, 100 + syncTimeoutUs - 1, syncTimeoutUs)).toBe(true);
    expect(isWithinSyncLimit(timed, 100 + syncTimeoutUs, syncTimeoutUs)).toBe(false);
    expect(isWithinSyncLimit(started, 1e9, syncTimeoutUs)).toBe(true);
    expect(isWithinSyncLimit(null, 1e9, syncTimeoutUs)).toBe(true);
  });
});

describe("a leader cut off from every follower (`Leader.lead`, `LearnerHandler.run`, default tickTime 2 s)", () => {
  const tickUs = 2_000_000;
  // Connections across the cut stay open (TCP does not notice a silent peer): only the leader's own rules end it.
  const options = {
    seed: 11,
    servers: 3,
    config: { tickTimeUs: ms(2_000), maxNotificationIntervalUs: ms(60_000) },
    detectionUs: { minUs: 600_000_000, maxUs: 600_000_000 },
  };

  function established(): { leader: NodeId; atUs: number } {
    const probe = ensemble(options);
    probe.sim.run({ untilUs: 20_000_000 });
    const first = observed(probe, "leader-established")[0];
    if (first === undefined) throw new Error("no leader was established");
    return { leader: first.node as NodeId, atUs: first.timeUs };
  }

  /** Cut the leader off `afterUs` after it was established; when it left, and when it last heard a follower. */
  function cutOff(afterUs: number) {
    const { leader, atUs } = established();
    const e = ensemble(options);
    let lastHeardUs = 0;
    e.sim.onStep((step) => {
      if (step.node === leader && step.input?.kind === "message" && step.timeUs > atUs)
        lastHeardUs = step.timeUs;
    });
    const cutAtUs = atUs + afterUs;
    e.sim.schedule([
      { atUs: cutAtUs, op: { f: "partition-start", cuts: isolate(leader, e.servers).cuts } },
    ]);
    e.sim.run({ untilUs: cutAtUs + 60_000_000 });
    const looking = observed(e, "state", leader).find(
      (r) => r.timeUs > cutAtUs && r.observation.role === "LOOKING",
    );
    if (looking === undefined) throw new Error("the cut-off leader never stepped down");
    return { establishedAtUs: atUs, cutAtUs, lastHeardUs, steppedDownAtUs: looking.timeUs };
  }

  test.each([
    ["right after it was established", 100_000],
    ["once its tick passed initLimit", 25_100_000],
  ])(
    "%s: 'tickOfNextAckDeadline = learnerMaster.getTickOfNextAckDeadline()' (tick + syncLimit) at each packet; 'if (!tickSkip && !syncedAckSet.hasAllQuorums())' it steps down at tick + syncLimit + 1",
    (_, afterUs) => {
      const r = cutOff(afterUs);
      const syncLimit = 5; // ZooKeeper's default, as zabsim's
      expect(r.lastHeardUs).toBeGreaterThan(r.establishedAtUs);
      expect(r.lastHeardUs).toBeLessThanOrEqual(r.cutAtUs);
      // The tick advances every tickTime from the establishment; the last packet set the deadline.
      const lastTick = Math.floor((r.lastHeardUs - r.establishedAtUs) / tickUs);
      expect(r.steppedDownAtUs).toBe(r.establishedAtUs + (lastTick + syncLimit + 1) * tickUs);
      // So between syncLimit and syncLimit + 1 ticks after the cut: 10..12 s, never initLimit + syncLimit.
      expect(r.steppedDownAtUs - r.cutAtUs).toBeLessThanOrEqual((syncLimit + 1) * tickUs);
      expect(r.steppedDownAtUs - r.cutAtUs).toBeGreaterThan((syncLimit - 1) * tickUs);
    },
  );
});
