// `zabsim run`'s usage, flags (as parseArgs takes them) and examples: what the parser and the help both read.
import type { CommandSpec } from "../help/index.js";

export const DEFAULT_SEEDS = "1..20";
export const DEFAULT_OUT = "runs";

export const RUN_FLAGS = {
  all: {
    type: "boolean",
    default: false,
    help: "run every built-in scenario not expected to fail, each over every seed",
  },
  seed: { type: "string", value: "N", help: "run this one seed", byDefault: "the --seeds range" },
  seeds: {
    type: "string",
    value: "A..B",
    help: "run the seeds A to B, both included",
    byDefault: DEFAULT_SEEDS,
  },
  jobs: {
    type: "string",
    value: "N",
    help: "run seeds on N worker threads at once (1 to 256)",
    byDefault: "1",
  },
  shard: {
    type: "string",
    value: "K/N|env",
    help: "run only the K-th of N interleaved parts of the seeds; `env` reads K and N from ZABSIM_SHARD, a Kubernetes Indexed Job or GitLab's parallel jobs",
    byDefault: "every seed",
  },
  bug: {
    type: "string",
    multiple: true,
    value: "ID",
    help: "switch on a planted bug (zabsim list bugs)",
    byDefault: "none",
  },
  "zk-version": {
    type: "string",
    value: "3.8|3.9",
    help: "the ZooKeeper release line to simulate (docs/zk-versions.md); overrides the scenario's zkVersion",
    byDefault: "the scenario's (3.9 unless it says otherwise)",
  },
  "fail-fast": {
    type: "boolean",
    default: false,
    help: "stop at the first failing seed, after writing its run directory",
  },
  shrink: {
    type: "boolean",
    default: false,
    help: "shrink each failing run to fewer faults and operations, into RUN_DIR-shrunk",
  },
  out: {
    type: "string",
    value: "DIR",
    help: "where failing seeds' run directories go (DIR/SCENARIO/seed-N)",
    byDefault: DEFAULT_OUT,
  },
  json: {
    type: "boolean",
    default: false,
    help: "one JSON object per seed on stdout (violations with check, message, story, at); no text",
  },
  junit: {
    type: "string",
    value: "FILE",
    help: "also write the results as JUnit XML to FILE",
    byDefault: "none",
  },
  report: {
    type: "boolean",
    default: false,
    help: "write report.html into each failing seed's run directory",
  },
  "scenario-file": {
    type: "string",
    value: "FILE",
    help: "run the scenario in a JSON file instead of a built-in one",
    byDefault: "none",
  },
  app: {
    type: "string",
    value: "FILE",
    help: "run your app's module as the scenario's clients (docs/apps.md)",
    byDefault: "none",
  },
} as const;

export const RUN_SPEC: CommandSpec = {
  name: "run",
  usage:
    "zabsim run [SCENARIO | --all] [--seed N | --seeds A..B] [--jobs N] [--shard K/N|env] [--bug ID]... [--zk-version 3.8|3.9] [--fail-fast] [--shrink] [--out DIR] [--json] [--junit FILE] [--report] [--scenario-file FILE] [--app FILE]",
  summary: `Run a scenario (or --all: every built-in one not expected to fail) over seeds (default: zk-mixed, seeds ${DEFAULT_SEEDS}); failing seeds get a run directory.`,
  arguments: [
    { name: "SCENARIO", help: "a built-in scenario (zabsim list scenarios); default zk-mixed" },
  ],
  flags: RUN_FLAGS,
  examples: [
    {
      command: "zabsim run partition-halves --seeds 1..500 --jobs 2",
      does: "500 seeds, two at once",
    },
    {
      command: "zabsim run crash-loop --bug ZOOKEEPER-3911 --seeds 1..10 --shrink",
      does: "find a planted bug and shrink each failing run",
    },
    {
      command: "zabsim run zk-stale-read --seed 1",
      does: "one seed: each check's verdict, the story of a failure",
    },
    {
      command: "zabsim run --all --seeds 1..5 --shard env --json > shard.jsonl",
      does: "one CI job's part of a sweep of the whole catalogue (zabsim merge joins the parts)",
    },
  ],
  notes: [
    "Output: one line per seed on stdout (a failing seed's violations under it, its run directory and repro command), the header and summary on stderr.",
  ],
};
