// Running a scenario for one seed, deterministically.
export { eventBudget, STALL_EVENTS } from "./run-guard.js";
export {
  type InternalError,
  type RunApp,
  type RunOptions,
  type RunStats,
  runScenario,
  runScenarioSteps,
  type ScenarioRun,
} from "./run-scenario.js";
