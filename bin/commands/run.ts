// `zabsim run [SCENARIO | --all]`: run a scenario (or the whole catalogue) over a seed range (DESIGN.md, "The CLI contract"). One line per seed
// (or one JSON object with --json), a run directory and a repro command per failing seed, and a summary.

import type { JunitCase } from "../../reports/junit/index.js";
import { type CliIo, EXIT, type ExitCode } from "../cli-io.js";
import { writeJunit, writeRunReport } from "../report/index.js";
import { type RunTarget, runSeeds, targetName } from "../run/index.js";
import { progressBar } from "../run/progress.js";
import { runDirOf, writeRunDir } from "../run/run-dir.js";
import { parseRunArgs, type RunOptions, type Sweep } from "../run/run-options.js";
import type { SeedResult } from "../run/seed-result.js";
import { shrinkRunDir } from "../run/shrink-run.js";
import { addToTotals, newTotals, summaryLines, type Totals } from "../run/summary.js";
import type { Command } from "./index.js";

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseRunArgs(args);
  const started = Date.now();
  if (!options.json) for (const line of headerLines(options)) io.err(line);
  const totals = newTotals();
  const cases: JunitCase[] = [];
  const progress = progressBar(io, options.seeds.length * options.sweeps.length, started);
  for (const sweep of options.sweeps) {
    const go = await runSweep(options, sweep, io, (final) => {
      addToTotals(totals, final, reproCommand(options, sweep, final.seed));
      if (options.junit !== null)
        cases.push({ ...final, repro: reproCommand(options, sweep, final.seed) });
      progress.clear();
      printSeed(options, sweep, final, io);
      progress.update(totals.seeds, totals.failed);
    });
    if (!go) break;
  }
  progress.clear();
  if (options.junit !== null) writeJunit(options.junit, cases);
  if (!options.json) for (const line of summaryLines(totals, Date.now() - started)) io.err(line);
  return exitCode(totals);
}

/** One scenario over the seeds; false when --fail-fast stopped it. */
async function runSweep(
  options: RunOptions,
  sweep: Sweep,
  io: CliIo,
  report: (final: SeedResult) => void,
): Promise<boolean> {
  let go = true;
  await runSeeds(sweep.target, options.seeds, options.jobs, (result) => {
    const recorded = result.verdict === "fail" ? recordFailure(options, sweep, result, io) : result;
    // With --json the shrunk run is part of the seed's object; in text it follows the seed's lines.
    const final = options.json ? shrinkQuietly(options, recorded) : recorded;
    report(final);
    go = !(options.failFast && final.verdict === "fail");
    return go;
  });
  return go;
}

function printSeed(options: RunOptions, sweep: Sweep, final: SeedResult, io: CliIo): void {
  if (options.json) {
    io.out(JSON.stringify(final));
    return;
  }
  io.out(options.sweeps.length > 1 ? `${final.scenario}  ${seedLine(final)}` : seedLine(final));
  // One seed asked for: say on stderr what each check found, passes included (a demonstration quotes
  // them); stdout keeps its one line per seed.
  if (options.seeds.length === 1 && options.sweeps.length === 1)
    for (const line of checkLines(final)) io.err(line);
  if (final.run_dir !== undefined) {
    io.out(`  run dir: ${final.run_dir}`);
    io.out(`  repro:   ${reproCommand(options, sweep, final.seed)}`);
    if (options.shrink) shrinkRunDir(final.run_dir, `${final.run_dir}-shrunk`, io.err);
  }
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
  const count = `${options.seeds.length} seed${options.seeds.length === 1 ? "" : "s"}`;
  const jobs = `${options.jobs} job${options.jobs === 1 ? "" : "s"}`;
  const sweep = options.sweeps[0];
  const name =
    options.sweeps.length === 1 && sweep !== undefined
      ? targetName(sweep.target)
      : `every built-in scenario (${options.sweeps.length})`;
  const lines = [`zabsim run ${name}: ${range} (${count}${shard}), ${jobs}${bugs}`];
  for (const skipped of options.skipped)
    lines.push(`  skipping ${skipped.name}: expected to fail ${skipped.expectedFailure}`);
  return lines;
}

/** Writes the failing seed's run directory (and shrinks it with --shrink); returns the result naming it. */
function recordFailure(
  options: RunOptions,
  sweep: Sweep,
  result: SeedResult,
  io: CliIo,
): SeedResult {
  if (sweep.target.kind !== "scenario") return result;
  const dir = runDirOf(options.out, result.scenario, result.seed);
  writeRunDir({
    scenario: sweep.target.scenario,
    seed: result.seed,
    dir,
    repro: reproCommand(options, sweep, result.seed),
  });
  if (options.report) {
    const written = writeRunReport(dir);
    if (!options.json) io.err(`  report:  ${written.file}`);
  }
  return { ...result, run_dir: dir };
}

/** --shrink with --json: shrink the recorded run and name the shrunk directory in the seed's object. */
function shrinkQuietly(options: RunOptions, result: SeedResult): SeedResult {
  if (!options.shrink || result.run_dir === undefined) return result;
  const shrunk = shrinkRunDir(result.run_dir, `${result.run_dir}-shrunk`, () => {});
  return { ...result, shrunk_run_dir: shrunk.dir, shrunk: shrunk.after };
}

export function reproCommand(options: RunOptions, sweep: Sweep, seed: number): string {
  const bugs = options.bugs.flatMap((bug) => ["--bug", bug]);
  return ["npx", "zabsim", "run", ...sweep.scenarioArgs, "--seed", String(seed), ...bugs].join(" ");
}

function seedLine(result: SeedResult): string {
  const simS = (result.sim_time_us / 1e6).toFixed(1);
  const problems = result.violations
    .slice(0, 3)
    .map((v) => `${v.check}: ${v.message}`)
    .join("; ");
  const more = result.violations.length > 3 ? ` (+${result.violations.length - 3} more)` : "";
  return (
    `seed ${result.seed}  ${result.verdict.toUpperCase()}  events=${result.events}  sim=${simS}s  ` +
    `wall=${result.wall_ms}ms  faults=${result.faults}  hash=${result.trace_hash}` +
    (problems === "" ? "" : `  ${problems}${more}`)
  );
}

function checkLines(result: SeedResult): string[] {
  const checks = result.checks ?? [];
  const width = Math.max(0, ...checks.map((c) => c.check.length));
  return checks.map((c) => `  ${c.check.padEnd(width)}  ${c.verdict.toUpperCase()}  ${c.message}`);
}

export const runCommand: Command = {
  name: "run",
  usage:
    "zabsim run [SCENARIO | --all] [--seed N | --seeds A..B] [--jobs N] [--shard K/N] [--bug ID]... [--fail-fast] [--shrink] [--out DIR] [--json] [--junit FILE] [--report] [--scenario-file FILE]",
  summary: `Run a scenario (or --all: every built-in one not expected to fail) over seeds (default: zk-mixed, seeds 1..20); failing seeds get a run directory.`,
  run,
};

export type { RunTarget };
