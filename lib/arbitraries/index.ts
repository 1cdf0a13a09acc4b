// fast-check arbitraries for fault schedules and scenario variations (the `zabsim/fast-check` entry).
export {
  type FaultScheduleOptions,
  faultScheduleArb,
  type IntRange,
  type ScenarioArbOptions,
  scenarioArb,
} from "./arbitraries.js";
export {
  cutsOf,
  FAULT_KINDS,
  type FaultKind,
  PARTITION_SHAPES,
  type PartitionShape,
  type ScheduleItem,
} from "./fault-windows.js";
