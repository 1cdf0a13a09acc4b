// `zabsim shrink RUN_DIR` and `run --shrink`: read a failing run directory, shrink its faults and client
// operations (scenarios/shrink), and write the smallest failing run as a new run directory.
import { join } from "node:path";
import { shrinkSteps } from "../../scenarios/shrink/index.js";
import { UsageError } from "../cli-io.js";
import { count } from "../plural.js";
import { shellCommand } from "../shell-quote.js";
import { readRunDir } from "./read-run-dir.js";
import { assertRunDirWritable, recordRunDir } from "./run-dir.js";
import { runWithApp } from "./run-target.js";

const MAX_RUNS = 2_000;

export interface RunSize {
  readonly faults: number;
  readonly faultOps: number;
  readonly clientOps: number;
  readonly servers: number;
  readonly observers: number;
}

export interface ShrinkOutcome {
  readonly dir: string;
  readonly reproduced: boolean;
  readonly before: RunSize;
  readonly after: RunSize;
  readonly check: string;
  readonly runs: number;
}

export async function shrinkRunDir(
  dir: string,
  outDir: string,
  say: (line: string) => void,
): Promise<ShrinkOutcome> {
  assertRunDirWritable(outDir);
  const {
    run: { seed, trace_hash: recordedHash },
    scenario,
    app,
  } = readRunDir(dir);
  const original = await runWithApp(scenario, app, seed);
  if (recordedHash !== original.traceHash) {
    // Another version of zabsim recorded it: the run shrunk is what this version does with the same seed.
    say(
      `warning: ${dir}: re-running gives trace hash ${original.traceHash}, run.json has ${recordedHash}`,
    );
  }
  const check = original.violations[0]?.check;
  if (check === undefined) throw new UsageError(`${dir}: seed ${seed} does not fail any check now`);
  const before = {
    faults: original.stats.faults,
    faultOps: original.stats.faultOps,
    clientOps: original.workload.length,
    servers: scenario.cluster.servers,
    observers: scenario.cluster.observers,
  };
  say(`shrinking ${dir} (${check}): ${sizes(before)}`);
  const steps = shrinkSteps({
    scenario,
    seed,
    faults: original.faults,
    workload: original.workload,
    check,
    maxRuns: MAX_RUNS,
  });
  let step = steps.next(false);
  while (step.done !== true) {
    const trial = await runWithApp(step.value, app, seed);
    step = steps.next(trial.violations.some((v) => v.check === check));
  }
  const shrunk = step.value;
  const scenarioFile = join(outDir, "scenario.json");
  const repro = shellCommand([
    "npx",
    "zabsim",
    "run",
    "--scenario-file",
    scenarioFile,
    ...(app === null ? [] : ["--app", app.file]),
    "--seed",
    `${seed}`,
  ]);
  const name = scenario.name.endsWith("-shrunk") ? scenario.name : `${scenario.name}-shrunk`;
  const recorded = await recordRunDir({
    scenario: { ...shrunk.scenario, name },
    seed,
    dir: outDir,
    repro,
    app,
  });
  // Counted as the run counts them (a crash with its restart is one fault), not as the shrinker's units.
  const after = {
    faults: recorded.stats.faults,
    faultOps: recorded.stats.faultOps,
    clientOps: shrunk.clientOps,
    servers: shrunk.servers,
    observers: shrunk.observers,
  };
  if (!shrunk.reproduced)
    say("  the explicit schedule no longer fails the same check; kept as it was");
  say(`  after ${count(shrunk.runs, "run")}: ${sizes(after)}`);
  say(`  shrunk run dir: ${outDir}`);
  say(`  repro:          ${repro}`);
  return { dir: outDir, reproduced: shrunk.reproduced, before, after, check, runs: shrunk.runs };
}

function sizes(s: RunSize): string {
  const observers = s.observers > 0 ? ` + ${count(s.observers, "observer")}` : "";
  return `${count(s.faults, "fault")} (${count(s.faultOps, "nemesis op")}), ${count(s.clientOps, "client op")}, ${count(s.servers, "server")}${observers}`;
}
