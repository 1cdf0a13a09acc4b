// `zabsim check`'s usage, flags (as parseArgs takes them) and examples.
import type { CommandSpec } from "../help/index.js";

export const DEFAULT_TIMEOUT_SECONDS = 60;

export const CHECK_FLAGS = {
  model: {
    type: "string",
    value: "NAME",
    help: "the model to check against (zabsim list models); required",
    byDefault: "none",
  },
  init: {
    type: "string",
    value: "JSON",
    help: "the model's initial state",
    byDefault: "null",
  },
  timeout: {
    type: "string",
    value: "SECONDS",
    help: "give up on a file after this long: its verdict is unknown (exit 3)",
    byDefault: String(DEFAULT_TIMEOUT_SECONDS),
  },
  json: {
    type: "boolean",
    default: false,
    help: "one JSON object per file (valid, model, ops, partitions, elapsed_ms, counterexample)",
  },
} as const;

export const CHECK_SPEC: CommandSpec = {
  name: "check",
  usage: "zabsim check FILE... --model NAME [--init JSON] [--timeout SECONDS] [--json]",
  summary: "Check histories (JSON lines or Jepsen EDN) for linearizability against a model.",
  arguments: [
    { name: "FILE...", help: "histories as JSON lines or Jepsen EDN (docs/history-formats.md)" },
  ],
  flags: CHECK_FLAGS,
  examples: [
    {
      command: "zabsim check runs/zk-stale-read/seed-1/history.jsonl --model znode-tree",
      does: "check a recorded run's history against the znode tree",
    },
    {
      command: "zabsim check history.edn --model cas-register --init 0",
      does: "check a Jepsen history of a compare-and-set register",
    },
  ],
};
