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
import { LIST_FLAGS, LIST_SPEC } from "./list-spec.js";

interface Item {
  readonly name: string;
  readonly description: string;
  readonly [field: string]: string;
}

const CATALOGUES = {
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
} as const;

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

type Catalogue = keyof typeof CATALOGUES;

function isCatalogue(name: string): name is Catalogue {
  return Object.hasOwn(CATALOGUES, name);
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
  const names = Object.keys(CATALOGUES) as Catalogue[];
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
    const width = Math.max(...items.map((item) => item.name.length));
    for (const item of items) io.out(`  ${item.name.padEnd(width)}  ${item.description}`);
  }
  return EXIT.ok;
}

export const listCommand: Command = { spec: LIST_SPEC, run };
