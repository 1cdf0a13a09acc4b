// A CliIo that records what a command prints, for in-process CLI tests.
import type { CliIo } from "../../bin/cli-io.js";

export function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    interactive: false,
  };
}
