// The registry of subcommands, in the order `zabsim help` lists them. Names, usage and summaries are plain
// data here; a command's module (and everything it imports: the scenario catalogue, zod, the protocol, ink)
// is loaded only when that command runs, so `zabsim help`, `--version` and a mistyped command start as fast
// as Node itself. test/bin/commands.test.ts checks that this data matches each loaded command.
import type { CliIo, ExitCode } from "../cli-io.js";

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<ExitCode>;
}

/** A subcommand as `zabsim help` lists it, and how to load its implementation when it runs. */
export interface CommandEntry {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "run",
    usage:
      "zabsim run [SCENARIO | --all] [--seed N | --seeds A..B] [--jobs N] [--shard K/N|env] [--bug ID]... [--fail-fast] [--shrink] [--out DIR] [--json] [--junit FILE] [--report] [--scenario-file FILE] [--app FILE]",
    summary: `Run a scenario (or --all: every built-in one not expected to fail) over seeds (default: zk-mixed, seeds 1..20); failing seeds get a run directory.`,
    load: async () => (await import("./run.js")).runCommand,
  },
  {
    name: "shrink",
    usage: "zabsim shrink RUN_DIR [--out DIR] [--json]",
    summary:
      "Shrink a failing run to fewer faults and client operations that still fail the same check.",
    load: async () => (await import("./shrink.js")).shrinkCommand,
  },
  {
    name: "replay",
    usage:
      "zabsim replay RUN_DIR | --scenario NAME --seed N [--bug ID]... [--app FILE] [--screen [--goto v|STEP|TIME]]",
    summary:
      "Step through a run in a terminal UI: every node's state, messages, operations, the violation.",
    load: async () => (await import("./replay.js")).replayCommand,
  },
  {
    name: "merge",
    usage: "zabsim merge FILE... [--json]",
    summary: "Merge the --json outputs of sharded `zabsim run` sweeps into one result and summary.",
    load: async () => (await import("./merge.js")).mergeCommand,
  },
  {
    name: "check",
    usage: "zabsim check FILE... --model NAME [--init JSON] [--timeout SECONDS] [--json]",
    summary: "Check histories (JSON lines or Jepsen EDN) for linearizability against a model.",
    load: async () => (await import("./check.js")).checkCommand,
  },
  {
    name: "report",
    usage: "zabsim report RUN_DIR [--html FILE]",
    summary:
      "Write a run directory's HTML report (default RUN_DIR/report.html): one self-contained file; exit code = the run's verdict.",
    load: async () => (await import("./report.js")).reportCommand,
  },
  {
    name: "list",
    usage: "zabsim list [scenarios|nemeses|models|bugs|checks] [--json]",
    summary:
      "List the scenarios, fault kinds and ops, models, planted bugs and checks zabsim knows.",
    load: async () => (await import("./list.js")).listCommand,
  },
];

export function helpText(): string {
  const lines = ["zabsim — deterministic simulator for a ZooKeeper-style coordination service", ""];
  lines.push("Usage:");
  for (const command of COMMANDS) {
    lines.push(`  ${command.usage}`);
    lines.push(`      ${command.summary}`);
  }
  lines.push("");
  lines.push(
    "Exit codes: 0 passed, 1 violation found, 2 bad usage or input, 3 inconclusive, 4 zabsim itself failed, 130 interrupted.",
  );
  return lines.join("\n");
}
