// The sweep's summary: runs passed / failed / unknown, simulated time, events, wall time, the simulated-time
// speed-up, and the repro command of each failing run. A run is one scenario with one seed: a sweep of one
// scenario counts seeds, a sweep of several (--all, or merged shards of one) counts runs.
import { count, countGrouped } from "../plural.js";
import type { SeedResult } from "./seed-result.js";

/** What the sweep counts: `seed` when it runs one scenario, `run` (scenario × seed) when it runs several. */
export type SweepUnit = "seed" | "run";

export function sweepUnit(scenarios: number): SweepUnit {
  return scenarios > 1 ? "run" : "seed";
}

export interface Totals {
  runs: number;
  passed: number;
  failed: number;
  unknown: number;
  simUs: number;
  events: number;
  readonly failures: {
    readonly scenario: string;
    readonly seed: number;
    readonly repro: string;
    readonly dir?: string;
  }[];
}

export function newTotals(): Totals {
  return { runs: 0, passed: 0, failed: 0, unknown: 0, simUs: 0, events: 0, failures: [] };
}

/** What the totals need of a seed's result (a run's own, or a line `merge` read). */
type Counted = Pick<SeedResult, "scenario" | "seed" | "sim_time_us" | "events" | "verdict"> & {
  readonly run_dir?: string | undefined;
};

export function addToTotals(totals: Totals, result: Counted, repro: string): void {
  totals.runs++;
  totals.simUs += result.sim_time_us;
  totals.events += result.events;
  if (result.verdict === "pass") totals.passed++;
  else if (result.verdict === "unknown") totals.unknown++;
  else {
    totals.failed++;
    totals.failures.push({
      scenario: result.scenario,
      seed: result.seed,
      repro,
      ...(result.run_dir === undefined ? {} : { dir: result.run_dir }),
    });
  }
}

export function summaryLines(totals: Totals, wallMs: number, unit: SweepUnit): string[] {
  const wall = Math.max(1, wallMs);
  const speedup = Math.round(totals.simUs / 1000 / wall);
  const lines = [
    `${count(totals.runs, unit)}: ${totals.passed} passed, ${totals.failed} failed, ${totals.unknown} unknown; ` +
      `${(totals.simUs / 1e6).toFixed(0)}s simulated, ${countGrouped(totals.events, "event")}, ` +
      `${(wall / 1000).toFixed(1)}s wall, ${speedup}x real time`,
  ];
  for (const failure of totals.failures.slice(0, 10)) {
    const which =
      unit === "run" ? `${failure.scenario} seed ${failure.seed}` : `seed ${failure.seed}`;
    lines.push(
      `  failed ${which}: ${failure.repro}${failure.dir === undefined ? "" : `  (${failure.dir})`}`,
    );
  }
  if (totals.failures.length > 10)
    lines.push(`  ... and ${count(totals.failures.length - 10, `more failed ${unit}`)}`);
  return lines;
}
