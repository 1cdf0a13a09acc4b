/**
 * `zabsim/vitest`: an app's sweep as one assertion in a test (vitest, or any runner that fails a test on a
 * rejected promise; nothing is imported from vitest). A failing seed gets a run directory, as `zabsim run`
 * writes one, and the error names the seed, the violations and the commands that reproduce it.
 *
 * ```ts
 * import { test } from "vitest";
 * import { expectAppToPass } from "zabsim/vitest";
 * test("the lock holds under partitions", async () => {
 *   await expectAppToPass({ app: "./lock.js", scenario: "zk-partitions", seeds: 50 });
 * }, 120_000);
 * ```
 *
 * @packageDocumentation
 */
import { join, resolve } from "node:path";
import { runDirOf, writeRunDir } from "../bin/run/run-dir.js";
import type { BugId } from "../protocol/planted-bugs/index.js";
import type { Verdict, Violation } from "../scenarios/systems/index.js";
import {
  type AppOption,
  appReproCommand,
  replayCommand,
  resolveApp,
  resolveScenarioOption,
  type ScenarioOption,
  type SeedsOption,
  type SimulateResult,
  simulateSeed,
  sweepSeeds,
} from "./simulate/index.js";

/** Where failing seeds' run directories go unless `out` says otherwise (relative to the current folder). */
export const DEFAULT_RUNS_DIR = "zabsim-runs";

export interface ExpectAppOptions {
  /** The app file (path or file: URL), or an app module as an object (see `AppObject` in `zabsim`). */
  readonly app: AppOption;
  /** A built-in scenario's name or a scenario object; default `zk-no-faults`. */
  readonly scenario?: ScenarioOption;
  /** Seeds 1..N for a number, `{ from, to }`, or a list; default 10 (seeds 1..10). */
  readonly seeds?: SeedsOption;
  readonly bugs?: readonly BugId[];
  /**
   * The folder failing seeds' run directories go under (`<out>/<scenario>/seed-<N>`); default `zabsim-runs`.
   * Tests that run at the same time and may fail the same scenario and seed need one each.
   */
  readonly out?: string;
  /** Stop at the first seed that does not pass (default true); false runs every seed and records each failure. */
  readonly failFast?: boolean;
}

/** One seed that did not pass, as recorded. */
export interface RecordedFailure {
  readonly seed: number;
  readonly verdict: Verdict;
  readonly violations: readonly Violation[];
  /** One line per violation, then per check that could not decide: what the error message lists. */
  readonly problems: readonly string[];
  readonly runDir: string;
  /** `npx zabsim run ... --app ... --seed N`, or null for an app given as an object. */
  readonly repro: string | null;
  readonly replay: string;
}

/** What expectAppToPass throws: the message says it all; the fields are there for code that wants them. */
export class AppRunFailed extends Error {
  readonly code = "ZABSIM_APP_FAILED";
  readonly scenario: string;
  readonly seedsRun: number;
  readonly failures: readonly RecordedFailure[];

  constructor(scenario: string, seedsRun: number, failures: readonly RecordedFailure[]) {
    super(failureMessage(scenario, seedsRun, failures));
    this.name = "AppRunFailed";
    this.scenario = scenario;
    this.seedsRun = seedsRun;
    this.failures = failures;
  }
}

/**
 * Runs the app over the seeds, one after another; resolves with the number of seeds run when every one
 * passes. Otherwise writes each failing seed's run directory (run.json, scenario.json, trace.jsonl,
 * history.jsonl, ...) and rejects with an {@link AppRunFailed} naming the scenario, the seed, the
 * violations, the run directory and the `npx zabsim replay` and `npx zabsim run` commands. A verdict of
 * `unknown` (a check could not decide) fails too: the test did not show the app correct.
 */
export async function expectAppToPass(
  options: ExpectAppOptions,
): Promise<{ readonly seedsRun: number }> {
  const out = options.out ?? DEFAULT_RUNS_DIR;
  // Only the results: a failing seed is run again, keeping its trace, to be recorded.
  const failing: SimulateResult[] = [];
  let seedsRun = 0;
  const scenario = await sweepSeeds({ ...options, seeds: options.seeds ?? 10 }, ({ result }) => {
    seedsRun++;
    if (result.verdict !== "pass") failing.push(result);
    return !(options.failFast !== false && result.verdict !== "pass");
  });
  if (failing.length === 0) return { seedsRun };
  const failures: RecordedFailure[] = [];
  for (const result of failing) failures.push(await record(options, out, result));
  throw new AppRunFailed(scenario.name, seedsRun, failures);
}

/** Re-runs the seed keeping its trace (the same run: same seed, same hash) and writes its run directory. */
async function record(
  options: ExpectAppOptions,
  out: string,
  failed: SimulateResult,
): Promise<RecordedFailure> {
  const { seed, scenario } = failed;
  const app = await resolveApp(options.app);
  const resolved = resolveScenarioOption(options.scenario, options.bugs);
  const again = await simulateSeed(app, resolved, seed, { keepTrace: true });
  if (again.result.traceHash !== failed.traceHash)
    throw new Error(
      `zabsim: seed ${seed} of ${scenario.name} ran differently the second time (trace ${failed.traceHash}, then ${again.result.traceHash}): the app reached for something outside the simulation, or zabsim has a bug`,
    );
  const runDir = runDirOf(out, scenario.name, seed);
  const scenarioArgs =
    resolved.builtIn === null
      ? ["--scenario-file", join(runDir, "scenario.json")]
      : [resolved.builtIn];
  const repro =
    app.file === null
      ? null
      : appReproCommand({
          app: app.file,
          scenarioArgs,
          seed,
          bugs: resolved.builtIn === null ? [] : resolved.bugs,
        });
  writeRunDir(
    {
      scenario,
      seed,
      dir: runDir,
      repro: repro ?? "",
      app: app.file === null ? null : { file: app.file, path: resolve(app.file) },
    },
    again.run,
  );
  return {
    seed,
    verdict: failed.verdict,
    violations: failed.violations,
    problems: [
      ...failed.violations.map((v) => `${v.check}: ${v.message}`),
      ...failed.checks
        .filter((check) => check.verdict === "unknown")
        .map((check) => `${check.check}: could not decide: ${check.message}`),
    ],
    runDir,
    repro,
    replay: replayCommand(runDir),
  };
}

const PROBLEMS_SHOWN_MAX = 5;

function failureMessage(
  scenario: string,
  seedsRun: number,
  failures: readonly RecordedFailure[],
): string {
  const first = failures[0];
  if (first === undefined) return `zabsim: ${scenario}: no failures`;
  const lines = [
    `zabsim: the app ${first.verdict === "fail" ? "failed" : "was not shown correct"} in scenario ${scenario}, seed ${first.seed} (${seedsRun} seed${seedsRun === 1 ? "" : "s"} run)`,
  ];
  for (const failure of failures) {
    if (failure !== first) lines.push("", `seed ${failure.seed}: ${failure.verdict.toUpperCase()}`);
    const shown = failure.problems.slice(0, PROBLEMS_SHOWN_MAX);
    for (const problem of shown) lines.push(`  ${problem}`);
    if (failure.problems.length > shown.length)
      lines.push(`  (+${failure.problems.length - shown.length} more in run.json)`);
    lines.push(`  run dir: ${failure.runDir}`, `  replay:  ${failure.replay}`);
    if (failure.repro !== null) lines.push(`  repro:   ${failure.repro}`);
  }
  return lines.join("\n");
}
