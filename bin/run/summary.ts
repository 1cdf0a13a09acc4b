// The sweep's summary: seeds passed / failed / unknown, simulated time, events, wall time, the simulated-time
// speed-up, and the repro command of each failing seed.
import type { SeedResult } from "./seed-result.js";

export interface Totals {
  seeds: number;
  passed: number;
  failed: number;
  unknown: number;
  simUs: number;
  events: number;
  readonly failures: { readonly seed: number; readonly repro: string; readonly dir?: string }[];
}

export function newTotals(): Totals {
  return { seeds: 0, passed: 0, failed: 0, unknown: 0, simUs: 0, events: 0, failures: [] };
}

/** What the totals need of a seed's result (a run's own, or a line `merge` read). */
type Counted = Pick<SeedResult, "seed" | "sim_time_us" | "events" | "verdict"> & {
  readonly run_dir?: string | undefined;
};

export function addToTotals(totals: Totals, result: Counted, repro: string): void {
  totals.seeds++;
  totals.simUs += result.sim_time_us;
  totals.events += result.events;
  if (result.verdict === "pass") totals.passed++;
  else if (result.verdict === "unknown") totals.unknown++;
  else {
    totals.failed++;
    totals.failures.push({
      seed: result.seed,
      repro,
      ...(result.run_dir === undefined ? {} : { dir: result.run_dir }),
    });
  }
}

export function summaryLines(totals: Totals, wallMs: number): string[] {
  const wall = Math.max(1, wallMs);
  const speedup = Math.round(totals.simUs / 1000 / wall);
  const lines = [
    `${totals.seeds} seed${totals.seeds === 1 ? "" : "s"}: ${totals.passed} passed, ${totals.failed} failed, ${totals.unknown} unknown; ` +
      `${(totals.simUs / 1e6).toFixed(0)}s simulated, ${totals.events.toLocaleString("en-US")} events, ` +
      `${(wall / 1000).toFixed(1)}s wall, ${speedup}x real time`,
  ];
  for (const failure of totals.failures.slice(0, 10)) {
    lines.push(
      `  failed seed ${failure.seed}: ${failure.repro}${failure.dir === undefined ? "" : `  (${failure.dir})`}`,
    );
  }
  if (totals.failures.length > 10) lines.push(`  ... and ${totals.failures.length - 10} more`);
  return lines;
}
