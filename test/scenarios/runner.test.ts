// The scenario runner: determinism, independent random streams, healed faults and the recovery window.
import { describe, expect, it } from "vitest";
import { builtInScenario } from "../../scenarios/catalog/index.js";
import { GENERATED_FAULTS, planWindows } from "../../scenarios/nemesis/index.js";
import { runScenario } from "../../scenarios/runner/index.js";
import { parseScenario, type Scenario } from "../../scenarios/schema/index.js";
import { nodeId } from "../../sim/api/index.js";
import { Streams } from "../../sim/prng/index.js";

function scenario(name: string): Scenario {
  const found = builtInScenario(name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
}

describe("runScenario", () => {
  it("gives the same trace hash, history and schedule for the same seed, and another for another seed", () => {
    const s = scenario("all-faults");
    const [a, b, c] = [
      runScenario(s, 7),
      runScenario(s, 7, { keepTrace: true }),
      runScenario(s, 8),
    ];
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.history).toEqual(b.history);
    expect(a.schedule).toEqual(b.schedule);
    expect(c.traceHash).not.toBe(a.traceHash);
    expect(b.trace.length).toBeGreaterThan(0);
    expect(b.trace.length).toBeLessThanOrEqual(b.events);
  });

  it("heals every fault before the recovery window and checks liveness after it", () => {
    const s = scenario("all-faults");
    for (const seed of [1, 2, 3]) {
      const run = runScenario(s, seed);
      expect(run.schedule.length).toBeGreaterThan(0);
      expect(run.healedAtUs).toBeLessThanOrEqual(s.durationMs * 1_000);
      expect(run.simTimeUs).toBe((s.durationMs + s.recoveryMs) * 1_000);
      expect(run.checks.map((c) => c.check)).toEqual(["zab-invariants", "liveness"]);
      expect(run.verdict).toBe("pass");
    }
  });

  it("draws the workload from per-client streams: dropping a client leaves the others' operations alone", () => {
    const three = scenario("no-faults");
    const two: Scenario = { ...three, clients: { ...three.clients, count: 2 } };
    const ops = (s: Scenario) => runScenario(s, 5).workload.filter((op) => op.client < 2);
    expect(ops(two).map((op) => [op.atUs, op.client, op.key])).toEqual(
      ops(three).map((op) => [op.atUs, op.client, op.key]),
    );
  });

  it("the nemesis plan does not depend on the workload", () => {
    const s = scenario("partition-halves");
    const quiet: Scenario = { ...s, clients: { ...s.clients, count: 1 } };
    expect(runScenario(quiet, 3).schedule).toEqual(runScenario(s, 3).schedule);
  });

  it("isolate-leader cuts off the server that leads when the fault starts", () => {
    const run = runScenario(scenario("isolate-leader"), 4);
    const first = run.schedule.find((item) => item.op.f === "partition-start");
    expect(first?.op.f === "partition-start" && first.op.shape).toBe("isolate-leader");
  });

  it("runs a hand-written schedule verbatim", () => {
    const parsed = parseScenario({
      name: "by-hand",
      cluster: { servers: 3 },
      durationMs: 3_000,
      nemesis: {
        kind: "schedule",
        ops: [
          { atMs: 1_000, op: { f: "crash", node: "n1" } },
          { atMs: 2_000, op: { f: "restart", node: "n1" } },
        ],
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const run = runScenario(parsed.scenario, 1);
    expect(run.schedule.map((item) => [item.atUs, item.op.f])).toEqual([
      [1_000_000, "crash"],
      [2_000_000, "restart"],
    ]);
    expect(run.verdict).toBe("pass");
  });
});

describe("fault windows", () => {
  it("every kind can be drawn, and every window ends by healByUs", () => {
    const servers = ["n1", "n2", "n3", "n4", "n5"].map(nodeId);
    const windows = planWindows(new Streams(1).get("nemesis"), {
      servers,
      kinds: GENERATED_FAULTS,
      startUs: 1_000_000,
      healByUs: 200_000_000,
      meanGapUs: 500_000,
      meanDurationUs: 1_000_000,
    });
    expect(new Set(windows.map((w) => w.kind))).toEqual(new Set(GENERATED_FAULTS));
    for (const w of windows) expect(w.endUs).toBeLessThanOrEqual(200_000_000);
  });

  it("respects maxDown: never more than that many servers taken down at once", () => {
    const servers = ["n1", "n2", "n3"].map(nodeId);
    const windows = planWindows(new Streams(2).get("nemesis"), {
      servers,
      kinds: ["crash", "kill", "pause"],
      startUs: 0,
      healByUs: 60_000_000,
      meanGapUs: 100_000,
      meanDurationUs: 1_000_000,
      maxDown: 1,
    });
    for (const w of windows) {
      const overlapping = windows.filter((o) => o.startUs < w.endUs && w.startUs < o.endUs);
      expect(overlapping.length).toBe(1);
    }
  });
});
