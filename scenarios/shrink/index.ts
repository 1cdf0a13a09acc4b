// Shrinking failing runs by delta debugging over faults and client operations.
export { type Budget, ddmin, decided, settled, type Trial } from "./ddmin.js";
export { type Faults, mergeOutages, shrinkCluster } from "./passes.js";
export {
  explicitScenario,
  type ShrinkInput,
  type ShrinkResult,
  shrinkRun,
  shrinkSteps,
} from "./shrink-run.js";
