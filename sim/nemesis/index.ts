// Fault schedules: the nemesis operations the kernel applies at their times.
export {
  describeNemesisOp,
  type LinkSelector,
  NEMESIS_DESCRIPTIONS,
  NEMESIS_FUNCTIONS,
  type NemesisFunction,
  type NemesisOp,
  nemesisValue,
  nodesNamedBy,
  type ScheduledOp,
} from "./ops.js";
