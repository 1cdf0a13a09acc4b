// The one scenario resolver of the CLI: a built-in name or a scenario file, with planted bugs switched on and
// validated against the scenario's system (a server bug needs ZooKeeper servers). `run`, `replay` and every
// other command that names a scenario go through it, so they accept and refuse the same things.
import { BUG_IDS, isZkVersion, ZK_VERSIONS, type ZkVersion } from "../../protocol/zab/index.js";
import { builtInScenario, closeNames, isSelfcheck } from "../../scenarios/catalog/index.js";
import { parseScenario, type Scenario } from "../../scenarios/schema/index.js";
import { UsageError } from "../cli-io.js";
import type { AppRef } from "./run-target.js";
import { readScenarioFile } from "./scenario-file.js";
import type { RunTarget } from "./seed-result.js";

/** A scenario as the command line names it. */
export type ScenarioRef =
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "file"; readonly file: string };

/** The --bug flags, each known, without duplicates, sorted. */
export function parseBugs(bugs: readonly string[]): string[] {
  for (const bug of bugs) {
    if (!(BUG_IDS as readonly string[]).includes(bug))
      throw new UsageError(`unknown planted bug '${bug}'. Known: ${BUG_IDS.join(", ")}`);
  }
  return [...new Set(bugs)].sort();
}

/** The --zk-version flag: absent (each scenario's own), or one of the known release lines. */
export function parseZkVersion(text: string | undefined): ZkVersion | null {
  if (text === undefined) return null;
  if (!isZkVersion(text))
    throw new UsageError(`--zk-version expects one of ${ZK_VERSIONS.join(", ")}, got '${text}'`);
  return text;
}

/** The scenario simulating this release line; null keeps the scenario's own. */
export function withZkVersion(scenario: Scenario, zkVersion: ZkVersion | null): Scenario {
  if (zkVersion === null || zkVersion === scenario.zkVersion) return scenario;
  return { ...scenario, zkVersion };
}

/** What runs for a scenario reference: a scenario (with the bugs on), or the kernel self-check. */
export function resolveTarget(
  ref: ScenarioRef,
  bugs: readonly string[],
  app: AppRef | null = null,
  zkVersion: ZkVersion | null = null,
): RunTarget {
  if (ref.kind === "name" && isSelfcheck(ref.name)) {
    if (bugs.length > 0) throw new UsageError(`${ref.name} has no planted bugs`);
    if (app !== null) throw new UsageError(`${ref.name} runs no clients: it cannot run an app`);
    return { kind: "selfcheck" };
  }
  return { kind: "scenario", scenario: withZkVersion(resolveScenario(ref, bugs), zkVersion), app };
}

/** The scenario a reference names, with the bugs on; the kernel self-check is refused (it has no nodes). */
export function resolveScenario(ref: ScenarioRef, bugs: readonly string[]): Scenario {
  const known = parseBugs(bugs);
  if (ref.kind === "file") return withBugs(readScenarioFile(ref.file), known);
  if (isSelfcheck(ref.name))
    throw new UsageError(`${ref.name} is the kernel self-check; it runs no scenario`);
  const scenario = builtInScenario(ref.name);
  if (scenario === undefined) {
    const close = closeNames(ref.name);
    const hint = close.length > 0 ? ` Did you mean ${close.join(", ")}?` : "";
    throw new UsageError(
      `unknown scenario '${ref.name}'.${hint} 'zabsim list scenarios' lists them.`,
    );
  }
  return withBugs(scenario, known);
}

/** The scenario with these bugs on too, validated again: the bugs must suit its system. */
export function withBugs(scenario: Scenario, bugs: readonly string[]): Scenario {
  if (bugs.length === 0) return scenario;
  const all = [...new Set([...scenario.bugs, ...bugs])].sort() as Scenario["bugs"];
  const parsed = parseScenario({ ...scenario, bugs: all });
  if (!parsed.ok) {
    const problems = parsed.issues.map((issue) => issue.message).join("; ");
    throw new UsageError(`--bug: ${problems} (scenario ${scenario.name})`);
  }
  return parsed.scenario;
}
