// The deterministic scenario runner: scenario + seed -> a simulation built, run and judged. Faults run in
// [0, durationMs), every one is healed by then, and a recovery window of recoveryMs follows in which liveness
// is checked. The same scenario, seed and code give the same trace hash in any process (DESIGN.md).

import type { Json, NodeId } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import type { ScheduledOp } from "../../sim/nemesis/index.js";
import type { HistoryEntry, TraceEntry } from "../../sim/record/index.js";
import { appFaultsOf } from "../apps/app-faults.js";
import { countFaults } from "../nemesis/fault-count.js";
import { type NemesisPlan, planNemesis, resolveWindow, type SwarmDraw } from "../nemesis/index.js";
import type { Scenario } from "../schema/index.js";
import {
  type AppClients,
  type CheckOutcome,
  type CheckWindow,
  combineVerdicts,
  type ServerStatus,
  type SystemInstance,
  systemDriver,
  type Verdict,
  type Violation,
} from "../systems/index.js";
import { withStories } from "../systems/story/index.js";
import { type ClientOp, planWorkload } from "../workload/index.js";
import { eventBudget, type GuardStop, RunGuard, type TurnSource } from "./run-guard.js";

export interface RunOptions {
  /** Keep trace entries (for trace.jsonl); costs time, does not change the hash. */
  readonly keepTrace?: boolean;
  /** Keep what the checks judged beyond the history (checkInputs) without the trace: benchmarks. */
  readonly keepCheckInputs?: boolean;
  /** Called with the fresh simulation before any node is added, e.g. to register a step listener (replay). */
  readonly onSimulation?: (sim: Simulation) => void;
  /** Replaces the event budget derived from the scenario (tests of what running out gives). */
  readonly eventBudget?: number;
}

/**
 * A user's app in the run (scenarios/apps): its instances are the run's clients, in place of the scenario's
 * workload and recipes. The runner yields whenever it has work queued (`runScenarioSteps`), runs on after the
 * scenario's end until every instance has finished `main` (at most `finishCapUs` longer), and adds the app's
 * own outcomes to the checks.
 */
export interface RunApp extends TurnSource {
  /** Adds the instances' nodes; the system records their calls as its clients'. */
  readonly clients: AppClients;
  /** The instances' node names (`app-1`, ...): the app's own faults target them. */
  readonly instances: readonly string[];
  /** How long past the scenario's end the run waits for every instance to finish `main`. */
  readonly finishCapUs: number;
  unfinished(): readonly string[];
  /** check(notes), what the app threw, real I/O it reached for, instances that did not finish. */
  outcomes(window: CheckWindow): CheckOutcome[];
  /** The run is over (or crashed): the app's code is ignored from here on. */
  end(): void;
}

export interface RunStats {
  /** Fault windows (scenarios/nemesis/fault-count.ts): a crash with its restart counts once. */
  readonly faults: number;
  /** The nemesis ops those faults are made of (a crash and its restart: two). */
  readonly faultOps: number;
  readonly clientOps: number;
  readonly ok: number;
  readonly fail: number;
  readonly info: number;
}

export interface ScenarioRun {
  readonly scenario: string;
  readonly seed: number;
  readonly verdict: Verdict;
  readonly violations: readonly Violation[];
  readonly checks: readonly CheckOutcome[];
  readonly traceHash: string;
  readonly events: number;
  readonly simTimeUs: number;
  readonly healedAtUs: number;
  /** The nemesis ops as applied (leader targets resolved): what a replay or the shrinker starts from. */
  readonly schedule: readonly ScheduledOp[];
  /** The same ops grouped by fault (a crash with its restart, a partition with its heal), in start order. */
  readonly faults: readonly (readonly ScheduledOp[])[];
  readonly workload: readonly ClientOp[];
  readonly swarm: SwarmDraw | null;
  readonly stats: RunStats;
  readonly trace: readonly TraceEntry[];
  readonly history: readonly HistoryEntry[];
  /** The monitoring probe's readings, in time order (the last one at the end of the run). */
  readonly monitor: readonly MonitorSample[];
  /** With keepTrace or keepCheckInputs: what the checks judged beyond the history, by run-directory file (checkInputs). */
  readonly checkInputs?: { readonly [file: string]: readonly Json[] };
  /** When the run crashed: the exception, and the simulated time and event count it crashed at. */
  readonly internalError?: InternalError;
}

export interface InternalError {
  readonly name: string;
  readonly message: string;
  readonly stack: string;
  readonly atUs: number;
  readonly event: number;
}

export interface MonitorSample {
  readonly timeUs: number;
  readonly servers: readonly ServerStatus[];
}

/** Runs one seed of a scenario without an app: nothing to yield to, so it runs straight through. */
export function runScenario(
  scenario: Scenario,
  seed: number,
  options: RunOptions = {},
): ScenarioRun {
  const steps = runScenarioSteps(scenario, seed, options, null);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * Runs one seed as a generator that yields whenever `app` has work queued: the caller runs the app's turn
 * (asynchronously: scenarios/apps) and resumes it. The one runner for both kinds of run.
 */
export function* runScenarioSteps(
  scenario: Scenario,
  seed: number,
  options: RunOptions,
  app: RunApp | null,
): Generator<void, ScenarioRun, void> {
  const sim = new Simulation(simulationConfig(scenario, seed, options));
  options.onSimulation?.(sim);
  const run = new RunInProgress();
  try {
    const system = systemDriver(scenario.system).start(sim, scenario, app?.clients ?? null);
    run.servers = system.servers;
    const durationUs = Math.round(scenario.durationMs * 1_000);
    const planned = planNemesis(scenario.nemesis, sim.streams, system.servers, durationUs);
    const appFaults =
      app === null
        ? []
        : appFaultsOf(
            scenario.nemesis,
            planned,
            sim.streams,
            { instances: app.instances, servers: system.servers },
            durationUs,
          );
    const plan = {
      ...planned,
      fixed: [...planned.fixed, ...appFaults].sort((a, b) => a.atUs - b.atUs),
    };
    const lastFixedUs = plan.fixed.reduce((end, item) => Math.max(end, opEndUs(item)), 0);
    const endUs = Math.max(durationUs, lastFixedUs) + Math.round(scenario.recoveryMs * 1_000);
    run.workload = app === null ? planWorkload(scenario, sim.streams, endUs) : [];
    for (const op of run.workload) system.submit(op);
    sim.schedule(plan.fixed);
    run.swarm = plan.swarm;
    const guard = new RunGuard(sim, options.eventBudget ?? eventBudget(scenario, endUs), app);
    const probe = monitorProbe(sim, system, scenario.monitorEveryMs * 1_000, guard);
    run.monitor = probe.samples;
    const windows = yield* applyWindows(sim, system, plan, probe.runUntil);
    run.faults = [...fixedGroups(plan.fixed), ...windows];
    yield* probe.runUntil(endUs);
    if (app !== null) yield* runUntilFinished(app, guard, endUs, endUs + app.finishCapUs);
    probe.sampleNow();
    const schedule = run.faults.flat().sort((a, b) => a.atUs - b.atUs);
    const healedAtUs = schedule.reduce((end, item) => Math.max(end, opEndUs(item)), 0);
    run.healedAtUs = healedAtUs;
    const window = { healedAtUs, endUs: Math.max(endUs, sim.nowUs) };
    app?.end();
    run.checks =
      guard.stop === null
        ? [
            ...system.check(window, scenario.checks ?? systemDriver(scenario.system).defaultChecks),
            ...(app === null ? [] : app.outcomes(window)),
          ]
        : [stoppedOutcome(guard.stop, endUs)];
    const keepInputs = options.keepTrace === true || options.keepCheckInputs === true;
    if (keepInputs && system.checkInputs !== undefined) run.checkInputs = system.checkInputs();
  } catch (error) {
    // A crash inside one seed (an assertion, an exception in a step or a check) is that seed's failure,
    // recorded with where it happened; the sweep goes on (DESIGN.md, "The CLI contract").
    run.internalError = internalErrorOf(error, sim);
    run.checks = [internalOutcome(run.internalError)];
    app?.end();
  }
  return run.result(scenario, seed, sim);
}

function simulationConfig(scenario: Scenario, seed: number, options: RunOptions) {
  return {
    seed,
    keepTrace: options.keepTrace === true,
    network: {
      detection: {
        kind: "uniform" as const,
        minUs: scenario.network.detectionMinMs * 1_000,
        maxUs: scenario.network.detectionMaxMs * 1_000,
      },
      ...(scenario.network.latencyMaxMs === undefined
        ? {}
        : {
            latency: {
              kind: "uniform" as const,
              minUs: 100,
              maxUs: Math.round(scenario.network.latencyMaxMs * 1_000),
            },
          }),
    },
    disk: {
      fsyncLatency: {
        kind: "uniform" as const,
        minUs: 200,
        maxUs: Math.round(scenario.network.fsyncMaxMs * 1_000),
      },
    },
  };
}

/** What a run has produced so far: all of it when the run completes, a prefix when it crashed. */
class RunInProgress {
  workload: readonly ClientOp[] = [];
  faults: readonly (readonly ScheduledOp[])[] = [];
  swarm: SwarmDraw | null = null;
  monitor: readonly MonitorSample[] = [];
  healedAtUs = 0;
  checks: readonly CheckOutcome[] = [];
  servers: readonly NodeId[] = [];
  checkInputs: { readonly [file: string]: readonly Json[] } | undefined = undefined;
  internalError: InternalError | undefined = undefined;

  result(scenario: Scenario, seed: number, sim: Simulation): ScenarioRun {
    const schedule = this.faults.flat().sort((a, b) => a.atUs - b.atUs);
    const checks = withStories(this.checks, {
      history: sim.history,
      observations: sim.observations,
      servers: this.servers,
      workload: this.workload,
      scenario,
      endUs: sim.nowUs,
    });
    return {
      scenario: scenario.name,
      seed,
      verdict: combineVerdicts(checks.map((c) => c.verdict)),
      violations: checks.flatMap((c) => c.violations),
      checks,
      traceHash: sim.traceHash,
      events: sim.eventCount,
      simTimeUs: sim.nowUs,
      healedAtUs: this.healedAtUs,
      schedule,
      faults: this.faults,
      workload: this.workload,
      swarm: this.swarm,
      stats: statsOf(sim.history, this.faults, this.workload.length),
      trace: sim.traceEntries,
      history: sim.history,
      monitor: this.monitor,
      ...(this.checkInputs === undefined ? {} : { checkInputs: this.checkInputs }),
      ...(this.internalError === undefined ? {} : { internalError: this.internalError }),
    };
  }
}

function internalErrorOf(error: unknown, sim: Simulation): InternalError {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack !== undefined ? error.stack : message;
  return { name, message, stack, atUs: sim.nowUs, event: sim.eventCount };
}

function internalOutcome(error: InternalError): CheckOutcome {
  const where = `at ${(error.atUs / 1e6).toFixed(6)} s simulated, event ${error.event}`;
  const message = `${error.name}: ${firstLine(error.message)} (${where})`;
  return {
    check: "internal",
    verdict: "fail",
    violations: [{ check: "internal", message, at: { timeUs: error.atUs } }],
    message: `the run crashed: ${message}`,
  };
}

function stoppedOutcome(stop: GuardStop, endUs: number): CheckOutcome {
  const at = `${(stop.atUs / 1e6).toFixed(3)} s of ${(endUs / 1e6).toFixed(3)} s simulated`;
  if (stop.kind === "event-budget")
    return {
      check: "event-budget",
      verdict: "unknown",
      violations: [],
      message: `ran out of its event budget of ${stop.budget.toLocaleString("en-US")} events at ${at}; no check ran`,
    };
  const message = `simulated time stopped at ${(stop.atUs / 1e6).toFixed(6)} s: ${stop.events.toLocaleString("en-US")} events in a row at that instant (a loop on zero-delay timers or messages)`;
  return {
    check: "livelock",
    verdict: "fail",
    violations: [{ check: "livelock", message, at: { timeUs: stop.atUs } }],
    message: `${message}; no check ran`,
  };
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/**
 * Runs the simulation in slices that end at each probe time, reading every server's status there. Stopping
 * the loop at a time and going on is invisible to the run: events are processed in the same order.
 */
function monitorProbe(sim: Simulation, system: SystemInstance, everyUs: number, guard: RunGuard) {
  const samples: MonitorSample[] = [];
  const sampleNow = () => samples.push({ timeUs: sim.nowUs, servers: system.status() });
  let nextUs = everyUs;
  const runUntil = function* (untilUs: number): Generator<void, void, void> {
    while (everyUs > 0 && nextUs <= untilUs && guard.stop === null) {
      yield* guard.runUntil(nextUs);
      if (guard.stop === null) sampleNow();
      nextUs += everyUs;
    }
    yield* guard.runUntil(untilUs);
  };
  return { samples, runUntil, sampleNow };
}

/** Runs up to each window's start, resolves it against the run as it is then, and schedules its ops. */
function* applyWindows(
  sim: Simulation,
  system: SystemInstance,
  plan: NemesisPlan,
  runUntil: (untilUs: number) => Generator<void, void, void>,
): Generator<void, ScheduledOp[][], void> {
  const applied: ScheduledOp[][] = [];
  for (const window of plan.windows) {
    if (window.startUs - 1 > sim.nowUs) yield* runUntil(window.startUs - 1);
    const ops = resolveWindow(window, system);
    sim.schedule(ops);
    applied.push(ops);
  }
  return applied;
}

/** The time an app run waits past its end for every instance to finish `main`, checked each simulated second. */
const FINISH_POLL_US = 1_000_000;

function* runUntilFinished(
  app: RunApp,
  guard: RunGuard,
  fromUs: number,
  capUs: number,
): Generator<void, void, void> {
  for (let atUs = fromUs; app.unfinished().length > 0 && guard.stop === null && atUs < capUs; ) {
    atUs = Math.min(capUs, atUs + FINISH_POLL_US);
    yield* guard.runUntil(atUs);
  }
}

/** A hand-written schedule's ops grouped by their `group` label; unlabelled ops stand alone. */
function fixedGroups(fixed: NemesisPlan["fixed"]): ScheduledOp[][] {
  const groups = new Map<number, ScheduledOp[]>();
  const alone: ScheduledOp[][] = [];
  for (const item of fixed) {
    if (item.group === undefined) {
      alone.push([{ atUs: item.atUs, op: item.op }]);
      continue;
    }
    const group = groups.get(item.group) ?? [];
    group.push({ atUs: item.atUs, op: item.op });
    groups.set(item.group, group);
  }
  return [...alone, ...groups.values()].sort((a, b) => (a[0]?.atUs ?? 0) - (b[0]?.atUs ?? 0));
}

/** When an op's fault is over: a timed pause lasts its duration. */
function opEndUs(item: ScheduledOp): number {
  return item.op.f === "pause" ? item.atUs + (item.op.durationUs ?? 0) : item.atUs;
}

function statsOf(
  history: readonly HistoryEntry[],
  faults: readonly (readonly ScheduledOp[])[],
  clientOps: number,
): RunStats {
  let ok = 0;
  let fail = 0;
  let info = 0;
  for (const entry of history) {
    if (entry.process === "nemesis") continue;
    if (entry.type === "ok") ok++;
    else if (entry.type === "fail") fail++;
    else if (entry.type === "info") info++;
  }
  return { faults: countFaults(faults), faultOps: faults.flat().length, clientOps, ok, fail, info };
}
