// The sweep's progress bar: drawn on standard error when it is a terminal and CI is not set; silent otherwise,
// so piped and CI output stays one plain line per seed.
import type { CliIo } from "../cli-io.js";
import type { SweepUnit } from "./summary.js";

const WIDTH = 30;

export interface Progress {
  /** Clears the bar so a line can be printed above it. */
  clear(): void;
  update(done: number, failed: number): void;
}

export function progressBar(io: CliIo, total: number, started: number, unit: SweepUnit): Progress {
  const status = io.interactive ? io.status : undefined;
  if (status === undefined) return { clear: () => {}, update: () => {} };
  return {
    clear: () => status(""),
    update(done, failed) {
      const filled = Math.round((done / Math.max(1, total)) * WIDTH);
      const bar = `${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}`;
      const elapsedS = (Date.now() - started) / 1000;
      const etaS = done === 0 ? 0 : (elapsedS / done) * (total - done);
      status(
        `[${bar}] ${done}/${total} ${unit}s, ${failed} failed, ${elapsedS.toFixed(0)}s, eta ${etaS.toFixed(0)}s`,
      );
    },
  };
}
