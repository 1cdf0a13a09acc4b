// A run directory's recorded data, parsed and validated: what every report renders. Reading the files is
// bin/'s job; this turns their text into data or a RunInputError naming file and line.
import { parseJsonLines } from "./json-lines.js";
import {
  type HistoryLine,
  historyLineSchema,
  type RunJson,
  type TraceLine,
  traceLineSchema,
} from "./record-schemas.js";
import { RunInputError } from "./run-input-error.js";
import { parseRunJson } from "./run-json.js";

export interface RunRecord {
  readonly run: RunJson;
  /** Empty when the run directory has no trace.jsonl. */
  readonly trace: readonly TraceLine[];
  readonly history: readonly HistoryLine[];
}

/** The text of each file, and the name to use for it in messages (usually its path). */
export interface RunFiles {
  readonly runJson: { readonly name: string; readonly text: string };
  readonly trace: { readonly name: string; readonly text: string } | null;
  readonly history: { readonly name: string; readonly text: string } | null;
}

export function parseRunRecord(files: RunFiles): RunRecord {
  const run = parseRunJson(files.runJson.text, files.runJson.name);
  const trace =
    files.trace === null
      ? []
      : parseJsonLines(files.trace.text, files.trace.name, traceLineSchema, "trace");
  const history =
    files.history === null
      ? []
      : parseJsonLines(files.history.text, files.history.name, historyLineSchema, "history");
  if (files.trace !== null) complete(files.trace.name, trace.length, run.stats.trace_entries);
  if (files.history !== null)
    complete(files.history.name, history.length, run.stats.history_entries);
  return { run, trace, history };
}

/**
 * A file cut at a line boundary parses cleanly but holds fewer entries than run.json counted: refused, as
 * `zabsim replay` refuses it, rather than drawn as if the run had ended there.
 */
function complete(file: string, entries: number, recorded: number | undefined): void {
  if (recorded === undefined || entries >= recorded) return;
  throw new RunInputError(
    file,
    0,
    `truncated: ${entries} entries, but run.json's stats say ${recorded}`,
  );
}
