// Recording a run: the hashed trace, the client history, and their file formats.
export { ednKeyword, type HistoryEntry, historyToEdn, historyToJsonLines } from "./history.js";
export { fingerprintJson } from "./json-fingerprint.js";
export {
  type DurableTag,
  TRACE_KINDS,
  Trace,
  type TraceEntry,
  type TraceKind,
  traceToJsonLines,
} from "./trace.js";
export { hashString, TraceHash } from "./trace-hash.js";
