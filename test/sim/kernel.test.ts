// The kernel's node hosting: timers on node clocks, pause, crash and restart, client requests, limits.
import { describe, expect, it } from "vitest";
import { nodeId } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import { type DiskWriterState, diskWriter } from "../support/disk-writer.js";
import { act, recorder, seen } from "../support/recorder.js";

const n1 = nodeId("n1");

function single(seed = 1, clock = {}): Simulation {
  const sim = new Simulation({ seed, network: { latency: { kind: "constant", us: 1_000 } } });
  sim.addNode("n1", recorder, { clock });
  sim.addNode("n2", recorder);
  return sim;
}

describe("timers", () => {
  it("fire after their delay on the node's own clock, drift included", () => {
    const sim = single(1, { driftPpm: 100_000 });
    act(sim, 0, "n1", "timer", { name: "t", afterUs: 1_000_000 });
    sim.run();
    expect(seen(sim, "timer").map((s) => s.timeUs)).toEqual([909_091]);
  });

  it("re-setting a timer replaces it, and cancelled or replaced timers never fire", () => {
    const sim = single();
    act(sim, 0, "n1", "timer", { name: "t", afterUs: 100 });
    act(sim, 50, "n2", "timer", { name: "u", afterUs: 10 });
    act(sim, 60, "n1", "timer", { name: "t", afterUs: 1_000 });
    sim.run();
    expect(seen(sim, "timer").map((s) => [s.node, s.timeUs])).toEqual([
      ["n2", 60],
      ["n1", 1_060],
    ]);
  });

  it("follow a wall-clock jump when they run on the local clock, and ignore it on the monotonic clock", () => {
    for (const [timers, expected] of [
      ["local", 500_000],
      ["monotonic", 1_000_000],
    ] as const) {
      const sim = single(1, { timers });
      act(sim, 0, "n1", "timer", { name: "t", afterUs: 1_000_000 });
      sim.schedule([{ atUs: 100_000, op: { f: "clock-jump", node: n1, deltaUs: 500_000 } }]);
      sim.run();
      expect(seen(sim, "timer").map((s) => s.timeUs)).toEqual([expected]);
    }
  });

  it("a drift change moves pending timers", () => {
    const sim = single();
    act(sim, 0, "n1", "timer", { name: "t", afterUs: 1_000_000 });
    sim.schedule([{ atUs: 500_000, op: { f: "clock-drift", node: n1, driftPpm: -500_000 } }]);
    sim.run();
    expect(seen(sim, "timer").map((s) => s.timeUs)).toEqual([1_500_000]);
  });
});

describe("pause", () => {
  it("processes nothing while paused; timers fire late and messages queue, all in arrival order", () => {
    const sim = single();
    act(sim, 0, "n1", "timer", { name: "t", afterUs: 20_000 });
    act(sim, 5_000, "n2", "send", { to: "n1", count: 3 });
    sim.schedule([{ atUs: 1_000, op: { f: "pause", node: n1, durationUs: 100_000 } }]);
    act(sim, 30_000, "n2", "send", { to: "n1", count: 1, n: 3 });
    sim.run();
    const events = seen(sim)
      .filter((s) => s.node === "n1" && s.kind !== "start")
      .map((s) => [s.kind, s.n ?? s.name, s.timeUs]);
    expect(events).toEqual([
      ["recv", 0, 101_000],
      ["recv", 1, 101_000],
      ["recv", 2, 101_000],
      ["timer", "t", 101_000],
      ["recv", 3, 101_000],
    ]);
  });

  it("messages held for a paused node are dropped if, on resuming, it closes their connection first", () => {
    const sim = single();
    act(sim, 0, "n2", "send", { to: "n1", count: 1, n: 0 });
    sim.schedule([{ atUs: 5_000, op: { f: "pause", node: n1, durationUs: 20_000 } }]);
    act(sim, 6_000, "n1", "close", { peer: "n2" });
    act(sim, 7_000, "n2", "send", { to: "n1", count: 1, n: 1 });
    act(sim, 40_000, "n2", "send", { to: "n1", count: 1, n: 2 });
    sim.run();
    expect(seen(sim, "recv").map((s) => s.n)).toEqual([0, 2]);
  });

  it("a paused node keeps its connections", () => {
    const sim = single();
    act(sim, 0, "n2", "send", { to: "n1", count: 1 });
    sim.schedule([{ atUs: 10_000, op: { f: "pause", node: n1, durationUs: 5_000_000 } }]);
    sim.run();
    expect(seen(sim, "disc")).toEqual([]);
    expect(sim.network.isOpen(0, 1)).toBe(true);
  });
});

describe("crash and restart", () => {
  it("a crash loses volatile state and timers; the restart starts from the durable disk only", () => {
    const sim = new Simulation({ seed: 9 });
    sim.addNode("w", diskWriter);
    sim.run({ untilUs: 300_000 });
    const before = sim.stateOf("w") as DiskWriterState;
    expect(before.written.log.length).toBeGreaterThan(3);
    sim.schedule([{ atUs: 300_000, op: { f: "crash", node: nodeId("w") } }]);
    sim.run({ untilUs: 300_000 });
    expect(sim.statusOf("w")).toBe("down");
    expect(sim.stateOf("w")).toBeUndefined();
    sim.schedule([{ atUs: 400_000, op: { f: "restart", node: nodeId("w") } }]);
    sim.run({ untilUs: 400_000 });
    const after = sim.stateOf("w") as DiskWriterState;
    expect(after.recovered).toEqual(before.synced);
    expect(after.recovered).not.toEqual(before.written);
  });

  it("open client operations of a crashed node become info; operations on a down node fail", () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode("n1", recorder);
    sim.schedule([{ atUs: 10, op: { f: "crash", node: n1 } }]);
    sim.submit({ atUs: 20, node: "n1", process: 1, f: "send", value: { to: "n1" } });
    sim.run();
    expect(sim.history.map((h) => [h.process, h.type, h.f, h.error ?? null])).toEqual([
      ["nemesis", "info", "crash", null],
      [1, "invoke", "send", null],
      [1, "fail", "send", "node-down"],
    ]);
  });
});

describe("requests and history", () => {
  it("records invoke and completion with nanosecond simulated times and the reply's fields", () => {
    const sim = single();
    sim.submit({ atUs: 7, node: "n1", process: 3, f: "send", value: { to: "n2" } });
    sim.run();
    expect(sim.history).toEqual([
      { process: 3, type: "invoke", f: "send", value: { to: "n2" }, time: 7_000 },
      { process: 3, type: "ok", f: "send", value: null, time: 7_000 },
    ]);
  });

  it("records nemesis operations as process nemesis", () => {
    const sim = single();
    sim.schedule([
      { atUs: 5, op: { f: "partition-start", shape: "isolate", cuts: [[n1, nodeId("n2")]] } },
      { atUs: 9, op: { f: "partition-stop" } },
    ]);
    sim.run();
    expect(sim.history).toEqual([
      {
        process: "nemesis",
        type: "info",
        f: "partition-start",
        value: { shape: "isolate", cuts: [["n1", "n2"]] },
        time: 5_000,
      },
      { process: "nemesis", type: "info", f: "partition-stop", value: null, time: 9_000 },
    ]);
  });
});

describe("run limits", () => {
  it("stops at a time limit, an event limit, an empty queue, or on request", () => {
    const sim = single();
    act(sim, 0, "n1", "send", { to: "n2", count: 10 });
    expect(sim.run({ maxEvents: 2 })).toMatchObject({ reason: "events", events: 2 });
    expect(sim.run({ untilUs: 500 })).toMatchObject({ reason: "time", nowUs: 500 });
    sim.onObservation(() => sim.stop());
    expect(sim.run()).toMatchObject({ reason: "stopped" });
    sim.onObservation(() => {});
    expect(sim.run()).toMatchObject({ reason: "empty" });
  });

  it("rejects nodes added after the start and faults scheduled in the past", () => {
    const sim = single();
    sim.run({ untilUs: 100 });
    expect(() => sim.addNode("n3", recorder)).toThrow(/before the simulation starts/);
    expect(() => sim.schedule([{ atUs: 5, op: { f: "partition-stop" } }])).toThrow(/in the past/);
    expect(() => sim.schedule([{ atUs: 500, op: { f: "crash", node: nodeId("n9") } }])).toThrow(
      /crash at 500us names unknown node 'n9'/,
    );
  });
});
