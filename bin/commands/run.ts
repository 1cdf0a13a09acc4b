// `zabsim run [SCENARIO]`: run a scenario over a seed range (DESIGN.md, "The CLI contract"). One line per seed
// (or one JSON object with --json), a run directory and a repro command per failing seed, and a summary.

import type { JunitCase } from "../../reports/junit/index.js";
import { type CliIo, EXIT, type ExitCode } from "../cli-io.js";
import { writeJunit, writeRunReport } from "../report/index.js";
import { type RunTarget, runSeeds, targetName } from "../run/index.js";
import { progressBar } from "../run/progress.js";
import { runDirOf, writeRunDir } from "../run/run-dir.js";
import { parseRunArgs, type RunOptions } from "../run/run-options.js";
import type { SeedResult } from "../run/seed-result.js";
import { shrinkRunDir } from "../run/shrink-run.js";
import { addToTotals, newTotals, summaryLines, type Totals } from "../run/summary.js";
import type { Command } from "./index.js";

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseRunArgs(args);
  const name = targetName(options.target);
  const started = Date.now();
  if (!options.json) io.err(header(options, name));
  const totals = newTotals();
  const cases: JunitCase[] = [];
  const progress = progressBar(io, options.seeds.length, started);
  await runSeeds(options.target, options.seeds, options.jobs, (result) => {
    const recorded = result.verdict === "fail" ? recordFailure(options, result, io) : result;
    // With --json the shrunk run is part of the seed's object; in text it follows the seed's lines.
    const final = options.json ? shrinkQuietly(options, recorded) : recorded;
    addToTotals(totals, final, reproCommand(options, final.seed));
    if (options.junit !== null) cases.push({ ...final, repro: reproCommand(options, final.seed) });
    progress.clear();
    io.out(options.json ? JSON.stringify(final) : seedLine(final));
    // One seed asked for: say on stderr what each check found, passes included (a demonstration quotes
    // them); stdout keeps its one line per seed.
    if (!options.json && options.seeds.length === 1)
      for (const line of checkLines(final)) io.err(line);
    if (!options.json && final.run_dir !== undefined) {
      io.out(`  run dir: ${final.run_dir}`);
      io.out(`  repro:   ${reproCommand(options, final.seed)}`);
      if (options.shrink) shrinkRunDir(final.run_dir, `${final.run_dir}-shrunk`, io.err);
    }
    progress.update(totals.seeds, totals.failed);
    return !(options.failFast && final.verdict === "fail");
  });
  progress.clear();
  if (options.junit !== null) writeJunit(options.junit, cases);
  if (!options.json) for (const line of summaryLines(totals, Date.now() - started)) io.err(line);
  return exitCode(totals);
}

function exitCode(totals: Totals): ExitCode {
  if (totals.failed > 0) return EXIT.violation;
  return totals.unknown > 0 ? EXIT.unknown : EXIT.ok;
}

function header(options: RunOptions, name: string): string {
  const first = options.seeds[0];
  const last = options.seeds[options.seeds.length - 1];
  const range =
    first === undefined ? "no seeds" : first === last ? `seed ${first}` : `seeds ${first}..${last}`;
  const shard =
    options.shard === null ? "" : `, shard ${options.shard.index}/${options.shard.count}`;
  const bugs = options.bugs.length === 0 ? "" : `, planted bugs: ${options.bugs.join(" ")}`;
  const count = `${options.seeds.length} seed${options.seeds.length === 1 ? "" : "s"}`;
  return `zabsim run ${name}: ${range} (${count}${shard}), ${options.jobs} job${options.jobs === 1 ? "" : "s"}${bugs}`;
}

/** Writes the failing seed's run directory (and shrinks it with --shrink); returns the result naming it. */
function recordFailure(options: RunOptions, result: SeedResult, io: CliIo): SeedResult {
  if (options.target.kind !== "scenario") return result;
  const dir = runDirOf(options.out, result.scenario, result.seed);
  writeRunDir({
    scenario: options.target.scenario,
    seed: result.seed,
    dir,
    repro: reproCommand(options, result.seed),
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

export function reproCommand(options: RunOptions, seed: number): string {
  const bugs = options.bugs.flatMap((bug) => ["--bug", bug]);
  return ["npx", "zabsim", "run", ...options.scenarioArgs, "--seed", String(seed), ...bugs].join(
    " ",
  );
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
    "zabsim run [SCENARIO] [--seed N | --seeds A..B] [--jobs N] [--shard K/N] [--bug ID]... [--fail-fast] [--shrink] [--out DIR] [--json] [--junit FILE] [--report] [--scenario-file FILE]",
  summary: `Run a scenario over seeds (default: zk-mixed, seeds 1..20); failing seeds get a run directory.`,
  run,
};

export type { RunTarget };
