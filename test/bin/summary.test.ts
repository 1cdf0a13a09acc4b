// The sweep's summary counts seeds for one scenario and runs (scenario × seed) for several, in singular or plural.
import { describe, expect, it } from "vitest";
import { addToTotals, newTotals, summaryLines, sweepUnit } from "../../bin/run/summary.js";

const result = (scenario: string, seed: number, verdict: "pass" | "fail") => ({
  scenario,
  seed,
  verdict,
  sim_time_us: 1_000_000,
  events: 1,
});

describe("summaryLines", () => {
  it("says 1 seed, 1 event for one seed of one scenario", () => {
    const totals = newTotals();
    addToTotals(totals, result("no-faults", 3, "pass"), "r");
    expect(summaryLines(totals, 1000, sweepUnit(1))[0]).toMatch(
      /^1 seed: 1 passed, 0 failed, 0 unknown; 1s simulated, 1 event, 1\.0s wall/,
    );
  });

  it("counts runs, and names each failing run's scenario, when the sweep has several scenarios", () => {
    const totals = newTotals();
    addToTotals(totals, result("crash-loop", 1, "pass"), "r1");
    addToTotals(totals, result("bridge", 1, "fail"), "npx zabsim run bridge --seed 1");
    const lines = summaryLines(totals, 1000, sweepUnit(2));
    expect(lines[0]).toMatch(/^2 runs: 1 passed, 1 failed, 0 unknown; 2s simulated, 2 events,/);
    expect(lines[1]).toBe("  failed bridge seed 1: npx zabsim run bridge --seed 1");
  });
});
