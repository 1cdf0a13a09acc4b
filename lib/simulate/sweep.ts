// `sweep`: one app and scenario over many seeds, one after another in this process, as `zabsim run --app
// FILE --seeds A..B` sweeps them. The app is loaded and the scenario validated once, before the first seed.
import type { BugId } from "../../protocol/planted-bugs/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";
import { combineVerdicts, type Verdict, type Violation } from "../../scenarios/systems/index.js";
import { type AppOption, resolveApp } from "./app-option.js";
import { resolveScenarioOption, type ScenarioOption } from "./scenario-option.js";
import { type SeedRun, seedOf, simulateSeed } from "./simulate.js";

/** The most seeds one sweep runs (as `zabsim run --seeds`). */
export const SWEEP_SEEDS_MAX = 10_000_000;

/** Seeds 1..N for a number, `from..to` inclusive for a range, or exactly the seeds listed. */
export type SeedsOption =
  | number
  | { readonly from: number; readonly to: number }
  | readonly number[];

export interface SweepOptions {
  readonly app: AppOption;
  readonly scenario?: ScenarioOption;
  readonly seeds: SeedsOption;
  readonly bugs?: readonly BugId[];
  /** Stop after the first seed whose verdict is not `pass`. */
  readonly failFast?: boolean;
  /** Called after each seed, in seed order (progress, logging). */
  readonly onSeed?: (summary: SeedSummary) => void;
}

/** One seed of a sweep, without its history and notes (run `simulate` with the seed for those). */
export interface SeedSummary {
  readonly seed: number;
  readonly verdict: Verdict;
  readonly violations: readonly Violation[];
  readonly traceHash: string;
  readonly events: number;
  readonly simTimeUs: number;
  /** As SimulateResult.repro. */
  readonly repro: string | null;
}

export interface SweepResult {
  /** Every seed run, in order. */
  readonly runs: readonly SeedSummary[];
  /** The runs whose verdict is not `pass`. */
  readonly failures: readonly SeedSummary[];
  /** `fail` if any seed failed, else `unknown` if any was inconclusive, else `pass`. */
  readonly verdict: Verdict;
  readonly scenario: Scenario;
}

/** Runs the seeds in order; resolves with every seed's summary (a failing seed does not reject). */
export async function sweep(options: SweepOptions): Promise<SweepResult> {
  const runs: SeedSummary[] = [];
  const scenario = await sweepSeeds(options, (seedRun) => {
    const summary = summaryOf(seedRun);
    runs.push(summary);
    options.onSeed?.(summary);
    return !(options.failFast === true && summary.verdict !== "pass");
  });
  return {
    runs,
    failures: runs.filter((run) => run.verdict !== "pass"),
    verdict: combineVerdicts(runs.map((run) => run.verdict)),
    scenario,
  };
}

/**
 * The sweep itself, for the library's helpers: each seed's full run goes to `onRun`, which returns whether
 * to go on. Resolves with the scenario as run.
 */
export async function sweepSeeds(
  options: Omit<SweepOptions, "failFast" | "onSeed">,
  onRun: (seedRun: SeedRun) => boolean | Promise<boolean>,
): Promise<Scenario> {
  const seeds = seedList(options.seeds);
  const app = await resolveApp(options.app);
  const resolved = resolveScenarioOption(options.scenario, options.bugs);
  for (const seed of seeds) {
    const seedRun = await simulateSeed(app, resolved, seed, { keepTrace: false });
    if (!(await onRun(seedRun))) break;
  }
  return resolved.scenario;
}

export function seedList(seeds: SeedsOption): readonly number[] {
  if (typeof seeds === "number") return seedList({ from: 1, to: countOf(seeds) });
  if ("from" in seeds) {
    const from = seedOf(seeds.from);
    const to = seedOf(seeds.to);
    if (to < from) throw new Error(`zabsim: seeds ${from}..${to} is empty (${to} < ${from})`);
    countOf(to - from + 1);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  countOf(seeds.length);
  return seeds.map(seedOf);
}

function countOf(count: number): number {
  if (!Number.isSafeInteger(count) || count < 1 || count > SWEEP_SEEDS_MAX)
    throw new Error(
      `zabsim: a sweep runs 1 to ${SWEEP_SEEDS_MAX.toLocaleString("en-US")} seeds, got ${String(count)}`,
    );
  return count;
}

function summaryOf({ result }: SeedRun): SeedSummary {
  return {
    seed: result.seed,
    verdict: result.verdict,
    violations: result.violations,
    traceHash: result.traceHash,
    events: result.events,
    simTimeUs: result.simTimeUs,
    repro: result.repro,
  };
}
