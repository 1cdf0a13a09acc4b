// `LearnerHandler.run` reads every packet of a learner in one loop and sets `tickOfNextAckDeadline` at each:
// the server's own packets (REQUEST, REVALIDATE, the PING's session touches) count as ZAB's do.
import { describe, expect, test } from "vitest";
import { type ZkServerState, zkServer } from "../../../../protocol/zk/server/index.js";
import { micros, type NodeId } from "../../../../sim/api/index.js";
import { zkSetup } from "./harness.js";

describe("the leader's per-learner deadline in the ZooKeeper server", () => {
  test("'tickOfNextAckDeadline = learnerMaster.getTickOfNextAckDeadline()' after every packet read, the session touches too", () => {
    const s = zkSetup({ seed: 5, servers: 3, clients: 1 });
    let leader: { node: NodeId; state: ZkServerState } | null = null;
    s.sim.onStep((step) => {
      const state = step.state as ZkServerState | null;
      if (
        step.node !== null &&
        state?.zab?.role === "LEADING" &&
        state.zab.zabState === "BROADCAST"
      )
        leader = { node: step.node, state };
    });
    s.sim.run({ untilUs: 2_000_000 });
    const found = leader as { node: NodeId; state: ZkServerState } | null;
    if (found === null) throw new Error("no leader");
    const zab = found.state.zab;
    const follower = Object.values(zab.leader?.learners ?? {}).find((h) => h.stage === "uptodate");
    if (zab.leader === null || follower === undefined) throw new Error("no follower in broadcast");
    // Three ticks later than the follower's last packet, its session touches arrive.
    const tick = zab.leader.tick + 3;
    const later: ZkServerState = {
      ...found.state,
      zab: { ...zab, leader: { ...zab.leader, tick } },
    };
    const server = zkServer(s.config);
    const ctx = {
      self: found.node,
      nodes: s.sim.nodeIds,
      nowUs: micros(s.sim.nowUs),
      random: {
        next: () => 0.5,
        chance: () => false,
        int: (a: number) => a,
        pick: <T>(xs: readonly T[]) => xs[0] as T,
      },
      disk: s.sim.nodeOf(found.node).disk,
    };
    const input = {
      kind: "message" as const,
      from: follower.peer,
      msg: { type: "SESSIONS" as const, touches: [] },
    };
    const result = server.step(later, input, ctx);
    const handler = result.state.zab.leader?.learners[follower.peer];
    expect(follower.deadlineTick).toBeLessThan(tick + s.config.zab.syncLimit);
    expect(handler?.deadlineTick).toBe(tick + s.config.zab.syncLimit);
  });
});
