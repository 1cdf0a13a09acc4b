// Nemesis generators: fault schedules drawn from a seed.
export {
  FAULT_KINDS,
  type FaultKind,
  type RandomScheduleOptions,
  randomSchedule,
} from "./random-schedule.js";
