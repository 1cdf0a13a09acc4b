#!/usr/bin/env node
// The `zabsim` executable: the only module that touches the real process (argv, stdout, exit code).
import type { CliIo } from "./cli-io.js";
import { main } from "./main.js";

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  status: (text) => process.stderr.write(`\r\x1b[K${text}`),
};

process.exitCode = await main(process.argv.slice(2), io);
