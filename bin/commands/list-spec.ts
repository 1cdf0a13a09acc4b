// `zabsim list`'s usage, flags (as parseArgs takes them) and examples.
import type { CommandSpec } from "../help/index.js";

/** The catalogues, in the order `zabsim list` prints them. */
export const CATALOGUE_NAMES = ["scenarios", "nemeses", "models", "bugs", "checks"] as const;

export const LIST_FLAGS = {
  json: {
    type: "boolean",
    default: false,
    help: "one JSON object per item, with at least catalogue, name and description",
  },
} as const;

export const LIST_SPEC: CommandSpec = {
  name: "list",
  usage: `zabsim list [${CATALOGUE_NAMES.join("|")}] [--json]`,
  summary: "List the scenarios, fault kinds and ops, models, planted bugs and checks zabsim knows.",
  arguments: [
    {
      name: "CATALOGUE",
      help: `one of ${CATALOGUE_NAMES.join(", ")}; default all of them`,
    },
  ],
  flags: LIST_FLAGS,
  examples: [
    {
      command: "zabsim list bugs",
      does: "each planted bug: the scenario that exposes it, the checks that catch it, how it works",
    },
    { command: "zabsim list scenarios --json", does: "the scenarios as JSON lines" },
  ],
};
