// `zabsim merge`'s usage, flags (as parseArgs takes them) and examples.
import type { CommandSpec } from "../help/index.js";

export const MERGE_FLAGS = {
  json: {
    type: "boolean",
    default: false,
    help: "print the merged results as JSON lines, as zabsim run --json does",
  },
} as const;

export const MERGE_SPEC: CommandSpec = {
  name: "merge",
  usage: "zabsim merge FILE... [--json]",
  summary: "Merge the --json outputs of sharded `zabsim run` sweeps into one result and summary.",
  arguments: [
    { name: "FILE...", help: "the zabsim run --json output of every shard of one sweep" },
  ],
  flags: MERGE_FLAGS,
  examples: [
    {
      command: "zabsim merge shard-1.jsonl shard-2.jsonl shard-3.jsonl",
      does: "one line per run, the sweep's summary, its exit code",
    },
  ],
};
