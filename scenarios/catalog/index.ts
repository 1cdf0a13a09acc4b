// The built-in scenarios and the scenario that exposes each planted bug.
export { BUG_EXPOSED_BY, BUG_SCENARIOS } from "./bug-scenarios.js";
export {
  builtInScenario,
  type CatalogueEntry,
  catalogue,
  closeNames,
  DEFAULT_SCENARIO,
  isSelfcheck,
} from "./catalog.js";
export { FAULT_SCENARIOS } from "./fault-scenarios.js";
export { EXPECTED_FAILURES, ZK_SCENARIOS } from "./zk-scenarios.js";
