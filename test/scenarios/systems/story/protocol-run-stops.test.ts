// A run that stops before its checks (a crash inside a step, simulated time that stops moving) is told by
// the runner's writers: when it stopped, what was said, and the cluster at that moment.
import { describe, expect, test } from "vitest";
import { builtInScenario } from "../../../../scenarios/catalog/index.js";
import { runScenario } from "../../../../scenarios/runner/index.js";
import type { Scenario } from "../../../../scenarios/schema/index.js";
import { micros, type NodeProtocol } from "../../../../sim/api/index.js";

function noFaults(): Scenario {
  const scenario = builtInScenario("no-faults");
  if (scenario === undefined) throw new Error("no scenario no-faults");
  return { ...scenario, durationMs: 3_000, recoveryMs: 0 };
}

/** From 1 s on, a node that sets a zero-delay timer whenever one fires: simulated time stops there. */
const spinner: NodeProtocol<number, never> = {
  name: "spinner",
  init: () => ({
    state: 0,
    effects: [{ kind: "set-timer", timer: "spin", afterUs: micros(1_000_000) }],
  }),
  step: (state) => ({
    state: state + 1,
    effects: [{ kind: "set-timer", timer: "spin", afterUs: micros(0) }],
  }),
};

describe("runs that stop", () => {
  test("internal: the crash is told at its simulated time, with the servers' roles then", () => {
    const run = runScenario(noFaults(), 1, {
      onSimulation: (sim) =>
        sim.addObservationListener((record) => {
          if (record.timeUs > 1_500_000) throw new Error("planted failure");
        }),
    });
    const [violation] = run.violations;
    expect(violation?.check).toBe("internal");
    const timeUs = violation?.at?.timeUs ?? 0;
    expect(timeUs).toBeGreaterThan(1_500_000);
    expect(violation?.story).toContain("The run crashed");
    expect(violation?.story).toContain(`at ${(timeUs / 1e6).toFixed(3)} s: Error: planted failure`);
    expect(violation?.story).toMatch(/n\d leading/);
  });

  test("livelock: told at the instant time stopped", { timeout: 60_000 }, () => {
    const run = runScenario(noFaults(), 1, {
      onSimulation: (sim) => sim.addNode("spinner", spinner),
    });
    const [violation] = run.violations;
    expect(violation?.check).toBe("livelock");
    expect(violation?.at?.timeUs).toBe(1_000_000);
    expect(violation?.story).toContain("Simulated time stopped moving, at 1.000 s");
    expect(violation?.story).toContain("At 1.000 s: n1");
  });
});
