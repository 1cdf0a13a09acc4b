// The one reader of a run directory's run.json and scenario.json, for every command that re-runs a recorded
// seed (shrink, replay): run.json through its zod schema (reports/run-data), the scenario from scenario.json
// or, for a directory without one, the built-in scenario run.json names with its bugs. Bad input is an error
// naming the file and line (exit 2).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRunJson, RunInputError, type RunJson } from "../../reports/run-data/index.js";
import { formatIssues, parseScenarioText, type Scenario } from "../../scenarios/schema/index.js";
import { UsageError } from "../cli-io.js";
import { resolveScenario } from "./resolve-scenario.js";

export interface RecordedRunDir {
  readonly dir: string;
  readonly run: RunJson;
  readonly scenario: Scenario;
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
  return { dir, run, scenario: scenarioOf(dir, run) };
}

function scenarioOf(dir: string, run: RunJson): Scenario {
  const file = join(dir, "scenario.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return resolveScenario({ kind: "name", name: run.scenario }, run.bugs);
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new UsageError(formatIssues(file, parsed.issues));
  return parsed.scenario;
}
