// Shrinking failing runs by delta debugging over faults and client operations.
export { type Budget, ddmin } from "./ddmin.js";
export { type Faults, mergeOutages, shrinkCluster } from "./passes.js";
export { explicitScenario, type ShrinkInput, type ShrinkResult, shrinkRun } from "./shrink-run.js";
