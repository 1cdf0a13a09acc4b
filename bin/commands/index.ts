// The registry of subcommands, in the order `zabsim help` lists them. Each command's spec (usage, flags,
// examples) is plain data in a small module of its own; the command's implementation (and everything it
// imports: the scenario catalogue, zod, the protocol, ink) is loaded only when that command runs, so
// `zabsim help`, `zabsim CMD --help`, `--version` and a mistyped command start as fast as Node itself.
import type { CliIo, ExitCode } from "../cli-io.js";
import { type CommandSpec, globalHelp } from "../help/index.js";
import { CHECK_SPEC } from "./check-spec.js";
import { LIST_SPEC } from "./list-spec.js";
import { MERGE_SPEC } from "./merge-spec.js";
import { REPLAY_SPEC } from "./replay-spec.js";
import { REPORT_SPEC } from "./report-spec.js";
import { RUN_SPEC } from "./run-spec.js";
import { SHRINK_SPEC } from "./shrink-spec.js";

export interface Command {
  readonly spec: CommandSpec;
  readonly run: (args: readonly string[], io: CliIo) => Promise<ExitCode>;
}

/** A subcommand's spec, and how to load its implementation when it runs. */
export interface CommandEntry {
  readonly spec: CommandSpec;
  readonly load: () => Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { spec: RUN_SPEC, load: async () => (await import("./run.js")).runCommand },
  { spec: SHRINK_SPEC, load: async () => (await import("./shrink.js")).shrinkCommand },
  { spec: REPLAY_SPEC, load: async () => (await import("./replay.js")).replayCommand },
  { spec: MERGE_SPEC, load: async () => (await import("./merge.js")).mergeCommand },
  { spec: CHECK_SPEC, load: async () => (await import("./check.js")).checkCommand },
  { spec: REPORT_SPEC, load: async () => (await import("./report.js")).reportCommand },
  { spec: LIST_SPEC, load: async () => (await import("./list.js")).listCommand },
];

export function commandNamed(name: string): CommandEntry | undefined {
  return COMMANDS.find((entry) => entry.spec.name === name);
}

export function helpText(): string {
  return globalHelp(COMMANDS.map((entry) => entry.spec));
}
