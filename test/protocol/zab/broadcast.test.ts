// One test per rule of the broadcast phase and its timers, quoted from reference §4.5 and §4.6, checked on
// the steps of a real ensemble on the kernel: what each peer did with each input (the step listener).
// The commit rule fails when the ensemble runs with the planted commit-without-quorum bug (tried).
import { describe, expect, test } from "vitest";
import type { ZabMessage } from "../../../protocol/zab/index.js";
import { formatZxid } from "../../../protocol/zab/index.js";
import type { Effect, Input, Message } from "../../../sim/api/index.js";
import { ms, type NodeId } from "../../../sim/api/index.js";
import type { StepRecord } from "../../../sim/kernel/index.js";
import { isolate } from "../../../sim/network/index.js";
import { type Ensemble, ensemble, lastLeader, observed, writeLoad } from "./harness.js";

type Step = StepRecord & { readonly node: string };

/** A 5-server (+ observers) ensemble whose every step is kept, under a write load from 1 s to 2 s. */
function recorded(observers = 0, seed = 7): { e: Ensemble; steps: Step[] } {
  const e = ensemble({ seed, servers: 5, observers });
  const steps: Step[] = [];
  e.sim.onStep((step) => {
    if (step.node !== null) steps.push(step as Step);
  });
  writeLoad(e, 1_000_000, 2_000_000, 7_000);
  e.sim.run({ untilUs: 3_000_000 });
  return { e, steps };
}

const sent = (effects: readonly Effect<Message>[], type: string) =>
  effects.flatMap((effect) =>
    effect.kind === "send" && effect.msg.type === type
      ? [{ to: effect.to as string, msg: effect.msg as ZabMessage }]
      : [],
  );

const messageIn = (input: Input<Message> | null, type: string) =>
  input?.kind === "message" && input.msg.type === type ? (input.msg as ZabMessage) : null;

const zxidOf = (msg: ZabMessage): number =>
  "zxid" in msg ? msg.zxid : "txn" in msg ? msg.txn.zxid : Number.NaN;

function broadcastLeader(e: Ensemble): NodeId {
  const leader = lastLeader(e);
  if (leader === null) throw new Error("no leader was established");
  return leader.node as NodeId;
}

/** Each zxid the leader sent COMMIT for, in order, with how many voters had acked it by then. */
function commitsWithVoters(steps: readonly Step[], leader: string) {
  const ackers = new Map<number, Set<string>>();
  const addAck = (zxid: number, node: string) =>
    ackers.set(zxid, (ackers.get(zxid) ?? new Set()).add(node));
  const committed: { zxid: number; voters: number }[] = [];
  for (const step of steps.filter((s) => s.node === leader)) {
    const ack = messageIn(step.input, "ACK");
    if (ack !== null && step.input?.kind === "message") addAck(zxidOf(ack), step.input.from);
    // The leader's own ACK is its log fsync: every zxid it proposed up to then.
    if (step.input?.kind === "fsync-done") for (const z of ackers.keys()) addAck(z, leader);
    for (const proposal of sent(step.effects, "PROPOSAL"))
      ackers.set(zxidOf(proposal.msg), ackers.get(zxidOf(proposal.msg)) ?? new Set());
    for (const zxid of new Set(sent(step.effects, "COMMIT").map((c) => zxidOf(c.msg)))) {
      // ACKs of later zxids count for earlier ones too (a follower logs and acks in order).
      const voters = new Set(
        [...ackers.entries()].filter(([z]) => z >= zxid).flatMap(([, nodes]) => [...nodes]),
      );
      committed.push({ zxid, voters: voters.size });
    }
  }
  return committed;
}

describe("broadcast: forwarding and proposing (reference §4.5)", () => {
  test("'Client write on follower: FollowerRequestProcessor forwards it as REQUEST to the leader'", () => {
    const { e, steps } = recorded();
    const leader = broadcastLeader(e);
    const writes = steps.filter((s) => s.input?.kind === "request" && s.node !== leader);
    expect(writes.length).toBeGreaterThan(50);
    for (const step of writes) {
      expect(sent(step.effects, "REQUEST").map((r) => r.to)).toEqual([leader]);
      expect(sent(step.effects, "PROPOSAL")).toEqual([]);
    }
  });

  test("'Leader.propose: ... send PROPOSAL to all forwarding followers; then log locally'", () => {
    const { e, steps } = recorded();
    const leader = broadcastLeader(e);
    const followers = e.servers.filter((n) => n !== leader);
    const proposing = steps.filter((s) => s.node === leader && sent(s.effects, "PROPOSAL").length);
    expect(proposing.length).toBeGreaterThan(100);
    for (const step of proposing) {
      const proposals = sent(step.effects, "PROPOSAL");
      expect(proposals.map((p) => p.to).sort()).toEqual(followers);
      const append = step.effects.findIndex((effect) => effect.kind === "append");
      const lastSend = step.effects.findLastIndex((effect) => effect.kind === "send");
      expect(append).toBeGreaterThan(lastSend);
    }
  });
});

describe("broadcast: acknowledging and committing (reference §4.5)", () => {
  test("'Follower on PROPOSAL: ... log (fsync, batched) then ACK with the zxid'", () => {
    const { e, steps } = recorded();
    const leader = broadcastLeader(e);
    const durable = new Map<string, Set<number>>();
    let acks = 0;
    for (const step of steps.filter((s) => s.node !== leader)) {
      const proposal = messageIn(step.input, "PROPOSAL");
      if (proposal !== null) {
        expect(sent(step.effects, "ACK")).toEqual([]);
        expect(step.effects.some((effect) => effect.kind === "append")).toBe(true);
        const seen = durable.get(step.node) ?? new Set<number>();
        seen.add(zxidOf(proposal));
        durable.set(step.node, seen);
      }
      for (const ack of sent(step.effects, "ACK")) {
        if ((ack.msg as { zxid: number }).zxid % 2 ** 32 === 0) continue; // NEWLEADER / UPTODATE acks
        // An ACK goes out only when an fsync completes, for a zxid the follower logged before it.
        expect(step.input?.kind).toBe("fsync-done");
        expect(durable.get(step.node)?.has(zxidOf(ack.msg))).toBe(true);
        acks++;
      }
    }
    expect(acks).toBeGreaterThan(400);
  });

  test("'commit iff a quorum acked and zxid-1 is not still outstanding (strict in-order commit)'", () => {
    const { e, steps } = recorded();
    const committed = commitsWithVoters(steps, broadcastLeader(e));
    expect(committed.length).toBeGreaterThan(100);
    for (const { zxid, voters } of committed)
      expect(voters * 2, `COMMIT ${formatZxid(zxid)}`).toBeGreaterThan(e.servers.length);
    const zxids = committed.map((c) => c.zxid);
    const gap = zxids.findIndex((z, i) => i > 0 && z !== (zxids[i - 1] ?? 0) + 1);
    expect(gap, "COMMITs are sent for consecutive zxids, in order").toBe(-1);
  });

  test("'then send COMMIT to followers and INFORM (full txn) to observers'; observers never ACK", () => {
    const { e, steps } = recorded(2);
    const leader = broadcastLeader(e);
    const commits = steps
      .filter((s) => s.node === leader)
      .flatMap((s) => sent(s.effects, "COMMIT"));
    const informs = steps
      .filter((s) => s.node === leader)
      .flatMap((s) => sent(s.effects, "INFORM"));
    expect(commits.length).toBeGreaterThan(100);
    expect(new Set(commits.map((c) => c.to))).toEqual(
      new Set(e.servers.filter((n) => n !== leader)),
    );
    expect(new Set(informs.map((i) => i.to))).toEqual(new Set(e.observers));
    for (const inform of informs) expect("txn" in inform.msg).toBe(true);
    const observerAcks = steps
      .filter((s) => e.observers.some((o) => o === s.node))
      .flatMap((s) => sent(s.effects, "ACK"))
      .filter((ack) => zxidOf(ack.msg) % 2 ** 32 !== 0);
    expect(observerAcks).toEqual([]);
  });
});

describe("liveness timers (reference §4.6)", () => {
  test("'every tickTime/2 it pings every learner (PING with lastProposed)'", () => {
    const { e, steps } = recorded();
    const leader = broadcastLeader(e);
    const pingSteps = steps.filter((s) => s.node === leader && sent(s.effects, "PING").length > 0);
    const times = pingSteps.map((s) => s.timeUs).filter((t) => t > 500_000);
    expect(times.length).toBeGreaterThan(10);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    for (const gap of gaps) expect(gap).toBe(e.config.tickTimeUs / 2);
    for (const step of pingSteps)
      expect(
        sent(step.effects, "PING")
          .map((p) => p.to)
          .sort(),
      ).toEqual(e.servers.filter((n) => n !== leader));
  });

  test("'If no quorum -> shutdown(\"Not sufficient followers synced\") -> LOOKING ... detection takes syncLimit..syncLimit+1 ticks'", () => {
    const e = ensemble({ seed: 3, servers: 5 });
    e.sim.run({ untilUs: 1_000_000 });
    const leader = broadcastLeader(e);
    const cutAtUs = 1_000_000;
    e.sim.schedule([
      {
        atUs: cutAtUs,
        op: { f: "partition-start", cuts: isolate(leader, e.servers).cuts },
      },
    ]);
    e.sim.run({ untilUs: 3_000_000 });
    const looking = observed(e, "state", leader).find(
      (r) => r.timeUs > cutAtUs && r.observation.role === "LOOKING",
    );
    expect(looking).toBeDefined();
    const ticks = ((looking?.timeUs ?? 0) - cutAtUs) / e.config.tickTimeUs;
    // The last packet may have arrived up to one tick before the cut.
    expect(ticks).toBeGreaterThanOrEqual(e.config.syncLimit - 1);
    expect(ticks).toBeLessThanOrEqual(e.config.syncLimit + 1);
  });

  test("'Follower: socket read timeout ... syncLimit·tickTime after NEWLEADER; any timeout -> LOOKING'", () => {
    const e = ensemble({ seed: 4, servers: 3 });
    e.sim.run({ untilUs: 1_000_000 });
    const leader = broadcastLeader(e);
    const pausedAtUs = 1_000_000;
    e.sim.schedule([{ atUs: pausedAtUs, op: { f: "pause", node: leader, durationUs: ms(5_000) } }]);
    e.sim.run({ untilUs: 3_000_000 });
    for (const follower of e.servers.filter((n) => n !== leader)) {
      const looking = observed(e, "state", follower).find(
        (r) => r.timeUs > pausedAtUs && r.observation.role === "LOOKING",
      );
      expect(looking, follower).toBeDefined();
      const ticks = ((looking?.timeUs ?? 0) - pausedAtUs) / e.config.tickTimeUs;
      expect(ticks).toBeGreaterThanOrEqual(e.config.syncLimit - 1);
      expect(ticks).toBeLessThanOrEqual(e.config.syncLimit + 1);
    }
  });
});
