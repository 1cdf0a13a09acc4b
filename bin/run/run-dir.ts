// A failing seed's run directory (DESIGN.md, "The CLI contract"): run.json (scenario, seed, version, verdicts,
// stats, trace hash, the applied fault schedule and workload, the repro command), trace.jsonl, history.jsonl,
// history.edn, scenario.json (the full scenario, so `--scenario-file` replays it anywhere), and what the checks
// judged beyond the history (zk-records.jsonl: the ZooKeeper consistency check's input).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { APP_NOTES_FILE } from "../../reports/run-data/index.js";
import type { ScenarioRun } from "../../scenarios/runner/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";
import { historyToEdn, historyToJsonLines, traceToJsonLines } from "../../sim/record/index.js";
import { UsageError } from "../cli-io.js";
import { VERSION } from "../version.js";
import { type AppRef, isAppRun, runWithApp } from "./run-target.js";

export interface RunDirInput {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly dir: string;
  readonly repro: string;
  /** The user's app that ran as the clients, if any (recorded in run.json for replay and shrink). */
  readonly app?: AppRef | null;
}

/**
 * The mark of a run directory zabsim wrote. zabsim replaces a directory (a seed run again, a run shrunk again)
 * only when it carries this mark; anything else in the way is refused, never deleted.
 */
export const RUN_DIR_MARKER = ".zabsim-run";
/** What run directories written before the mark held: such a directory is zabsim's too. */
const RUN_DIR_FILES = new Set([
  "run.json",
  "scenario.json",
  "trace.jsonl",
  "history.jsonl",
  "history.edn",
  "zk-records.jsonl",
  "report.html",
  "internal-error.txt",
  "notes.jsonl",
  RUN_DIR_MARKER,
]);

function jsonLines(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join("");
}
export const INTERNAL_ERROR_FILE = "internal-error.txt";

/**
 * Null when `dir` may be written as a run directory: it does not exist, is an empty folder, or is a run
 * directory zabsim wrote. Otherwise the reason it may not (a usage error to print, exit 2).
 */
export function runDirConflict(dir: string): string | null {
  const path = resolve(dir);
  if (path === dirname(path) || relative(path, process.cwd()).split(sep)[0] !== "..")
    return `${dir} is the current folder or one of its parents; give a folder of its own`;
  let entries: string[];
  try {
    if (!statSync(path).isDirectory()) return `${dir} exists and is not a folder`;
    entries = readdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? null : `cannot read ${dir} (${code})`;
  }
  if (entries.length === 0 || entries.includes(RUN_DIR_MARKER)) return null;
  if (entries.includes("run.json") && entries.every((entry) => RUN_DIR_FILES.has(entry)))
    return null;
  return `${dir} exists and is not a zabsim run directory (it has no ${RUN_DIR_MARKER} mark); zabsim never deletes what it did not write: choose another --out, or move it away yourself`;
}

/** Throws a UsageError when `dir` may not be written as a run directory (see runDirConflict). */
export function assertRunDirWritable(dir: string): void {
  const conflict = runDirConflict(dir);
  if (conflict !== null) throw new UsageError(conflict);
}

/**
 * Re-runs the seed keeping the trace, writes the directory, and returns the run. The files are written into a
 * fresh sibling directory that is renamed into place at the end, so a crash or ^C never leaves a half-written
 * run directory behind; a previous run directory of the same seed is replaced only then, and only if zabsim
 * wrote it (runDirConflict).
 */
export async function recordRunDir(input: RunDirInput): Promise<ScenarioRun> {
  assertRunDirWritable(input.dir);
  const run = await runWithApp(input.scenario, input.app ?? null, input.seed, { keepTrace: true });
  writeRunDir(input, run);
  return run;
}

/** Writes the run directory of a run made with `keepTrace` (recordRunDir makes it), as described there. */
export function writeRunDir(input: RunDirInput, run: ScenarioRun): void {
  assertRunDirWritable(input.dir);
  const target = resolve(input.dir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(target)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(target)}.old-${process.pid}`);
  mkdirSync(staging);
  try {
    writeFiles(staging, input, run);
    if (existsSync(target)) renameSync(target, old);
    try {
      renameSync(staging, target);
    } catch (error) {
      if (existsSync(old)) renameSync(old, target);
      throw error;
    }
  } finally {
    // Both are this process's own folders: the staging one if renaming failed, the replaced run directory.
    rmSync(staging, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

function writeFiles(folder: string, input: RunDirInput, run: ScenarioRun): void {
  writeFileSync(
    join(folder, RUN_DIR_MARKER),
    `A zabsim run directory (zabsim ${VERSION}); zabsim may replace it when the same seed is recorded again.\n`,
  );
  writeFileSync(join(folder, "run.json"), `${JSON.stringify(runJson(input, run), null, 2)}\n`);
  writeFileSync(join(folder, "scenario.json"), `${JSON.stringify(input.scenario, null, 2)}\n`);
  writeFileSync(join(folder, "trace.jsonl"), traceToJsonLines(run.trace));
  writeFileSync(join(folder, "history.jsonl"), historyToJsonLines(run.history));
  writeFileSync(join(folder, "history.edn"), historyToEdn(run.history));
  if (isAppRun(run)) writeFileSync(join(folder, APP_NOTES_FILE), jsonLines(run.notes));
  for (const [file, lines] of Object.entries(run.checkInputs ?? {}))
    writeFileSync(join(folder, file), lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
  if (run.internalError !== undefined)
    writeFileSync(join(folder, INTERNAL_ERROR_FILE), `${run.internalError.stack}\n`);
}

function runJson(input: RunDirInput, run: ScenarioRun) {
  return {
    scenario: run.scenario,
    seed: run.seed,
    version: VERSION,
    bugs: input.scenario.bugs,
    zk_version: input.scenario.zkVersion,
    verdict: run.verdict,
    verdicts: run.checks,
    violations: run.violations,
    trace_hash: run.traceHash,
    stats: {
      events: run.events,
      sim_time_us: run.simTimeUs,
      healed_at_us: run.healedAtUs,
      faults: run.stats.faults,
      fault_ops: run.stats.faultOps,
      client_ops: run.stats.clientOps,
      ok: run.stats.ok,
      fail: run.stats.fail,
      info: run.stats.info,
      trace_entries: run.trace.length,
      history_entries: run.history.length,
    },
    swarm: run.swarm,
    repro: input.repro,
    ...(input.app === undefined || input.app === null
      ? {}
      : {
          app: {
            file: input.app.file,
            path: input.app.path,
            instances: isAppRun(run) ? run.instances : [],
          },
        }),
    schedule: run.schedule,
    workload: run.workload,
    // What a monitoring probe read from every server's four-letter words, every monitorEveryMs.
    monitor: run.monitor,
    ...(run.internalError === undefined
      ? {}
      : {
          internal_error: {
            name: run.internalError.name,
            message: run.internalError.message,
            at_us: run.internalError.atUs,
            event: run.internalError.event,
            stack_file: INTERNAL_ERROR_FILE,
          },
        }),
  };
}

/** `runs/<scenario>/seed-<N>` under the --out directory. */
export function runDirOf(out: string, scenario: string, seed: number): string {
  return join(out, scenario, `seed-${seed}`);
}
