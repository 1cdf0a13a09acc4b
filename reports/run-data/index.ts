// Recorded runs as data: the schemas of run.json, trace.jsonl and history.jsonl and their validation.

export { parseJsonLines } from "./json-lines.js";
export {
  APP_NOTES_FILE,
  type AppNoteJson,
  appNoteSchema,
  type CheckOutcomeJson,
  type HistoryLine,
  type MonitorSampleJson,
  type RunJson,
  runJsonSchema,
  type SeedResultLine,
  type SweepIdJson,
  seedResultLineSchema,
  sweepIdSchema,
  type TraceLine,
  traceLineSchema,
  type ViolationAtJson,
  type ViolationJson,
  zkRecordLineSchema,
} from "./record-schemas.js";
export { RunInputError } from "./run-input-error.js";
export { parseRunJson } from "./run-json.js";
export { parseRunRecord, type RunFiles, type RunRecord } from "./run-record.js";
