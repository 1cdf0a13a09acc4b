// `zabsim replay`'s usage, flags (as parseArgs takes them: bin/replay/replay-args.ts) and examples.
import type { CommandSpec } from "../help/index.js";

export const REPLAY_FLAGS = {
  scenario: {
    type: "string",
    value: "NAME",
    help: "replay a built-in scenario (with --seed) instead of a run directory",
    byDefault: "none",
  },
  "scenario-file": {
    type: "string",
    value: "FILE",
    help: "replay the scenario in a JSON file (with --seed)",
    byDefault: "none",
  },
  seed: { type: "string", value: "N", help: "the seed to replay", byDefault: "none" },
  bug: {
    type: "string",
    multiple: true,
    value: "ID",
    help: "switch on a planted bug (zabsim list bugs)",
    byDefault: "none",
  },
  app: {
    type: "string",
    value: "FILE",
    help: "the app module that ran as the clients",
    byDefault: "none",
  },
  screen: {
    type: "boolean",
    default: false,
    help: "print one frame as text instead of the interactive UI",
  },
  goto: {
    type: "string",
    value: "v|STEP|TIME",
    help: "with --screen: the frame at the first violation (v), a step, or a time",
    byDefault: "the first step",
  },
  columns: {
    type: "string",
    value: "N",
    help: "with --screen: the frame's width (20 to 1000)",
    byDefault: "the terminal's, else 100",
  },
  rows: {
    type: "string",
    value: "N",
    help: "with --screen: the frame's height (20 to 1000)",
    byDefault: "the terminal's, else 30",
  },
} as const;

export const REPLAY_SPEC: CommandSpec = {
  name: "replay",
  usage:
    "zabsim replay RUN_DIR | --scenario NAME --seed N [--bug ID]... [--app FILE] [--screen [--goto v|STEP|TIME]]",
  summary:
    "Step through a run in a terminal UI: every node's state, messages, operations, the violation.",
  arguments: [{ name: "RUN_DIR", help: "a run directory (from zabsim run or zabsim shrink)" }],
  flags: REPLAY_FLAGS,
  examples: [
    {
      command: "zabsim replay runs/zk-stale-read/seed-1",
      does: "step through a failing run; ? lists the keys",
    },
    {
      command:
        "zabsim replay --scenario crash-loop --seed 1 --bug ZOOKEEPER-3911 --screen --goto v",
      does: "print the frame at the violation",
    },
  ],
  notes: ["The exit code is the run's verdict, as for every command."],
};
