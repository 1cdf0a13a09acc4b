// Nemesis generators: fault schedules drawn from a seed, and fault windows resolved when they start.
export {
  APP_FAULT_DESCRIPTIONS,
  APP_FAULTS,
  type AppFault,
  GENERATED_FAULT_DESCRIPTIONS,
  GENERATED_FAULTS,
  type GeneratedFault,
  targetsLeader,
} from "./fault-kinds.js";
export {
  type FaultWindow,
  planWindows,
  takesDown,
  type WindowPlanOptions,
} from "./fault-windows.js";
export {
  type FixedOp,
  intensityOf,
  type NemesisPlan,
  planNemesis,
  type SwarmDraw,
} from "./plan-nemesis.js";
export {
  FAULT_KINDS,
  type FaultKind,
  type RandomScheduleOptions,
  randomSchedule,
} from "./random-schedule.js";
export { type RunView, resolveWindow } from "./resolve-window.js";
