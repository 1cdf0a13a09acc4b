// A seed always ends, and says why when it ends early: a crash inside a step is that seed's failure (check
// `internal`), a run that stops moving simulated time is a `livelock` failure, and a run that uses up the
// event budget its scenario allows is inconclusive (`event-budget`). The sweep goes on in every case.
import { describe, expect, it } from "vitest";
import { builtInScenario } from "../../scenarios/catalog/index.js";
import { eventBudget, runScenario, STALL_EVENTS } from "../../scenarios/runner/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";
import { ms } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import { pingPong } from "../support/ping-pong.js";
import { zeroDelayLoop } from "../support/zero-delay-loop.js";

function scenario(name: string): Scenario {
  const found = builtInScenario(name);
  if (found === undefined) throw new Error(`no built-in scenario ${name}`);
  return found;
}

describe("the kernel's stall limit", () => {
  it("stops a run whose events all fall at one instant, and only that one", () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode("n1", zeroDelayLoop());
    const result = sim.run({ untilUs: 1_000_000, maxEventsAtOneTime: 5_000 });
    expect(result).toMatchObject({ reason: "stalled", nowUs: 0, events: 5_000 });

    const moving = new Simulation({ seed: 1 });
    for (const id of ["n1", "n2"]) moving.addNode(id, pingPong(ms(1)));
    expect(moving.run({ untilUs: 200_000, maxEventsAtOneTime: 3 }).reason).not.toBe("stalled");
  });
});

describe("a seed's bounds", () => {
  it("a step that throws makes the seed fail with check internal, with the stack and where it happened", () => {
    const run = runScenario(scenario("no-faults"), 1, {
      onSimulation: (sim) =>
        sim.onStep((step) => {
          if (step.index === 500) throw new TypeError("boom in step 500");
        }),
    });
    expect(run.verdict).toBe("fail");
    expect(run.checks.map((c) => c.check)).toEqual(["internal"]);
    expect(run.violations[0]?.message).toMatch(
      /^TypeError: boom in step 500 \(at [\d.]+ s simulated, event \d+\)$/,
    );
    expect(run.internalError?.stack).toMatch(/boom in step 500\n\s+at /);
    expect(run.events).toBeGreaterThan(400);
    // The same seed crashes the same way: the failure is reproducible from its seed.
    const again = runScenario(scenario("no-faults"), 1, {
      onSimulation: (sim) =>
        sim.onStep((step) => {
          if (step.index === 500) throw new TypeError("boom in step 500");
        }),
    });
    expect(again.traceHash).toBe(run.traceHash);
  });

  it("running out of the event budget is unknown, with the budget and the time it ran out at", () => {
    const run = runScenario(scenario("no-faults"), 1, { eventBudget: 2_000 });
    expect(run.verdict).toBe("unknown");
    expect(run.checks).toHaveLength(1);
    expect(run.checks[0]).toMatchObject({ check: "event-budget", verdict: "unknown" });
    expect(run.checks[0]?.message).toMatch(
      /event budget of 2,000 events at [\d.]+ s of [\d.]+ s simulated/,
    );
    expect(run.events).toBe(2_000);
  });

  it("a node looping on zero-delay timers is a livelock failure, not a hang", () => {
    const run = runScenario(scenario("no-faults"), 1, {
      onSimulation: (sim) => sim.addNode("looper", zeroDelayLoop(), { startAtUs: 2_000_000 }),
    });
    expect(run.verdict).toBe("fail");
    expect(run.checks[0]).toMatchObject({ check: "livelock", verdict: "fail" });
    expect(run.violations[0]?.message).toMatch(/simulated time stopped at 2\.000000 s/);
    expect(run.events).toBeGreaterThanOrEqual(STALL_EVENTS);
  });

  it("every built-in scenario's budget is far above what its seed uses", () => {
    for (const name of ["zk-mixed", "flaky-links-stalling-disk", "no-faults"]) {
      const s = scenario(name);
      const run = runScenario(s, 1);
      const endUs = run.simTimeUs;
      expect(eventBudget(s, endUs), name).toBeGreaterThan(run.events * 20);
    }
  });
});
