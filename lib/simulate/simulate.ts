// `simulate`: one seed of a scenario with a user's app as its clients, as `zabsim run --app FILE --seed N`
// runs it (scenarios/apps/host/run-app.ts), returned as a value instead of printed.
import type { BugId } from "../../protocol/planted-bugs/index.js";
import type { AppNote } from "../../scenarios/apps/app-module.js";
import { type AppScenarioRun, runAppScenario } from "../../scenarios/apps/host/run-app.js";
import type { InternalError } from "../../scenarios/runner/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";
import type { CheckOutcome, Verdict, Violation } from "../../scenarios/systems/index.js";
import type { HistoryEntry, TraceEntry } from "../../sim/record/index.js";
import { type AppOption, type ResolvedApp, resolveApp } from "./app-option.js";
import { appReproCommand } from "./repro.js";
import {
  type ResolvedScenario,
  resolveScenarioOption,
  type ScenarioOption,
} from "./scenario-option.js";

export interface SimulateOptions {
  /** The app: a file's path or file: URL (loaded afresh per instance), or an app module as an object. */
  readonly app: AppOption;
  /** A built-in scenario's name or a scenario object; default `zk-no-faults`. */
  readonly scenario?: ScenarioOption;
  /** The seed every random choice of the run derives from; default 1. */
  readonly seed?: number;
  /** Planted bugs to switch on (`zabsim list bugs`). */
  readonly bugs?: readonly BugId[];
  /** Keep the event trace in the result (`trace`); costs time and memory, never changes the run. */
  readonly keepTrace?: boolean;
}

/** One seed's outcome. The same app, scenario, bugs and seed give the same `traceHash`, in any process. */
export interface SimulateResult {
  /** `fail` when any check found a violation; `unknown` when a check could not decide (or the run ran out). */
  readonly verdict: Verdict;
  /** Every check's verdict: the ensemble's own and `app` (what `check(notes)` said, what `main` threw). */
  readonly checks: readonly CheckOutcome[];
  readonly violations: readonly Violation[];
  /** What the instances recorded with `ctx.note`, in simulated-time order. */
  readonly notes: readonly AppNote[];
  /** Every client call and fault, as Jepsen history entries (time in ns). */
  readonly history: readonly HistoryEntry[];
  /** The event trace with `keepTrace`, else empty. */
  readonly trace: readonly TraceEntry[];
  readonly traceHash: string;
  readonly events: number;
  readonly simTimeUs: number;
  readonly seed: number;
  /** The scenario as run: every default filled in, the planted bugs on. */
  readonly scenario: Scenario;
  /**
   * The command line that reproduces this seed (`npx zabsim run <scenario> --app <file> --seed N`), or null
   * when there is none: the app is an object, or the scenario is an object and so has no file to name.
   */
  readonly repro: string | null;
  /** When zabsim itself failed during the run (verdict `fail`, check `internal`): the exception. */
  readonly internalError?: InternalError;
}

/**
 * Runs one seed of a scenario with the app's instances as its clients, and judges it: the ZooKeeper
 * ensemble's checks, then the app's own (`check(notes)`, anything `main` threw, instances that never finished).
 * Rejects when the app or scenario is not valid; a run that finds a violation resolves with verdict `fail`.
 */
export async function simulate(options: SimulateOptions): Promise<SimulateResult> {
  const app = await resolveApp(options.app);
  const scenario = resolveScenarioOption(options.scenario, options.bugs);
  const { result } = await simulateSeed(app, scenario, seedOf(options.seed ?? 1), {
    keepTrace: options.keepTrace === true,
  });
  return result;
}

/** A run with what the library needs beyond its result (the run directory's writer takes the run itself). */
export interface SeedRun {
  readonly result: SimulateResult;
  readonly run: AppScenarioRun;
}

export async function simulateSeed(
  app: ResolvedApp,
  resolved: ResolvedScenario,
  seed: number,
  options: { readonly keepTrace: boolean },
): Promise<SeedRun> {
  const run = await runAppScenario(resolved.scenario, seed, app.app, app.loadMain, options);
  const repro =
    app.file === null || resolved.builtIn === null
      ? null
      : appReproCommand({
          app: app.file,
          scenarioArgs: [resolved.builtIn],
          seed,
          bugs: resolved.bugs,
        });
  const result: SimulateResult = {
    verdict: run.verdict,
    checks: run.checks,
    violations: run.violations,
    notes: run.notes,
    history: run.history,
    trace: run.trace,
    traceHash: run.traceHash,
    events: run.events,
    simTimeUs: run.simTimeUs,
    seed,
    scenario: resolved.scenario,
    repro,
    ...(run.internalError === undefined ? {} : { internalError: run.internalError }),
  };
  return { result, run };
}

/** A seed is a non-negative safe integer, as `zabsim run --seed` takes it. */
export function seedOf(seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new Error(`zabsim: a seed is a non-negative integer, got ${String(seed)}`);
  return seed;
}
