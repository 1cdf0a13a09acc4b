// Reading histories: Jepsen-style JSON lines and EDN, validated and paired into operations.
export { readEdn } from "./edn-reader.js";
export { HistoryError } from "./history-error.js";
export type { EventType, HistoryEvent } from "./history-event.js";
export { EVENT_TYPES, toHistoryEvent } from "./history-event.js";
export { readJsonLines } from "./jsonl-reader.js";
export {
  jsonTooDeepAt,
  MAX_HISTORY_EVENTS,
  MAX_NESTING_DEPTH,
  tooDeepMessage,
  tooManyEventsMessage,
} from "./limits.js";
export type { Operation, OperationStatus } from "./operation.js";
export { pairOperations } from "./operation.js";
export type { HistoryFormat } from "./read-history.js";
export { detectFormat, readHistory } from "./read-history.js";
