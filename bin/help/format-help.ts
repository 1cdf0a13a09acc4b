// The text of `zabsim help`, and of `zabsim CMD --help` / `zabsim help CMD` from the command's own spec.
import type { CommandSpec, FlagSpec } from "./command-spec.js";

const EXIT_CODES =
  "Exit codes: 0 passed, 1 violation found, 2 bad usage or input, 3 inconclusive, 4 zabsim itself failed, 130 interrupted.";

/** `zabsim help`: every command's usage and summary. */
export function globalHelp(specs: readonly CommandSpec[]): string {
  const lines = ["zabsim — deterministic simulator for a ZooKeeper-style coordination service", ""];
  lines.push("Usage:");
  for (const spec of specs) lines.push(`  ${spec.usage}`, `      ${spec.summary}`);
  lines.push("");
  lines.push("Help on one command, its flags, their defaults and examples: zabsim CMD --help");
  lines.push(EXIT_CODES);
  return lines.join("\n");
}

function flagName(name: string, flag: FlagSpec): string {
  const short = flag.short === undefined ? "" : `-${flag.short}, `;
  const value = flag.type === "string" ? ` ${flag.value}` : "";
  return `${short}--${name}${value}`;
}

function flagDefault(flag: FlagSpec): string {
  if (flag.type === "boolean") return "off";
  return flag.multiple === true ? `${flag.byDefault}; may be repeated` : flag.byDefault;
}

/** Two columns: the left padded to the widest entry, the right as given. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** `zabsim CMD --help`. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${spec.usage}`, "", spec.summary];
  if (spec.arguments.length > 0) {
    lines.push("", "Arguments:");
    lines.push(...table(spec.arguments.map((a) => [a.name, a.help])));
  }
  lines.push("", "Flags:");
  const flags = Object.entries(spec.flags).map(([name, flag]): [string, string] => [
    flagName(name, flag),
    `${flag.help} (default: ${flagDefault(flag)})`,
  ]);
  lines.push(...table([...flags, ["-h, --help", "print this help and exit"]]));
  lines.push("", spec.examples.length === 1 ? "Example:" : "Examples:");
  for (const example of spec.examples) lines.push(`  ${example.command}`, `      ${example.does}`);
  if (spec.notes !== undefined) for (const note of spec.notes) lines.push("", note);
  lines.push("", EXIT_CODES);
  return lines.join("\n");
}
