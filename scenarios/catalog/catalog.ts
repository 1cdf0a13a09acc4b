// The catalogue of built-in scenarios by name, the default one, and close-name suggestions for typos.
// Built-ins are validated by the same schema as user files; one failing validation is a bug in zabsim.
import { SELFCHECK_NAME } from "../kernel-selfcheck/index.js";
import { formatIssues, parseScenario, type Scenario, type ScenarioInput } from "../schema/index.js";
import { BUG_SCENARIOS } from "./bug-scenarios.js";
import { FAULT_SCENARIOS } from "./fault-scenarios.js";
import { STALE_READ_EXPECTED_FAILURES, STALE_READ_SCENARIOS } from "./stale-read-scenarios.js";
import { EXPECTED_FAILURES, ZK_SCENARIOS } from "./zk-scenarios.js";

/** `zabsim run` without a scenario: the ZooKeeper service under random faults. */
export const DEFAULT_SCENARIO = "zk-mixed";

export interface CatalogueEntry {
  readonly name: string;
  readonly description: string;
  /** A demonstration that must fail this check (a hazard by design); sweeps for false alarms skip it. */
  readonly expectedFailure?: string;
}

const BUILT_IN: readonly ScenarioInput[] = [
  ...ZK_SCENARIOS,
  ...STALE_READ_SCENARIOS,
  ...FAULT_SCENARIOS,
  ...BUG_SCENARIOS,
];

/** Every runnable name: the scenarios, then the kernel's own self-check. */
export function catalogue(): CatalogueEntry[] {
  const entries: CatalogueEntry[] = BUILT_IN.map((input) => {
    const expected = EXPECTED_FAILURES[input.name] ?? STALE_READ_EXPECTED_FAILURES[input.name];
    const entry = { name: input.name, description: input.description ?? "" };
    return expected === undefined ? entry : { ...entry, expectedFailure: expected };
  });
  entries.push({
    name: SELFCHECK_NAME,
    description:
      "kernel self-check: five nodes stream numbered messages under random faults; checks FIFO and determinism",
  });
  return entries;
}

export function isSelfcheck(name: string): boolean {
  return name === SELFCHECK_NAME;
}

/** The validated built-in scenario, or undefined when there is none of that name. */
export function builtInScenario(name: string): Scenario | undefined {
  const input = BUILT_IN.find((s) => s.name === name);
  if (input === undefined) return undefined;
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(formatIssues(`built-in scenario ${name}`, parsed.issues));
  return parsed.scenario;
}

/** Names within a small edit distance of `name`, closest first (for "did you mean"). */
export function closeNames(name: string): string[] {
  const scored = catalogue()
    .map((entry) => ({ name: entry.name, distance: editDistance(name, entry.name) }))
    .filter(
      (s) => s.distance <= Math.max(2, Math.floor(s.name.length / 3)) || s.name.includes(name),
    );
  return scored
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1))
    .slice(0, 3)
    .map((s) => s.name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
