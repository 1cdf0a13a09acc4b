// The scenario schema (zod) and its validation with field paths and lines.
export { lineOfPath } from "./json-location.js";
export {
  type GeneratorSpec,
  INTENSITY_PRESETS,
  type Intensity,
  type NemesisSpec,
  nemesisOpSchema,
} from "./nemesis-schema.js";
export {
  clientNodeNames,
  formatIssues,
  nodeNames,
  parseScenario,
  parseScenarioText,
  pathText,
  type ScenarioIssue,
  type ScenarioParse,
  workloadClientCount,
} from "./parse-scenario.js";
export {
  CHECK_NAMES,
  type CheckName,
  CLIENT_OPS,
  type ClientOpName,
  type ExplicitClientOp,
  LOCK_RESOURCES,
  RECIPE_NAMES,
  type RecipeName,
  type RecipeSpec,
  type Scenario,
  type ScenarioInput,
  SYSTEM_NAMES,
  type SystemName,
  scenarioSchema,
} from "./scenario-schema.js";
export { SYSTEM_CAPABILITIES, type SystemCapabilities } from "./system-capabilities.js";
