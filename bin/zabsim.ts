#!/usr/bin/env node
// The `zabsim` executable: the only module that touches the real process (argv, stdout, exit code).
import type { CliIo } from "./cli-io.js";
import { main } from "./main.js";

// A reader that stops early (`zabsim list --json | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  status: (text) => process.stderr.write(`\r\x1b[K${text}`),
};

process.exitCode = await main(process.argv.slice(2), io);
