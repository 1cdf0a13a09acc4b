// Recorded failing runs of planted bugs for the replay tests, written as run directories the way `zabsim run`
// writes them: the first seed of `partition-crash` with `commit-without-quorum` that fails (ZAB invariants),
// and seed 1 of `zk-leader-crash-loop` with ZOOKEEPER-3911 (the ZooKeeper consistency check).
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
  const repro = `zabsim run ${SCENARIO} --seed ${seed} --bug ${BUG}`;
  writeRunDir({ scenario, seed, dir, repro }, runScenario(scenario, seed, { keepTrace: true }));
  return { dir, seed };
}

export const ZK_BUG = "ZOOKEEPER-3911";
export const ZK_SCENARIO = "zk-leader-crash-loop";
export const ZK_SEED = 45;

export function writeZkFailingRunDir(): { dir: string; seed: number } {
  const base = builtInScenario(ZK_SCENARIO);
  if (base === undefined) throw new Error(`no built-in scenario ${ZK_SCENARIO}`);
  const scenario: Scenario = { ...base, bugs: [ZK_BUG] };
  const dir = join(mkdtempSync(join(tmpdir(), "zabsim-replay-zk-")), `seed-${ZK_SEED}`);
  const repro = `zabsim run ${ZK_SCENARIO} --seed ${ZK_SEED} --bug ${ZK_BUG}`;
  const run = runScenario(scenario, ZK_SEED, { keepTrace: true });
  writeRunDir({ scenario, seed: ZK_SEED, dir, repro }, run);
  if (!run.checks.some((c) => c.check === "zookeeper-consistency" && c.verdict === "fail"))
    throw new Error(`${repro} no longer fails the ZooKeeper consistency check`);
  return { dir, seed: ZK_SEED };
}
