// Running apps from code: one seed (`simulate`), many (`sweep`), and how the options resolve.
export { type AppObject, type AppOption, type ResolvedApp, resolveApp } from "./app-option.js";
export { appReproCommand, replayCommand } from "./repro.js";
export {
  DEFAULT_APP_SCENARIO,
  type ResolvedScenario,
  resolveScenarioOption,
  type ScenarioOption,
} from "./scenario-option.js";
export {
  type SeedRun,
  type SimulateOptions,
  type SimulateResult,
  seedOf,
  simulate,
  simulateSeed,
} from "./simulate.js";
export {
  type SeedSummary,
  type SeedsOption,
  SWEEP_SEEDS_MAX,
  type SweepOptions,
  type SweepResult,
  seedList,
  sweep,
  sweepSeeds,
} from "./sweep.js";
