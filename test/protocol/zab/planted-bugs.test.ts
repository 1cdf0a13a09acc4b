// Each planted bug (reference §6) is caught by its invariant checker within a bounded number of seeds of its
// focused random fault schedule; with that checker disabled the same seeds do not report it; with the switch
// off the same seeds report nothing at all. `ZABSIM_HUNT_REPORT=1` prints the numbers. Measured: first seed whose
// run reports the invariant; in brackets, runs of seeds 1..200 reporting it / reporting anything (switch off: 0).
//   commit-without-quorum  seed 1   (78 / 78)      ZOOKEEPER-2845  seed 13  (8 / 121)
//   ZOOKEEPER-3911         seed 17  (6 / 198)      ZOOKEEPER-4643  seed 32  (12 / 12)
//   ZOOKEEPER-4712         seed 1   (60 of 60)     ZOOKEEPER-4685  seed 1   (28 of 30 with crashes)
// (the last two: runs of seeds 1..60 / 1..30 reporting LogMonotonic / ShouldNotHappen.ackInconsistent.)
// The bounds (bug-plans.ts) leave a margin over those rates: at 3% of seeds, 150 seeds miss with probability 1%.
import { describe, expect, test } from "vitest";
import { type BugId, PLANTED_BUGS, plantedBug } from "../../../protocol/planted-bugs/index.js";
import { hunt, huntRun } from "./bug-hunt.js";
import { BUG_PLANS } from "./bug-plans.js";
import { SCENARIO_HUNTS } from "./bug-scenario-hunts.js";

/** The check each bug's hunt looks for: a focused ensemble hunt here, or one through its scenario. */
function huntedCheck(bug: BugId): string | undefined {
  return (
    BUG_PLANS.find((c) => c.plan.bug === bug)?.plan.invariant ??
    SCENARIO_HUNTS.find((h) => h.bug === bug)?.check
  );
}

describe("planted bugs are caught by the invariant checkers", () => {
  test("every planted bug has a hunt (or is an equivalent mutant), and its check is one the catalogue names", () => {
    for (const bug of PLANTED_BUGS) {
      if (bug.equivalent !== undefined) continue;
      const check = huntedCheck(bug.id);
      expect(check, bug.id).toBeDefined();
      expect(bug.caughtBy).toContain(check);
    }
  });

  for (const { plan, seedsMax } of BUG_PLANS) {
    const name = `${plan.bug} (${plantedBug(plan.bug).switchName})`;
    test(`${name}: ${plan.invariant} reports it within ${seedsMax} seeds; disabled, it does not; switched off, nothing does`, () => {
      const startedMs = performance.now();
      const found = hunt(plan, seedsMax, [plan.bug]);
      const elapsedMs = performance.now() - startedMs;
      expect(found.foundAtSeed, `not found in ${seedsMax} seeds`).not.toBeNull();
      const seeds = found.foundAtSeed ?? seedsMax;
      const blind = hunt(plan, seeds, [plan.bug], [plan.invariant]);
      expect(blind.foundAtSeed).toBeNull();
      if (process.env.ZABSIM_HUNT_REPORT !== undefined) {
        const line = `${plan.bug}: ${plan.invariant} at seed ${seeds} of ${seedsMax} in ${(elapsedMs / 1000).toFixed(2)} s; also reported by ${found.reportedBy.join(",")}; with ${plan.invariant} disabled: ${blind.reportedBy.join(",") || "nothing"}`;
        process.stdout.write(`${line}\n`);
      }
      for (let seed = 1; seed <= seedsMax; seed++) {
        expect(huntRun(plan, seed, []).violations, `seed ${seed}, switch off`).toEqual([]);
      }
    });
  }
});
