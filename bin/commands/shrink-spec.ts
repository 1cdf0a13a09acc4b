// `zabsim shrink`'s usage, flags (as parseArgs takes them) and examples.
import type { CommandSpec } from "../help/index.js";

export const SHRINK_FLAGS = {
  out: {
    type: "string",
    value: "DIR",
    help: "where the shrunk run directory goes",
    byDefault: "RUN_DIR-shrunk",
  },
  json: {
    type: "boolean",
    default: false,
    help: "print the outcome (sizes before and after, the check, the runs tried) as one JSON object",
  },
} as const;

export const SHRINK_SPEC: CommandSpec = {
  name: "shrink",
  usage: "zabsim shrink RUN_DIR [--out DIR] [--json]",
  summary:
    "Shrink a failing run to fewer faults and client operations that still fail the same check.",
  arguments: [{ name: "RUN_DIR", help: "a failing seed's run directory (from zabsim run)" }],
  flags: SHRINK_FLAGS,
  examples: [
    {
      command: "zabsim shrink runs/zk-stale-read/seed-1",
      does: "write the smallest failing run to runs/zk-stale-read/seed-1-shrunk",
    },
  ],
  notes: [
    "A fault is one fault window: a crash and its restart, a partition and its heal, a pause and its resume count once; a single op (a link reset, a clock jump) once. Exit 1 when the shrunk run still fails, 3 when the failure did not reproduce.",
  ],
};
