// One seed of a sweep: what runs it (a validated scenario, or the kernel self-check) and the result line that
// `--json` prints. Shared by the main thread and the worker threads, so both produce identical results.

import type { SweepIdJson } from "../../reports/run-data/index.js";
import { BUG_EXPOSED_BY } from "../../scenarios/catalog/index.js";
import { runSelfcheck, SELFCHECK_NAME } from "../../scenarios/kernel-selfcheck/index.js";
import type { ScenarioRun } from "../../scenarios/runner/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";
import type { Verdict, Violation } from "../../scenarios/systems/index.js";
import { type AppRef, runWithApp } from "./run-target.js";
import type { RunSize } from "./shrink-run.js";

/** Plain data, so it crosses to worker threads by structured clone. */
export type RunTarget =
  | { readonly kind: "scenario"; readonly scenario: Scenario; readonly app: AppRef | null }
  | { readonly kind: "selfcheck" };

export interface CheckVerdict {
  readonly check: string;
  readonly verdict: Verdict;
  readonly message: string;
}

/** One line of `zabsim run --json` (DESIGN.md, "The CLI contract"). */
export interface SeedResult {
  readonly scenario: string;
  readonly seed: number;
  readonly verdict: Verdict;
  readonly violations: readonly Violation[];
  readonly trace_hash: string;
  readonly events: number;
  readonly sim_time_us: number;
  readonly wall_ms: number;
  readonly bugs: readonly string[];
  /** Fault windows: a crash with its restart, a partition with its heal count once (README, "Faults"). */
  readonly faults: number;
  /** The nemesis ops those faults are made of; absent for the kernel self-check. */
  readonly fault_ops?: number;
  readonly client_ops: number;
  /** Every check's verdict and its one-line message (none for the kernel self-check). */
  readonly checks?: readonly CheckVerdict[];
  readonly run_dir?: string;
  /** With --shrink: the shrunk run directory and its size. */
  readonly shrunk_run_dir?: string;
  readonly shrunk?: RunSize;
  /** The exact command that runs this seed again (set by `zabsim run` for every seed). */
  readonly repro?: string;
  /** The sweep the seed belongs to (set by `zabsim run`), so `zabsim merge` can check its inputs. */
  readonly sweep?: SweepIdJson;
  /** The seed's run died outside the simulation (its worker thread): there is no run to record. */
  readonly lost?: boolean;
}

export function targetName(target: RunTarget): string {
  return target.kind === "selfcheck" ? SELFCHECK_NAME : target.scenario.name;
}

export async function runSeed(target: RunTarget, seed: number): Promise<SeedResult> {
  const started = Date.now();
  try {
    if (target.kind === "selfcheck") return selfcheckSeed(seed, started);
    const run = await runWithApp(target.scenario, target.app, seed);
    return resultOf(run, target.scenario.bugs, Date.now() - started);
  } catch (error) {
    // runScenario records a crash inside the simulation itself; this is anything outside it.
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ...internalResult(target, seed, what), lost: false };
  }
}

export function resultOf(run: ScenarioRun, bugs: readonly string[], wallMs: number): SeedResult {
  return {
    scenario: run.scenario,
    seed: run.seed,
    verdict: run.verdict,
    violations: run.violations,
    trace_hash: run.traceHash,
    events: run.events,
    sim_time_us: run.simTimeUs,
    wall_ms: wallMs,
    bugs,
    faults: run.stats.faults,
    fault_ops: run.stats.faultOps,
    client_ops: run.stats.clientOps,
    checks: run.checks.map(({ check, verdict, message }) => ({ check, verdict, message })),
  };
}

/**
 * A seed whose run was lost outside the simulation (its worker thread died): a failure of check `internal`,
 * with nothing else known about it.
 */
export function internalResult(target: RunTarget, seed: number, why: string): SeedResult {
  return {
    scenario: targetName(target),
    seed,
    verdict: "fail",
    violations: [{ check: "internal", message: why }],
    trace_hash: "",
    events: 0,
    sim_time_us: 0,
    wall_ms: 0,
    bugs: target.kind === "scenario" ? target.scenario.bugs : [],
    faults: 0,
    client_ops: 0,
    checks: [{ check: "internal", verdict: "fail", message: why }],
    lost: true,
  };
}

/** The self-check runs each seed twice: it passes when both give the same trace hash. */
function selfcheckSeed(seed: number, started: number): SeedResult {
  const first = runSelfcheck(seed);
  const again = runSelfcheck(seed);
  const violations = [...first.violations];
  if (again.trace_hash !== first.trace_hash) {
    violations.push({
      check: "determinism",
      message: `second run hash ${again.trace_hash} != ${first.trace_hash}`,
    });
  }
  return {
    scenario: SELFCHECK_NAME,
    seed,
    verdict: violations.length === 0 ? "pass" : "fail",
    violations,
    trace_hash: first.trace_hash,
    events: first.events,
    sim_time_us: first.sim_time_us,
    wall_ms: Date.now() - started,
    bugs: [],
    faults: first.faults,
    client_ops: 0,
  };
}

/** The built-in scenario that exposes a bug, for hints. */
export function exposingScenario(bug: string): string | undefined {
  return (BUG_EXPOSED_BY as { readonly [bug: string]: string })[bug];
}
