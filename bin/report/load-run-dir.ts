// Reads a run directory's files for the reports: run.json is required; trace.jsonl and history.jsonl are
// read when present. A missing directory or file, or a bad line, is a RunInputError naming file and line.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseRunRecord, RunInputError, type RunRecord } from "../../reports/run-data/index.js";

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new RunInputError(file, 0, `cannot read the file (${reason})`);
  }
}

function optional(file: string): { name: string; text: string } | null {
  return existsSync(file) ? { name: file, text: readText(file) } : null;
}

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
  return parseRunRecord({
    runJson: { name: runJson, text: readText(runJson) },
    trace: optional(join(dir, "trace.jsonl")),
    history: optional(join(dir, "history.jsonl")),
  });
}
