// `zabsim run [SCENARIO | --all]`: run a scenario (or the whole catalogue) over a seed range (DESIGN.md, "The CLI contract"). One line per seed
// (or one JSON object with --json), a run directory and a repro command per failing seed, and a summary.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { JunitCase } from "../../reports/junit/index.js";
import type { SweepIdJson } from "../../reports/run-data/index.js";
import { appInstancesNamed } from "../../scenarios/apps/app-faults.js";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import { count } from "../plural.js";
import { type RunTarget, runSeeds, targetName } from "../run/index.js";
import { progressBar } from "../run/progress.js";
import { assertRunDirWritable, recordRunDir, runDirOf } from "../run/run-dir.js";
import { parseRunArgs, type RunOptions, type Sweep } from "../run/run-options.js";
import { loadApp } from "../run/run-target.js";
import type { SeedResult } from "../run/seed-result.js";
import { addToTotals, newTotals, summaryLines, sweepUnit, type Totals } from "../run/summary.js";
import { violationLines } from "../run/violation-lines.js";
import { shellCommand } from "../shell-quote.js";
import type { Command } from "./index.js";
import { RUN_SPEC } from "./run-spec.js";

/**
 * What only some flags need, loaded only then, so a plain sweep starts without the HTML renderer (--report),
 * the JUnit writer (--junit) or the shrinker (--shrink).
 */
interface Extras {
  readonly writeJunit: typeof import("../report/write-junit.js").writeJunit;
  readonly writeRunReport: typeof import("../report/write-run-report.js").writeRunReport;
  readonly shrinkRunDir: typeof import("../run/shrink-run.js").shrinkRunDir;
}

async function loadExtras(options: RunOptions): Promise<Extras> {
  const missing = (flag: string) => () => {
    throw new Error(`${flag} was not asked for`);
  };
  const [junit, report, shrink] = await Promise.all([
    options.junit === null ? null : import("../report/write-junit.js"),
    options.report ? import("../report/write-run-report.js") : null,
    options.shrink ? import("../run/shrink-run.js") : null,
  ]);
  return {
    writeJunit: junit?.writeJunit ?? missing("--junit"),
    writeRunReport: report?.writeRunReport ?? missing("--report"),
    shrinkRunDir: shrink?.shrinkRunDir ?? missing("--shrink"),
  };
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseRunArgs(args, io.env ?? {});
  checkRunDirs(options);
  await checkApp(options);
  const extras = await loadExtras(options);
  const signal = io.interruptible?.();
  const started = Date.now();
  if (!options.json) for (const line of headerLines(options)) io.err(line);
  const totals = newTotals();
  const cases: JunitCase[] = [];
  const total = options.seeds.length * options.sweeps.length;
  const unit = sweepUnit(options.sweeps.length);
  const progress = progressBar(io, total, started, unit);
  const sweepId = sweepIdOf(options);
  for (const sweep of options.sweeps) {
    const go = await runSweep(options, extras, sweep, io, signal, async (final) => {
      const line = { ...final, repro: reproCommand(options, sweep, final.seed), sweep: sweepId };
      addToTotals(totals, line, line.repro);
      if (options.junit !== null) cases.push(line);
      progress.clear();
      await printSeed(options, extras, line, io);
      progress.update(totals.runs, totals.failed);
    });
    if (!go || signal?.aborted === true) break;
  }
  progress.clear();
  const interrupted = signal?.aborted === true;
  if (interrupted)
    io.err(
      `interrupted: stopped after ${totals.runs} of ${count(total, unit)} (the summary counts those)`,
    );
  if (options.junit !== null) extras.writeJunit(options.junit, cases);
  if (!options.json)
    for (const line of summaryLines(totals, Date.now() - started, unit)) io.err(line);
  return interrupted ? EXIT.interrupted : exitCode(totals);
}

/**
 * Before anything runs: a failing seed's run directory (and its shrunk one) may replace only a run directory
 * zabsim wrote. Anything else already in the way is refused now, not after the sweep has run.
 */
function checkRunDirs(options: RunOptions): void {
  const wanted = new Set(options.seeds);
  for (const sweep of options.sweeps) {
    if (sweep.target.kind !== "scenario") continue;
    const folder = join(options.out, sweep.target.scenario.name);
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") continue;
      throw new UsageError(`--out ${options.out}: cannot use ${folder} (${code})`);
    }
    for (const entry of entries) {
      const seed = /^seed-(\d+)(-shrunk)?$/.exec(entry);
      if (seed === null || !wanted.has(Number(seed[1]))) continue;
      assertRunDirWritable(join(folder, entry));
    }
  }
}

function sweepIdOf(options: RunOptions): SweepIdJson {
  return {
    target: options.targetArgs,
    seeds: `${options.range.first}..${options.range.last}`,
    shard: options.shard === null ? null : `${options.shard.index}/${options.shard.count}`,
    bugs: [...options.bugs],
    ...(options.zkVersion === null ? {} : { zk_version: options.zkVersion }),
    fail_fast: options.failFast,
    scenarios: options.sweeps.length,
    ...(options.app === null ? {} : { app: options.app.file }),
  };
}

/** An app is loaded and checked before any seed runs: a broken app file is one line and exit 2. */
async function checkApp(options: RunOptions): Promise<void> {
  const instances = options.app === null ? 0 : (await loadApp(options.app)).app.instances;
  for (const sweep of options.sweeps) {
    if (sweep.target.kind !== "scenario") continue;
    const { scenario } = sweep.target;
    if (options.app !== null && scenario.system !== "zookeeper")
      throw new UsageError(
        `--app needs a zookeeper scenario; ${scenario.name} runs the ${scenario.system} system`,
      );
    const missing = appInstancesNamed(scenario.nemesis).filter(
      (name) => Number(name.slice(4)) > instances,
    );
    if (missing.length > 0)
      throw new UsageError(
        options.app === null
          ? `${scenario.name}'s schedule names ${missing.join(", ")}: give the app with --app FILE`
          : `${scenario.name}'s schedule names ${missing.join(", ")}, but --app ${options.app.file} runs ${count(instances, "instance")}`,
      );
  }
}

/** One scenario over the seeds; false when --fail-fast stopped it. */
async function runSweep(
  options: RunOptions,
  extras: Extras,
  sweep: Sweep,
  io: CliIo,
  signal: AbortSignal | undefined,
  report: (final: SeedResult) => void | Promise<void>,
): Promise<boolean> {
  let go = true;
  const onResult = async (result: SeedResult) => {
    const recorded =
      result.verdict === "fail" ? await recordFailure(options, extras, sweep, result, io) : result;
    // With --json the shrunk run is part of the seed's object; in text it follows the seed's lines.
    const final = options.json ? await shrinkQuietly(options, extras, recorded) : recorded;
    await report(final);
    go = !(options.failFast && final.verdict === "fail");
    return go;
  };
  await runSeeds(sweep.target, options.seeds, options.jobs, onResult, {
    ...(signal === undefined ? {} : { signal }),
  });
  return go;
}

async function printSeed(
  options: RunOptions,
  extras: Extras,
  line: SeedResult & { repro: string },
  io: CliIo,
): Promise<void> {
  if (options.json) {
    io.out(JSON.stringify(line));
    return;
  }
  io.out(options.sweeps.length > 1 ? `${line.scenario}  ${seedLine(line)}` : seedLine(line));
  for (const text of violationLines(line.violations)) io.out(text);
  // One seed asked for: say on stderr what each check found, passes included (a demonstration quotes
  // them); stdout keeps its one line per seed.
  if (options.seeds.length === 1 && options.sweeps.length === 1)
    for (const text of checkLines(line)) io.err(text);
  if (line.run_dir !== undefined) io.out(`  run dir: ${line.run_dir}`);
  if (line.verdict === "fail") io.out(`  repro:   ${line.repro}`);
  if (line.run_dir !== undefined && options.shrink)
    await extras.shrinkRunDir(line.run_dir, `${line.run_dir}-shrunk`, io.err);
}

function exitCode(totals: Totals): ExitCode {
  if (totals.failed > 0) return EXIT.violation;
  return totals.unknown > 0 ? EXIT.unknown : EXIT.ok;
}

function headerLines(options: RunOptions): string[] {
  const first = options.seeds[0];
  const last = options.seeds[options.seeds.length - 1];
  const range =
    first === undefined ? "no seeds" : first === last ? `seed ${first}` : `seeds ${first}..${last}`;
  const shard =
    options.shard === null ? "" : `, shard ${options.shard.index}/${options.shard.count}`;
  const bugs = options.bugs.length === 0 ? "" : `, planted bugs: ${options.bugs.join(" ")}`;
  const version = options.zkVersion === null ? "" : `, ZooKeeper ${options.zkVersion}`;
  const sweep = options.sweeps[0];
  const one = options.sweeps.length === 1 && sweep !== undefined;
  const name = one
    ? targetName(sweep.target)
    : `every built-in scenario (${options.sweeps.length})`;
  const runs = one
    ? count(options.seeds.length, "seed")
    : `${count(options.seeds.length, "seed")} each: ${count(options.seeds.length * options.sweeps.length, "run")}`;
  const lines = [
    `zabsim run ${name}: ${range} (${runs}${shard}), ${count(options.jobs, "job")}${bugs}${version}`,
  ];
  for (const skipped of options.skipped)
    lines.push(`  skipping ${skipped.name}: expected to fail ${skipped.expectedFailure}`);
  return lines;
}

/** Writes the failing seed's run directory (and shrinks it with --shrink); returns the result naming it. */
async function recordFailure(
  options: RunOptions,
  extras: Extras,
  sweep: Sweep,
  result: SeedResult,
  io: CliIo,
): Promise<SeedResult> {
  // A seed lost with its worker thread has no run to record; its line still names the repro.
  if (sweep.target.kind !== "scenario" || result.lost === true) return result;
  const dir = runDirOf(options.out, result.scenario, result.seed);
  await recordRunDir({
    scenario: sweep.target.scenario,
    seed: result.seed,
    dir,
    repro: reproCommand(options, sweep, result.seed),
    app: sweep.target.app,
  });
  if (options.report) {
    const written = extras.writeRunReport(dir);
    if (!options.json) io.err(`  report:  ${written.file}`);
  }
  return { ...result, run_dir: dir };
}

/** --shrink with --json: shrink the recorded run and name the shrunk directory in the seed's object. */
async function shrinkQuietly(
  options: RunOptions,
  extras: Extras,
  result: SeedResult,
): Promise<SeedResult> {
  if (!options.shrink || result.run_dir === undefined) return result;
  const shrunk = await extras.shrinkRunDir(result.run_dir, `${result.run_dir}-shrunk`, () => {});
  return { ...result, shrunk_run_dir: shrunk.dir, shrunk: shrunk.after };
}

export function reproCommand(options: RunOptions, sweep: Sweep, seed: number): string {
  const bugs = options.bugs.flatMap((bug) => ["--bug", bug]);
  const version = options.zkVersion === null ? [] : ["--zk-version", options.zkVersion];
  return shellCommand([
    "npx",
    "zabsim",
    "run",
    ...sweep.scenarioArgs,
    ...(options.app === null ? [] : ["--app", options.app.file]),
    "--seed",
    String(seed),
    ...bugs,
    ...version,
  ]);
}

/** The seed's verdict and sizes on one short line; its violations follow on lines of their own. */
function seedLine(result: SeedResult): string {
  const simS = (result.sim_time_us / 1e6).toFixed(1);
  return (
    `seed ${result.seed}  ${result.verdict.toUpperCase()}  events=${result.events}  sim=${simS}s  ` +
    `wall=${result.wall_ms}ms  faults=${result.faults}  hash=${result.trace_hash}`
  );
}

function checkLines(result: SeedResult): string[] {
  const checks = result.checks ?? [];
  const width = Math.max(0, ...checks.map((c) => c.check.length));
  return checks.map((c) => `  ${c.check.padEnd(width)}  ${c.verdict.toUpperCase()}  ${c.message}`);
}

export const runCommand: Command = { spec: RUN_SPEC, run };

export type { RunTarget };
