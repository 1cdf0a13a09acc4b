// The one reader of run directories: for the commands that re-run a recorded seed (shrink, replay), run.json
// through its zod schema (reports/run-data) and the scenario from scenario.json or, for a directory without
// one, the built-in scenario run.json names with its bugs; for the reports (report, run --report), run.json,
// trace.jsonl and history.jsonl as validated records. Bad input is an error naming the file and line (exit 2).
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isZkVersion } from "../../protocol/zab/index.js";
import {
  parseRunJson,
  parseRunRecord,
  RunInputError,
  type RunJson,
  type RunRecord,
} from "../../reports/run-data/index.js";
import { formatIssues, parseScenarioText, type Scenario } from "../../scenarios/schema/index.js";
import { UsageError } from "../cli-io.js";
import { resolveScenario, withZkVersion } from "./resolve-scenario.js";
import type { AppRef } from "./run-target.js";

export interface RecordedRunDir {
  readonly dir: string;
  readonly run: RunJson;
  readonly scenario: Scenario;
  /** The app that ran as the clients (run.json `app`), null for a run of the scenario alone. */
  readonly app: AppRef | null;
}

/** Reads a file of a run directory; a missing or unreadable one is a RunInputError naming it. */
export function readRunDirFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const hint = code === "ENOENT" ? "; is this a zabsim run directory?" : "";
    throw new RunInputError(file, 0, `cannot read the file (${code})${hint}`);
  }
}

export function readRunDir(dir: string): RecordedRunDir {
  const runFile = join(dir, "run.json");
  const run = parseRunJson(readRunDirFile(runFile), runFile);
  const app = run.app === undefined ? null : { file: run.app.file, path: run.app.path };
  return { dir, run, scenario: scenarioOf(dir, run), app };
}

function scenarioOf(dir: string, run: RunJson): Scenario {
  const file = join(dir, "scenario.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    const scenario = resolveScenario({ kind: "name", name: run.scenario }, run.bugs);
    if (!isZkVersion(run.zk_version))
      throw new UsageError(`${join(dir, "run.json")}: unknown zk_version '${run.zk_version}'`);
    return withZkVersion(scenario, run.zk_version);
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new UsageError(formatIssues(file, parsed.issues));
  return parsed.scenario;
}

/** run.json (required), trace.jsonl and history.jsonl (when present) as the reports read them. */
export function loadRunDir(dir: string): RunRecord {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new RunInputError(dir, 0, "no such run directory");
  const runJson = join(dir, "run.json");
  if (!existsSync(runJson))
    throw new RunInputError(
      runJson,
      0,
      "missing: a run directory holds run.json (zabsim run --out DIR)",
    );
  const optional = (file: string) =>
    existsSync(file) ? { name: file, text: readRunDirFile(file) } : null;
  return parseRunRecord({
    runJson: { name: runJson, text: readRunDirFile(runJson) },
    trace: optional(join(dir, "trace.jsonl")),
    history: optional(join(dir, "history.jsonl")),
  });
}
