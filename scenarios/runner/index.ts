// Running a scenario for one seed, deterministically.
export { type RunOptions, type RunStats, runScenario, type ScenarioRun } from "./run-scenario.js";
