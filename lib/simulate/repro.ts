// The command line that reproduces one seed of an app run: `zabsim run` with the scenario, the app file, the
// seed and each planted bug, quoted for a shell (bin/shell-quote.ts), as the CLI prints it for its own runs.
import { shellCommand } from "../../bin/shell-quote.js";

export interface ReproInput {
  /** The app file as the command names it. */
  readonly app: string;
  /** `["zk-partitions"]`, or `["--scenario-file", "<dir>/scenario.json"]` for a scenario that is not built in. */
  readonly scenarioArgs: readonly string[];
  readonly seed: number;
  readonly bugs: readonly string[];
}

export function appReproCommand(input: ReproInput): string {
  return shellCommand([
    "npx",
    "zabsim",
    "run",
    ...input.scenarioArgs,
    "--app",
    input.app,
    "--seed",
    String(input.seed),
    ...input.bugs.flatMap((bug) => ["--bug", bug]),
  ]);
}

/** `npx zabsim replay <dir>`: re-runs a recorded seed from its run directory. */
export function replayCommand(dir: string): string {
  return shellCommand(["npx", "zabsim", "replay", dir]);
}
