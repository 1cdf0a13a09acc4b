// Where a replay comes from: a run directory (run.json + scenario.json + trace.jsonl, verified against the
// re-run), or a built-in scenario / scenario file with a seed and planted bugs. Bad input is a UsageError
// that names the file and what is wrong (exit 2), never a stack trace.
import { join } from "node:path";
import type { ViolationJson } from "../../reports/run-data/index.js";
import type { RawViolation, ViolationAt } from "../../reports/tui/model/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";
import { readRunDir, readRunDirFile } from "../run/read-run-dir.js";
import type { AppRef } from "../run/run-target.js";

export interface ReplaySource {
  readonly scenario: Scenario;
  readonly seed: number;
  /** How the header names the source. */
  readonly label: string;
  /** For a run directory: what the re-run must reproduce. */
  readonly recorded: RecordedRun | null;
  /** The user's app that ran as the clients, if any. */
  readonly app: AppRef | null;
}

export interface RecordedRun {
  readonly dir: string;
  readonly traceHash: string;
  readonly traceLines: readonly string[];
  /** trace.jsonl ended without a newline: the last line may be cut. */
  readonly endsCleanly: boolean;
  readonly traceEntries: number | null;
  /** The violations as run.json recorded them (with where they show, and their story, when it says). */
  readonly violations: readonly RawViolation[];
}

export function runDirSource(dir: string): ReplaySource {
  const { run, scenario, app } = readRunDir(dir);
  const text = readRunDirFile(join(dir, "trace.jsonl"));
  return {
    scenario,
    seed: run.seed,
    label: dir,
    app,
    recorded: {
      dir,
      traceHash: run.trace_hash,
      traceLines: text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1),
      endsCleanly: text === "" || text.endsWith("\n"),
      traceEntries: run.stats.trace_entries ?? null,
      violations: run.violations.map(recordedViolation),
    },
  };
}

/** A violation as run.json holds it, its location without the fields it leaves out. */
function recordedViolation(violation: ViolationJson): RawViolation {
  const { at, story } = violation;
  const fields = Object.entries(at ?? {}).filter(([, value]) => value !== undefined);
  return {
    check: violation.check,
    message: violation.message,
    ...(at === undefined ? {} : { at: Object.fromEntries(fields) as ViolationAt }),
    ...(story === undefined ? {} : { story }),
  };
}
