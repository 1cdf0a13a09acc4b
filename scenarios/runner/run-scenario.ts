// The deterministic scenario runner: scenario + seed -> a simulation built, run and judged. Faults run in
// [0, durationMs), every one is healed by then, and a recovery window of recoveryMs follows in which liveness
// is checked. The same scenario, seed and code give the same trace hash in any process (DESIGN.md).

import type { Json } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import type { ScheduledOp } from "../../sim/nemesis/index.js";
import type { HistoryEntry, TraceEntry } from "../../sim/record/index.js";
import { type NemesisPlan, planNemesis, resolveWindow, type SwarmDraw } from "../nemesis/index.js";
import type { Scenario } from "../schema/index.js";
import {
  type CheckOutcome,
  combineVerdicts,
  type ServerStatus,
  type SystemInstance,
  systemDriver,
  type Verdict,
  type Violation,
} from "../systems/index.js";
import { type ClientOp, planWorkload } from "../workload/index.js";

export interface RunOptions {
  /** Keep trace entries (for trace.jsonl); costs time, does not change the hash. */
  readonly keepTrace?: boolean;
  /** Called with the fresh simulation before any node is added, e.g. to register a step listener (replay). */
  readonly onSimulation?: (sim: Simulation) => void;
}

export interface RunStats {
  readonly faults: number;
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
  /** With keepTrace: what the checks judged beyond the history, by run-directory file (checkInputs). */
  readonly checkInputs?: { readonly [file: string]: readonly Json[] };
}

export interface MonitorSample {
  readonly timeUs: number;
  readonly servers: readonly ServerStatus[];
}

export function runScenario(
  scenario: Scenario,
  seed: number,
  options: RunOptions = {},
): ScenarioRun {
  const sim = new Simulation({
    seed,
    keepTrace: options.keepTrace === true,
    network: {
      detection: {
        kind: "uniform",
        minUs: scenario.network.detectionMinMs * 1_000,
        maxUs: scenario.network.detectionMaxMs * 1_000,
      },
      ...(scenario.network.latencyMaxMs === undefined
        ? {}
        : {
            latency: {
              kind: "uniform",
              minUs: 100,
              maxUs: Math.round(scenario.network.latencyMaxMs * 1_000),
            },
          }),
    },
    disk: {
      fsyncLatency: {
        kind: "uniform",
        minUs: 200,
        maxUs: Math.round(scenario.network.fsyncMaxMs * 1_000),
      },
    },
  });
  options.onSimulation?.(sim);
  const system = systemDriver(scenario.system).start(sim, scenario);
  const durationUs = Math.round(scenario.durationMs * 1_000);
  const plan = planNemesis(scenario.nemesis, sim.streams, system.servers, durationUs);
  const lastFixedUs = plan.fixed.reduce((end, item) => Math.max(end, opEndUs(item)), 0);
  const endUs = Math.max(durationUs, lastFixedUs) + Math.round(scenario.recoveryMs * 1_000);
  const workload = planWorkload(scenario, sim.streams, endUs);
  for (const op of workload) system.submit(op);
  sim.schedule(plan.fixed);
  const probe = monitorProbe(sim, system, scenario.monitorEveryMs * 1_000);
  const faults = [...fixedGroups(plan.fixed), ...applyWindows(sim, system, plan, probe.runUntil)];
  probe.runUntil(endUs);
  probe.sampleNow();
  const schedule = faults.flat().sort((a, b) => a.atUs - b.atUs);
  const healedAtUs = schedule.reduce((end, item) => Math.max(end, opEndUs(item)), 0);
  const checks = system.check(
    { healedAtUs, endUs },
    scenario.checks ?? systemDriver(scenario.system).defaultChecks,
  );
  return {
    scenario: scenario.name,
    seed,
    verdict: combineVerdicts(checks.map((c) => c.verdict)),
    violations: checks.flatMap((c) => c.violations),
    checks,
    traceHash: sim.traceHash,
    events: sim.eventCount,
    simTimeUs: sim.nowUs,
    healedAtUs,
    schedule,
    faults,
    workload,
    swarm: plan.swarm,
    stats: statsOf(sim.history, schedule.length, workload.length),
    trace: sim.traceEntries,
    history: sim.history,
    monitor: probe.samples,
    ...(options.keepTrace === true && system.checkInputs !== undefined
      ? { checkInputs: system.checkInputs() }
      : {}),
  };
}

/**
 * Runs the simulation in slices that end at each probe time, reading every server's status there. Stopping
 * the loop at a time and going on is invisible to the run: events are processed in the same order.
 */
function monitorProbe(sim: Simulation, system: SystemInstance, everyUs: number) {
  const samples: MonitorSample[] = [];
  const sampleNow = () => samples.push({ timeUs: sim.nowUs, servers: system.status() });
  let nextUs = everyUs;
  const runUntil = (untilUs: number) => {
    while (everyUs > 0 && nextUs <= untilUs) {
      sim.run({ untilUs: nextUs });
      sampleNow();
      nextUs += everyUs;
    }
    sim.run({ untilUs });
  };
  return { samples, runUntil, sampleNow };
}

/** Runs up to each window's start, resolves it against the run as it is then, and schedules its ops. */
function applyWindows(
  sim: Simulation,
  system: SystemInstance,
  plan: NemesisPlan,
  runUntil: (untilUs: number) => void,
): ScheduledOp[][] {
  const applied: ScheduledOp[][] = [];
  for (const window of plan.windows) {
    if (window.startUs - 1 > sim.nowUs) runUntil(window.startUs - 1);
    const ops = resolveWindow(window, system);
    sim.schedule(ops);
    applied.push(ops);
  }
  return applied;
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

function statsOf(history: readonly HistoryEntry[], faults: number, clientOps: number): RunStats {
  let ok = 0;
  let fail = 0;
  let info = 0;
  for (const entry of history) {
    if (entry.process === "nemesis") continue;
    if (entry.type === "ok") ok++;
    else if (entry.type === "fail") fail++;
    else if (entry.type === "info") info++;
  }
  return { faults, clientOps, ok, fail, info };
}
