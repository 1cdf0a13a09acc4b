// `zabsim shrink RUN_DIR` and `run --shrink`: read a failing run directory, shrink its faults and client
// operations (scenarios/shrink), and write the smallest failing run as a new run directory.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runScenario } from "../../scenarios/runner/index.js";
import { formatIssues, parseScenario } from "../../scenarios/schema/index.js";
import { shrinkRun } from "../../scenarios/shrink/index.js";
import { UsageError } from "../cli-io.js";
import { writeRunDir } from "./run-dir.js";

const MAX_RUNS = 2_000;

export interface ShrinkOutcome {
  readonly dir: string;
  readonly reproduced: boolean;
  readonly before: {
    readonly faults: number;
    readonly faultOps: number;
    readonly clientOps: number;
  };
  readonly after: {
    readonly faults: number;
    readonly faultOps: number;
    readonly clientOps: number;
  };
  readonly check: string;
  readonly runs: number;
}

export function shrinkRunDir(
  dir: string,
  outDir: string,
  say: (line: string) => void,
): ShrinkOutcome {
  const { seed, scenario } = readRunDir(dir);
  const original = runScenario(scenario, seed);
  const check = original.violations[0]?.check;
  if (check === undefined) throw new UsageError(`${dir}: seed ${seed} does not fail any check now`);
  const before = {
    faults: original.faults.length,
    faultOps: original.schedule.length,
    clientOps: original.workload.length,
  };
  say(`shrinking ${dir} (${check}): ${sizes(before)}`);
  const shrunk = shrinkRun({
    scenario,
    seed,
    faults: original.faults,
    workload: original.workload,
    check,
    maxRuns: MAX_RUNS,
  });
  const repro = `npx zabsim run --scenario-file ${join(outDir, "scenario.json")} --seed ${seed}`;
  const name = scenario.name.endsWith("-shrunk") ? scenario.name : `${scenario.name}-shrunk`;
  writeRunDir({ scenario: { ...shrunk.scenario, name }, seed, dir: outDir, repro });
  const after = { faults: shrunk.faults, faultOps: shrunk.faultOps, clientOps: shrunk.clientOps };
  if (!shrunk.reproduced)
    say("  the explicit schedule no longer fails the same check; kept as it was");
  say(`  after ${shrunk.runs} runs: ${sizes(after)}`);
  say(`  shrunk run dir: ${outDir}`);
  say(`  repro:          ${repro}`);
  return { dir: outDir, reproduced: shrunk.reproduced, before, after, check, runs: shrunk.runs };
}

function sizes(s: ShrinkOutcome["before"]): string {
  return `${s.faults} faults (${s.faultOps} nemesis ops), ${s.clientOps} client ops`;
}

function readRunDir(dir: string) {
  let run: { seed?: unknown };
  let scenarioJson: unknown;
  try {
    run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as { seed?: unknown };
    scenarioJson = JSON.parse(readFileSync(join(dir, "scenario.json"), "utf8"));
  } catch (error) {
    throw new UsageError(`${dir} is not a run directory: ${(error as Error).message}`);
  }
  if (typeof run.seed !== "number")
    throw new UsageError(`${dir}/run.json: seed: expected a number`);
  const parsed = parseScenario(scenarioJson);
  if (!parsed.ok) throw new UsageError(formatIssues(join(dir, "scenario.json"), parsed.issues));
  return { seed: run.seed, scenario: parsed.scenario };
}
