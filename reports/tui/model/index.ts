// The replay model: data about one run, indexed for random access, and the queries the screens use.

export { type DetailLines, detailLines } from "./detail-lines.js";
export { hexIdsInProse, hexIdsInText, hexIdsInValue } from "./hex-ids.js";
export { CHECKPOINT_EVERY, IntervalIndex } from "./interval-index.js";
export { eventAt, firstEventAtOrAfter, linkOperations } from "./operations.js";
export {
  findEvent,
  lastStepOf,
  matchesFilter,
  neighbour,
  operationSearchText,
  operationsAround,
  parseGoto,
  type ServerRow,
  SUMMARY_FIELDS,
  searchEvents,
  serverRow,
  stateStepOf,
} from "./queries.js";
export {
  type FinishInput,
  type HistoryRecord,
  type RecordedStep,
  ReplayRecorder,
} from "./recorder.js";
export { type DiffLine, diffStates, flattenState } from "./state-diff.js";
export type {
  ClientOperation,
  ClientSummary,
  EventKind,
  InFlightMessage,
  NodeStatus,
  OpOutcome,
  PendingTimer,
  ReplayEvent,
  ReplayMeta,
  ReplayRun,
  ReplayViolation,
  ServerSummary,
  StepEnv,
  StepObservation,
  Verdict,
  ViolationAt,
} from "./types.js";
export { cluesOf, locateViolations, type RawViolation } from "./violations.js";
