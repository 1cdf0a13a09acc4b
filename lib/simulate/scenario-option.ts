// The `scenario` and `bugs` options of the library: a built-in scenario by name (scenarios/catalog) or a
// scenario object validated by the scenario schema, with planted bugs switched on as `zabsim run --bug` does
// (bin/run/resolve-scenario.ts). Bad input is an Error with the CLI's message, before anything runs.
import { parseBugs, withBugs } from "../../bin/run/resolve-scenario.js";
import type { BugId } from "../../protocol/planted-bugs/index.js";
import { builtInScenario, closeNames } from "../../scenarios/catalog/index.js";
import {
  formatIssues,
  parseScenario,
  type Scenario,
  type ScenarioInput,
} from "../../scenarios/schema/index.js";

/** What `simulate` runs without a `scenario`: the ZooKeeper service with no faults. */
export const DEFAULT_APP_SCENARIO = "zk-no-faults";

/**
 * A built-in scenario's name (`zabsim list scenarios`), or a scenario as data (defaults may be left out;
 * `system` defaults to `zookeeper` here, the only system an app can run against).
 */
export type ScenarioOption = string | ScenarioInput;

export interface ResolvedScenario {
  readonly scenario: Scenario;
  /** The built-in name the repro command can give, or null for a scenario object. */
  readonly builtIn: string | null;
  /** The bugs asked for, known, without duplicates, sorted: what the repro command passes as --bug. */
  readonly bugs: readonly BugId[];
}

export function resolveScenarioOption(
  option: ScenarioOption = DEFAULT_APP_SCENARIO,
  bugs: readonly BugId[] = [],
): ResolvedScenario {
  const known = parseBugs(bugs) as BugId[];
  if (typeof option === "string") {
    const scenario = builtInScenario(option);
    if (scenario === undefined) {
      const close = closeNames(option);
      const hint = close.length > 0 ? ` Did you mean ${close.join(", ")}?` : "";
      throw new Error(`zabsim: unknown scenario '${option}'.${hint}`);
    }
    if (scenario.system !== "zookeeper")
      throw new Error(
        `zabsim: ${option} runs the ${scenario.system} system; an app needs zookeeper`,
      );
    return { scenario: withBugs(scenario, known), builtIn: option, bugs: known };
  }
  // An app runs against ZooKeeper servers: a scenario object that names no system means that one.
  const parsed = parseScenario({ system: "zookeeper", ...option });
  if (!parsed.ok) throw new Error(formatIssues("zabsim: scenario", parsed.issues));
  if (parsed.scenario.system !== "zookeeper")
    throw new Error(
      `zabsim: the scenario's system is ${parsed.scenario.system}; an app needs zookeeper`,
    );
  return { scenario: withBugs(parsed.scenario, known), builtIn: null, bugs: known };
}
