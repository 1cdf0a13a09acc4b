#!/usr/bin/env node
// The `zabsim` executable: the only module that touches the real process (argv, stdout, signals, exit code).
import type { CliIo } from "./cli-io.js";
import { EXIT } from "./cli-io.js";
import { main } from "./main.js";

// A reader that stops early (`zabsim list --json | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

// Whatever escapes a command (an error in an event handler, a rejected promise) is zabsim's own failure:
// one line, the stack in a file, exit 4; never a stack trace on the terminal.
const command = process.argv[2] ?? "";
const crash = async (error: unknown) => {
  const { internalErrorLine, saveInternalError } = await import("./internal-error.js");
  const file = saveInternalError(process.argv.slice(2).join(" "), error);
  process.stderr.write(`${internalErrorLine(command, error, file)}\n`);
  process.exit(EXIT.internal);
};
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

// Ctrl-C: a command that said it stops cleanly is asked to (a sweep prints its summary so far and exits
// 130); any other command, or a second Ctrl-C, stops at once.
const interrupt = new AbortController();
let interruptible = false;
process.on("SIGINT", () => {
  if (!interruptible || interrupt.signal.aborted) process.exit(EXIT.interrupted);
  interrupt.abort();
});

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  status: (text) => process.stderr.write(`\r\x1b[K${text}`),
  interruptible: () => {
    interruptible = true;
    return interrupt.signal;
  },
  env: process.env,
};

process.exitCode = await main(process.argv.slice(2), io);
