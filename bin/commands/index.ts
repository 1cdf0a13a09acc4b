// The registry of subcommands, in the order `zabsim help` lists them.
import type { CliIo, ExitCode } from "../cli-io.js";
import { checkCommand } from "./check.js";
import { listCommand } from "./list.js";
import { mergeCommand } from "./merge.js";
import { replayCommand } from "./replay.js";
import { reportCommand } from "./report.js";
import { runCommand } from "./run.js";
import { shrinkCommand } from "./shrink.js";

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<ExitCode>;
}

export const COMMANDS: readonly Command[] = [
  runCommand,
  shrinkCommand,
  replayCommand,
  mergeCommand,
  checkCommand,
  reportCommand,
  listCommand,
];

export function helpText(): string {
  const lines = ["zabsim — deterministic simulator for a ZooKeeper-style coordination service", ""];
  lines.push("Usage:");
  for (const command of COMMANDS) {
    lines.push(`  ${command.usage}`);
    lines.push(`      ${command.summary}`);
  }
  lines.push("");
  lines.push("Exit codes: 0 passed, 1 violation found, 2 bad usage or input, 3 inconclusive.");
  return lines.join("\n");
}
