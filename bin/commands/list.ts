// `zabsim list [scenarios|nemeses|models|checks]`: what the tool knows, one item per line, or with --json
// one object per line with at least `name` and `description`.
import { parseArgs } from "node:util";
import { SELFCHECK_NAME } from "../../scenarios/kernel-selfcheck/index.js";
import { NEMESIS_DESCRIPTIONS, NEMESIS_FUNCTIONS } from "../../sim/nemesis/index.js";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import { CHECK_MODELS } from "./check.js";
import type { Command } from "./index.js";

interface Item {
  readonly name: string;
  readonly description: string;
  readonly [field: string]: string;
}

const CATALOGUES = {
  scenarios: (): Item[] => [
    {
      name: SELFCHECK_NAME,
      description:
        "five nodes stream numbered messages under random faults of every kind; checks connection FIFO and determinism",
    },
  ],
  nemeses: (): Item[] =>
    NEMESIS_FUNCTIONS.map((name) => ({ name, description: NEMESIS_DESCRIPTIONS[name] })),
  models: (): Item[] =>
    CHECK_MODELS.map((model) => ({ name: model.name, description: model.description })),
  checks: (): Item[] => [
    {
      name: "connection-fifo",
      description: "every connection delivers an in-order prefix of what was sent on it",
    },
    { name: "determinism", description: "a second run of the same seed gives the same trace hash" },
    { name: "progress", description: "the run delivered at least one message" },
    {
      name: "linearizability",
      description: "zabsim check: the history is linearizable against the model",
    },
  ],
} as const;

type Catalogue = keyof typeof CATALOGUES;

function isCatalogue(name: string): name is Catalogue {
  return Object.hasOwn(CATALOGUES, name);
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean", default: false } },
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

export const listCommand: Command = {
  name: "list",
  usage: "zabsim list [scenarios|nemeses|models|checks] [--json]",
  summary: "List the scenarios, fault operations, models and checks zabsim knows.",
  run,
};
