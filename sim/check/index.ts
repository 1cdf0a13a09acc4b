// The linearizability checker: models, the raced Wing & Gong / Lowe search, counterexamples.
export type { CheckOptions, CheckResult, Verdict } from "./check-history.js";
export { checkPrepared } from "./check-history.js";
export type {
  Counterexample,
  LinearizationStep,
  OperationView,
  PartialLinearization,
} from "./counterexample.js";
export { describeOperation, formatCounterexample } from "./counterexample-text.js";
export type { SearchStatus } from "./linearization-search.js";
export type { MemoryBudget } from "./memory-budget.js";
export { DEFAULT_CACHE_WORDS_MAX } from "./memory-budget.js";
export type { AnyModel, Footprint, Model, ModelFactory, ModelOp } from "./model.js";
export { ModelInputError } from "./model.js";
export { canonicalJson, findModel, MODELS } from "./models/index.js";
export { groupByObjects } from "./object-groups.js";
export type { PreparedHistory, PreparedPartition } from "./prepare.js";
export { prepareHistory } from "./prepare.js";
export type { RaceStop } from "./race.js";
