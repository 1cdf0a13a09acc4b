// The planted bugs hunted through their exposing scenarios (scenarios/catalog/bug-scenarios.ts, run by the
// scenario runner as `zabsim run SCENARIO --bug ID` does): the server bugs, which need the zookeeper system,
// and the ZAB bugs whose trigger needs a scenario's network or whose check is liveness. Each is reported by
// its check within a bound on seeds; with the top-level check that holds it left out, those seeds do not
// report it; with the switch off, the same seeds report nothing at all. `ZABSIM_HUNT_REPORT=1` prints the
// numbers. Measured: first seed reporting the check; in brackets, seeds of 1..40 reporting it (switch off: 0).
//   ZOOKEEPER-1208         seed 2   (26 / 40)      ZOOKEEPER-2355         seed 3   (10 / 40)
//   fle-zxid-before-epoch  seed 6   (5 / 40)       reply-before-watch     seed 1   (40 / 40)
// The bounds leave a margin over those rates; the off sweeps cover the seeds up to the first detection.
import { describe, expect, test } from "vitest";
import { isCaughtBy, plantedBug } from "../../../protocol/planted-bugs/index.js";
import { BUG_EXPOSED_BY, builtInScenario } from "../../../scenarios/catalog/index.js";
import { runScenario } from "../../../scenarios/runner/index.js";
import type { CheckName, Scenario } from "../../../scenarios/schema/index.js";
import { systemDriver } from "../../../scenarios/systems/index.js";
import { SCENARIO_HUNTS, type ScenarioHunt } from "./bug-scenario-hunts.js";

function exposing(hunt: ScenarioHunt): Scenario {
  const name = BUG_EXPOSED_BY[hunt.bug];
  const scenario = name === undefined ? undefined : builtInScenario(name);
  if (scenario === undefined) throw new Error(`${hunt.bug} has no exposing scenario`);
  return scenario;
}

/** The scenario's checks without `left` (the check that holds the hunted violation). */
function checksWithout(scenario: Scenario, left: CheckName): CheckName[] {
  const checks = scenario.checks ?? systemDriver(scenario.system).defaultChecks;
  return checks.filter((check) => check !== left);
}

/** The first seed (from 1) whose run has a violation named `check`, within `seedsMax`, or null. */
function firstSeedReporting(scenario: Scenario, check: string, seedsMax: number): number | null {
  for (let seed = 1; seed <= seedsMax; seed++) {
    const run = runScenario(scenario, seed);
    if (run.violations.some((v) => v.check === check || v.check.startsWith(`${check}.`))) {
      return seed;
    }
  }
  return null;
}

describe("planted bugs are caught through their exposing scenarios", () => {
  for (const hunt of SCENARIO_HUNTS) {
    const bug = plantedBug(hunt.bug);
    test(`${hunt.bug} (${bug.switchName}): ${hunt.check} reports it within ${hunt.seedsMax} seeds of ${BUG_EXPOSED_BY[hunt.bug]}; left out, it does not; switched off, nothing does`, () => {
      expect(isCaughtBy(bug, hunt.check), "the catalogue names the check").toBe(true);
      const base = exposing(hunt);
      const startedMs = performance.now();
      const found = firstSeedReporting({ ...base, bugs: [hunt.bug] }, hunt.check, hunt.seedsMax);
      const elapsedMs = performance.now() - startedMs;
      expect(found, `not found in ${hunt.seedsMax} seeds`).not.toBeNull();
      const seeds = found ?? hunt.seedsMax;
      const blind = { ...base, bugs: [hunt.bug], checks: checksWithout(base, hunt.holder) };
      expect(firstSeedReporting(blind, hunt.check, seeds)).toBeNull();
      if (process.env.ZABSIM_HUNT_REPORT !== undefined) {
        const line = `${hunt.bug}: ${hunt.check} at seed ${seeds} of ${hunt.seedsMax} in ${(elapsedMs / 1000).toFixed(2)} s`;
        process.stdout.write(`${line}\n`);
      }
      for (let seed = 1; seed <= seeds; seed++) {
        expect(runScenario(base, seed).violations, `seed ${seed}, switch off`).toEqual([]);
      }
    });
  }

  test("out-of-order-commit is an equivalent mutant: with it on, runs are the same to the trace hash", () => {
    const bug = plantedBug("out-of-order-commit");
    expect(bug.equivalent).toBeDefined();
    const base = exposing({
      bug: bug.id,
      check: "TotalOrder",
      holder: "zab-invariants",
      seedsMax: 0,
    });
    for (let seed = 1; seed <= 8; seed++) {
      const fixed = runScenario(base, seed);
      const mutant = runScenario({ ...base, bugs: [bug.id] }, seed);
      expect(mutant.traceHash, `seed ${seed}`).toBe(fixed.traceHash);
      expect(mutant.violations, `seed ${seed}`).toEqual([]);
    }
  });
});
