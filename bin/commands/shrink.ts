// `zabsim shrink RUN_DIR [--out DIR]`: minimise a failing run's faults and client operations by delta
// debugging, and write the smallest run that still fails the same check as a new run directory.
import { parseArgs } from "node:util";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import { checkOutputDir } from "../out-paths.js";
import { shrinkRunDir } from "../run/shrink-run.js";
import type { Command } from "./index.js";
import { SHRINK_FLAGS, SHRINK_SPEC } from "./shrink-spec.js";

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: SHRINK_FLAGS,
  });
  if (positionals.length !== 1) throw new UsageError("give exactly one run directory");
  const dir = (positionals[0] as string).replace(/(.)\/+$/, "$1");
  const out = values.out ?? `${dir}-shrunk`;
  checkOutputDir(out, "--out");
  const outcome = await shrinkRunDir(dir, out, values.json ? () => {} : io.err);
  if (values.json) io.out(JSON.stringify(outcome));
  return outcome.reproduced ? EXIT.violation : EXIT.unknown;
}

export const shrinkCommand: Command = { spec: SHRINK_SPEC, run };
