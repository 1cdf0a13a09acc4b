// zabsim/fast-check: every drawn scenario is valid, every schedule keeps its faults inside the fault period
// without overlapping ones, and a failing property shrinks to a smaller scenario.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutsOf, faultScheduleArb, scenarioArb } from "../../lib/fast-check.js";
import { simulate } from "../../lib/index.js";
import { parseScenario } from "../../scenarios/schema/index.js";

describe("scenarioArb", () => {
  it("draws scenarios the scenario schema accepts, within the ranges asked for", () => {
    const arb = scenarioArb({ servers: [3, 5], durationMs: { min: 2_000, max: 8_000 } });
    fc.assert(
      fc.property(arb, (scenario) => {
        expect(parseScenario(scenario).ok).toBe(true);
        expect([3, 5]).toContain(scenario.cluster.servers);
        expect(scenario.system).toBe("zookeeper");
        expect(scenario.durationMs).toBeGreaterThanOrEqual(2_000);
        expect(scenario.durationMs).toBeLessThanOrEqual(8_000);
        const ticks = scenario.zookeeper.sessionTimeoutMs / scenario.zookeeper.tickTimeMs;
        expect(ticks).toBeGreaterThanOrEqual(4);
        expect(ticks).toBeLessThanOrEqual(20);
      }),
      { numRuns: 200 },
    );
  });

  it("shrinks a failing scenario to the smallest cluster, the shortest run and a single fault", () => {
    // Fails whenever there is any fault at all: the minimal counterexample has exactly one.
    const details = fc.check(
      fc.property(scenarioArb({ maxFaults: 6 }), (scenario) =>
        scenario.nemesis.kind === "schedule" ? scenario.nemesis.ops.length === 0 : true,
      ),
      { numRuns: 200, seed: 42 },
    );
    expect(details.failed).toBe(true);
    const [shrunk] = details.counterexample ?? [];
    expect(shrunk?.cluster.servers).toBe(3);
    expect(shrunk?.durationMs).toBe(5_000);
    expect(shrunk?.zookeeper.tickTimeMs).toBe(50);
    const ops = shrunk?.nemesis.kind === "schedule" ? shrunk.nemesis.ops : [];
    expect(new Set(ops.map((op) => op.group)).size).toBe(1);
  });

  it("refuses options outside the schema's bounds before drawing", () => {
    expect(() => scenarioArb({ servers: [10] })).toThrow(
      /servers must be a whole number from 1 to 9/,
    );
    expect(() => scenarioArb({ sessionTimeoutTicks: { min: 1, max: 5 } })).toThrow(
      /sessionTimeoutTicks/,
    );
    expect(() => scenarioArb({ faults: [] })).toThrow(/no fault kind/);
  });
});

describe("faultScheduleArb", () => {
  it("keeps every fault inside [startMs, durationMs], one at a time per server and one partition at a time", () => {
    const durationMs = 6_000;
    fc.assert(
      fc.property(faultScheduleArb({ servers: 5, durationMs, maxFaults: 8 }), (ops) => {
        const parsed = parseScenario({
          name: "drawn",
          system: "zookeeper",
          durationMs,
          nemesis: { kind: "schedule", ops },
        });
        expect(parsed.ok).toBe(true);
        const down = new Set<string>();
        let partitioned = false;
        let lastMs = 1_000;
        for (const { atMs, op } of ops) {
          expect(atMs).toBeGreaterThanOrEqual(lastMs);
          lastMs = atMs;
          if (op.f === "crash" || op.f === "pause") {
            expect(down.has(op.node)).toBe(false);
            if (op.f === "crash") down.add(op.node);
          } else if (op.f === "restart") down.delete(op.node);
          else if (op.f === "partition-start") {
            expect(partitioned).toBe(false);
            partitioned = true;
          } else if (op.f === "partition-stop") partitioned = false;
          expect(down.size).toBeLessThanOrEqual(2);
        }
        expect(down.size).toBe(0);
        expect(partitioned).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("cuts a server off both ways, one way, or the cluster in halves", () => {
    expect(cutsOf("isolate", 1, 3)).toEqual([
      ["n2", "n3"],
      ["n3", "n2"],
      ["n2", "n1"],
      ["n1", "n2"],
    ]);
    expect(cutsOf("one-way", 0, 3)).toEqual([
      ["n1", "n2"],
      ["n1", "n3"],
    ]);
    expect(cutsOf("halves", 4, 5)).toHaveLength(2 * 2 * 3);
  });
});

describe("scenarioArb with simulate", () => {
  it("runs drawn scenarios with the sound lock to a verdict, the same one again for the same seed", async () => {
    const scenarios = fc.sample(
      scenarioArb({ durationMs: { min: 2_000, max: 4_000 }, recoveryMs: 2_000 }),
      { numRuns: 3, seed: 7 },
    );
    for (const scenario of scenarios) {
      const first = await simulate({ app: "examples/apps/lock.js", scenario, seed: 1 });
      const again = await simulate({ app: "examples/apps/lock.js", scenario, seed: 1 });
      expect(["pass", "fail", "unknown"]).toContain(first.verdict);
      expect(again.traceHash).toBe(first.traceHash);
    }
  });
});
