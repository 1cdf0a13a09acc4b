// Subcommand dispatch for `zabsim`; bin/zabsim.ts calls it with the real process, tests call it in-process.
import { type CliIo, EXIT, type ExitCode, isBadInput } from "./cli-io.js";
import { COMMANDS, commandNamed, helpText } from "./commands/index.js";
import { commandHelp } from "./help/index.js";
import { VERSION } from "./version.js";

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    io.out(helpText());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === "help") return help(rest, io);
  if (name === "--version" || name === "-V") {
    io.out(`zabsim ${VERSION}`);
    return EXIT.ok;
  }
  const command = commandNamed(name);
  if (command === undefined) {
    io.err(`zabsim: unknown command '${name}'. Commands: ${commandNames()}.`);
    return EXIT.badInput;
  }
  if (asksForHelp(rest)) {
    io.out(commandHelp(command.spec));
    return EXIT.ok;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (error) {
    if (isBadInput(error) || isParseArgsError(error)) {
      io.err(`zabsim ${name}: ${usageMessage(error as Error)}`);
      return EXIT.badInput;
    }
    // Loaded only now: a command that does not fail never pays for it.
    const { internalErrorLine, saveInternalError } = await import("./internal-error.js");
    io.err(internalErrorLine(name, error, saveInternalError(argv.join(" "), error)));
    return EXIT.internal;
  }
}

export { VERSION };

function commandNames(): string {
  return COMMANDS.map((entry) => entry.spec.name).join(", ");
}

/** `zabsim help [CMD]`: the global help, or one command's. */
function help(topics: readonly string[], io: CliIo): ExitCode {
  const [topic, ...extra] = topics;
  if (topic === undefined || topic === "help") {
    io.out(helpText());
    return EXIT.ok;
  }
  const command = commandNamed(topic);
  if (command === undefined || extra.length > 0) {
    const what = command === undefined ? `unknown command '${topic}'` : "one command at a time";
    io.err(`zabsim help: ${what}. Commands: ${commandNames()}.`);
    return EXIT.badInput;
  }
  io.out(commandHelp(command.spec));
  return EXIT.ok;
}

/** `--help` or `-h` anywhere before a `--` that ends the flags. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/**
 * parseArgs calls a value starting with a dash "ambiguous" (`--seed -3`); say what the flag got instead, so
 * the message explains itself like every other bad value.
 */
function usageMessage(error: Error): string {
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(error.message);
  if (ambiguous === null) return error.message;
  const flag = ambiguous[1];
  return `${flag} needs a value, and the next argument starts with '-' (write ${flag}=VALUE to pass one that does)`;
}

/** node:util parseArgs rejects unknown or malformed flags with these codes. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}
