// A recorded failing run of a planted bug for the replay tests: the first seed of `partition-crash` with
// `commit-without-quorum` that fails, written as a run directory the way `zabsim run` writes one.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeRunDir } from "../../../bin/run/run-dir.js";
import { builtInScenario } from "../../../scenarios/catalog/index.js";
import { runScenario } from "../../../scenarios/runner/index.js";
import type { Scenario } from "../../../scenarios/schema/index.js";

export const BUG = "commit-without-quorum";
export const SCENARIO = "partition-crash";

export function bugScenario(): Scenario {
  const scenario = builtInScenario(SCENARIO);
  if (scenario === undefined) throw new Error(`no built-in scenario ${SCENARIO}`);
  return { ...scenario, bugs: [BUG] };
}

export function firstFailingSeed(scenario: Scenario = bugScenario()): number {
  for (let seed = 1; seed <= 40; seed++)
    if (runScenario(scenario, seed).verdict === "fail") return seed;
  throw new Error(
    `${SCENARIO} --bug ${BUG} passed seeds 1..40: the planted bug is no longer found`,
  );
}

export function writeFailingRunDir(): { dir: string; seed: number } {
  const scenario = bugScenario();
  const seed = firstFailingSeed(scenario);
  const dir = join(mkdtempSync(join(tmpdir(), "zabsim-replay-")), `seed-${seed}`);
  writeRunDir({ scenario, seed, dir, repro: `zabsim run ${SCENARIO} --seed ${seed} --bug ${BUG}` });
  return { dir, seed };
}
