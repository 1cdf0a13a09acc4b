// `zabsim list [scenarios|nemeses|models|bugs|checks]`: what the tool knows, one item per line, or with --json
// one object per line with at least `name` and `description`.
import { parseArgs } from "node:util";
import { PLANTED_BUGS } from "../../protocol/zab/index.js";
import { ZAB_CHECKERS } from "../../protocol/zab/invariants/index.js";
import { BUG_EXPOSED_BY, catalogue, DEFAULT_SCENARIO } from "../../scenarios/catalog/index.js";
import {
  APP_FAULT_DESCRIPTIONS,
  APP_FAULTS,
  GENERATED_FAULT_DESCRIPTIONS,
  GENERATED_FAULTS,
} from "../../scenarios/nemesis/index.js";
import { NEMESIS_DESCRIPTIONS, NEMESIS_FUNCTIONS } from "../../sim/nemesis/index.js";
import { CHECK_MODEL_INFO } from "../check/check-models.js";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import type { Command } from "./index.js";
import { CATALOGUE_NAMES, LIST_FLAGS, LIST_SPEC } from "./list-spec.js";

type CatalogueName = (typeof CATALOGUE_NAMES)[number];

interface Item {
  readonly name: string;
  readonly description: string;
  readonly [field: string]: string;
}

/** A heading over a catalogue's items in text, and the items under it. */
interface Section {
  readonly heading: string | null;
  readonly items: readonly Item[];
}

const CATALOGUES: { readonly [name in CatalogueName]: () => Item[] } = {
  scenarios: (): Item[] =>
    catalogue().map((entry) => {
      const description =
        entry.name === DEFAULT_SCENARIO ? `${entry.description} [default]` : entry.description;
      const item = { name: entry.name, description };
      // An expected-failure demonstration says which check it must fail, so sweeps can skip it.
      return entry.expectedFailure === undefined
        ? item
        : { ...item, expected_failure: entry.expectedFailure };
    }),
  nemeses: (): Item[] => [
    ...GENERATED_FAULTS.map((name) => ({
      name,
      description: GENERATED_FAULT_DESCRIPTIONS[name],
      kind: "generator",
    })),
    ...APP_FAULTS.map((name) => ({
      name,
      description: APP_FAULT_DESCRIPTIONS[name],
      kind: "app-generator",
    })),
    ...NEMESIS_FUNCTIONS.map((name) => ({
      name,
      description: NEMESIS_DESCRIPTIONS[name],
      kind: "op",
    })),
  ],
  models: (): Item[] =>
    CHECK_MODEL_INFO.map((model) => ({ name: model.name, description: model.description })),
  bugs: (): Item[] =>
    PLANTED_BUGS.map((bug) => ({
      name: bug.id,
      id: bug.id,
      description: bug.description,
      scenario: BUG_EXPOSED_BY[bug.id] ?? "",
      caught_by: bug.caughtBy.join(" "),
      // A server bug needs the zookeeper system; an equivalent mutant changes no run (its description says why).
      layer: bug.layer,
      ...(bug.equivalent === undefined ? {} : { equivalent: bug.equivalent }),
    })),
  checks: (): Item[] => [...CHECKS],
};

/**
 * The nemeses in text: the same names (crash, pause, link-loss, ...) are both a kind a generator draws and an
 * op of a hand-written schedule, so each group has a heading that says where its names are used.
 */
const NEMESIS_HEADINGS: { readonly [kind: string]: string } = {
  generator:
    'Generated faults: the kinds a nemesis generator draws ("faults": [...]), each a fault window started and healed',
  "app-generator":
    'App faults: the kinds drawn for an --app run\'s own instances ("appFaults": [...])',
  op: 'Kernel fault operations: the ops of a hand-written schedule ("ops": [{"atMs": ..., "op": {"f": ...}}]), of which generated faults are made',
};

function sectionsOf(name: CatalogueName, items: readonly Item[]): Section[] {
  if (name !== "nemeses") return [{ heading: null, items }];
  return Object.entries(NEMESIS_HEADINGS).map(([kind, heading]) => ({
    heading,
    items: items.filter((item) => item.kind === kind),
  }));
}

/** A planted bug in text: its id and layer, where it is found and by what, and how it works. */
function bugLines(bug: Item): string[] {
  const scenario =
    bug.scenario === "" ? "no built-in scenario" : `zabsim run ${bug.scenario} --bug ${bug.id}`;
  const lines = [`  ${bug.name}  (${bug.layer} layer)`, `      mechanism:  ${bug.description}`];
  if (bug.equivalent !== undefined) {
    lines.push(`      equivalent: no run can tell it from the fixed protocol: ${bug.equivalent}`);
    return lines;
  }
  lines.push(`      exposed by: ${scenario}`);
  lines.push(`      caught by:  ${(bug.caught_by ?? "").split(" ").join(", ")}`);
  return lines;
}

function textLines(name: CatalogueName, items: readonly Item[]): string[] {
  if (name === "bugs") return items.flatMap(bugLines);
  const lines: string[] = [];
  const width = Math.max(...items.map((item) => item.name.length));
  for (const section of sectionsOf(name, items)) {
    if (section.heading !== null) lines.push(`  ${section.heading}:`);
    const indent = section.heading === null ? "  " : "    ";
    for (const item of section.items)
      lines.push(`${indent}${item.name.padEnd(width)}  ${item.description}`);
  }
  return lines;
}

const CHECKS: readonly Item[] = [
  {
    name: "zab-invariants",
    description: `the invariants of ZAB's specification: ${Object.keys(ZAB_CHECKERS).join(", ")}`,
  },
  {
    name: "liveness",
    description:
      "after the last fault heals, a leader is established and a write commits within a bound",
  },
  {
    name: "zookeeper-consistency",
    description:
      "zookeeper: writes linearizable in zxid order, each read the state at its zxid, per-session order, watch events",
  },
  {
    name: "recipes",
    description:
      "zookeeper: each recipe's property (lock exclusion, one leader per term, barriers, queues, ...)",
  },
  {
    name: "sessions",
    description:
      "zookeeper: ephemerals die with their session, no client protocol violation, every watch event fires a held watch",
  },
  {
    name: "connection-fifo",
    description:
      "kernel-selfcheck: every connection delivers an in-order prefix of what was sent on it",
  },
  {
    name: "determinism",
    description: "kernel-selfcheck: a second run of the same seed gives the same trace hash",
  },
  { name: "progress", description: "kernel-selfcheck: the run delivered at least one message" },
  {
    name: "linearizability",
    description:
      "zabsim check: the history is linearizable against the model; zookeeper: the workload against the znode tree (stale reads fail it)",
  },
];

function isCatalogue(name: string): name is CatalogueName {
  return (CATALOGUE_NAMES as readonly string[]).includes(name);
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: LIST_FLAGS,
  });
  if (positionals.length > 1)
    throw new UsageError(`expected at most one catalogue, got ${positionals.join(" ")}`);
  const names = CATALOGUE_NAMES;
  const wanted = positionals[0];
  if (wanted !== undefined && !isCatalogue(wanted)) {
    throw new UsageError(`unknown catalogue '${wanted}' (one of ${names.join(", ")})`);
  }
  for (const name of wanted === undefined ? names : [wanted]) {
    const items = CATALOGUES[name]();
    if (values.json) {
      for (const item of items) io.out(JSON.stringify({ catalogue: name, ...item }));
      continue;
    }
    if (wanted === undefined) io.out(`${name}:`);
    for (const line of textLines(name, items)) io.out(line);
  }
  return EXIT.ok;
}

export const listCommand: Command = { spec: LIST_SPEC, run };
