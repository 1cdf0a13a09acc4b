// `zabsim report` and `zabsim run --report` share this: read a run directory, render its HTML report, and
// write it atomically (RUN_DIR/report.html unless told otherwise).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderReport } from "../../reports/html/index.js";
import {
  APP_NOTES_FILE,
  appNoteSchema,
  parseJsonLines,
  type RunRecord,
} from "../../reports/run-data/index.js";
import { loadRunDir, readRunDirFile } from "../run/read-run-dir.js";
import { writeFileAtomic } from "./atomic-write.js";
import { counterexampleOf } from "./counterexample-of.js";
import { zkCounterexampleOf } from "./zk-counterexample-of.js";

export interface WrittenReport {
  readonly file: string;
  readonly bytes: number;
  readonly record: RunRecord;
}

/** Throws RunInputError (bad or missing input: exit 2) before anything is written. */
export function writeRunReport(runDir: string, htmlFile?: string): WrittenReport {
  const record = loadRunDir(runDir);
  const historyFile = join(runDir, "history.jsonl");
  const historyText = existsSync(historyFile) ? readFileSync(historyFile, "utf8") : null;
  const counterexample = counterexampleOf(record, runDir, historyText);
  const zkCounterexample = zkCounterexampleOf(record, runDir);
  const notesFile = join(runDir, APP_NOTES_FILE);
  const notes = existsSync(notesFile)
    ? parseJsonLines(readRunDirFile(notesFile), notesFile, appNoteSchema, "notes file")
    : undefined;
  const html = renderReport({
    record,
    counterexample,
    zkCounterexample,
    ...(notes === undefined ? {} : { notes }),
  });
  const file = htmlFile ?? join(runDir, "report.html");
  writeFileAtomic(file, html);
  return { file, bytes: Buffer.byteLength(html), record };
}
