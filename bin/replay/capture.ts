// Re-runs a scenario and seed through the scenario runner (the same entry point `zabsim run` uses), with a
// kernel step listener that feeds the replay recorder: each step's state and summary, the kernel's view of
// statuses, clocks, connections and cuts, messages sent and delivered, in-flight counts and pending timers.

import {
  type RawViolation,
  type RecordedStep,
  ReplayRecorder,
  type ReplayRun,
  type StepEnv,
} from "../../reports/tui/model/index.js";
import type { ScenarioRun } from "../../scenarios/runner/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";
import type { Effect, Input, Message } from "../../sim/api/index.js";
import type { Simulation, StepRecord } from "../../sim/kernel/index.js";
import { type AppRef, runWithApp } from "../run/run-target.js";
import { adapterFor, type ReplayAdapter } from "./adapters.js";

export interface CapturedReplay {
  readonly run: ReplayRun;
  readonly scenarioRun: ScenarioRun;
}

export async function captureReplay(
  scenario: Scenario,
  seed: number,
  source: string,
  app: AppRef | null = null,
  recorded: readonly RawViolation[] = [],
): Promise<CapturedReplay> {
  const adapter = adapterFor(scenario.system);
  let recorder: ReplayRecorder | null = null;
  const onSimulation = (sim: Simulation) =>
    sim.onStep((step) => {
      recorder ??= new ReplayRecorder([...sim.nodeIds]);
      recordStep(sim, recorder, adapter, step);
    });
  const scenarioRun = await runWithApp(scenario, app, seed, { keepTrace: true, onSimulation });
  const rec = recorder ?? new ReplayRecorder([]);
  const run = rec.finish({
    meta: {
      scenario: scenarioRun.scenario,
      seed,
      bugs: scenario.bugs,
      verdict: scenarioRun.verdict,
      traceHash: scenarioRun.traceHash,
      simTimeUs: scenarioRun.simTimeUs,
      source,
    },
    events: scenarioRun.trace,
    history: scenarioRun.history,
    violations: withRecorded(scenarioRun.violations, recorded),
    stateView: adapter.stateView,
    workload: scenarioRun.workload,
  });
  return { run, scenarioRun };
}

/**
 * The re-run's violations, each completed by its recorded twin in run.json (same check and message): the
 * fields of where it shows, and its story, that the re-run does not give, so the replay places a violation as
 * the run's report does.
 */
export function withRecorded(
  rerun: readonly RawViolation[],
  recorded: readonly RawViolation[],
): RawViolation[] {
  return rerun.map((violation) => {
    const twin = recorded.find(
      (r) => r.check === violation.check && r.message === violation.message,
    );
    if (twin === undefined) return violation;
    const at = twin.at === undefined ? violation.at : { ...twin.at, ...violation.at };
    const story = violation.story ?? twin.story;
    return {
      ...violation,
      ...(at === undefined ? {} : { at }),
      ...(story === undefined ? {} : { story }),
    };
  });
}

function recordStep(
  sim: Simulation,
  recorder: ReplayRecorder,
  adapter: ReplayAdapter,
  step: StepRecord,
): void {
  const { index, node, state } = step;
  const summary = node !== null && state !== undefined ? adapter.summarize(state) : null;
  const recorded: RecordedStep = { index, node, summary, state, env: envOf(sim, recorder.nodes) };
  recorder.step(recorded);
  if (node !== null) recordEffects(recorder, adapter, index, node, step.input, step.effects);
  syncNetwork(sim, recorder, index);
  for (const name of node === null ? recorder.nodes : [node])
    syncTimers(sim, recorder, index, name);
}

function recordEffects(
  recorder: ReplayRecorder,
  adapter: ReplayAdapter,
  index: number,
  node: string,
  input: Input<Message> | null,
  effects: readonly Effect<Message>[],
): void {
  if (input?.kind === "message") recorder.delivered(index, input.from, node);
  for (const effect of effects) {
    if (effect.kind === "send")
      recorder.sent(index, node, effect.to, adapter.describeMessage(effect.msg));
    if (effect.kind !== "observe") continue;
    const o = effect.observation;
    const zxid =
      typeof o.zxid === "number" ? o.zxid : typeof o.lastZxid === "number" ? o.lastZxid : null;
    const epoch =
      typeof o.epoch === "number" ? o.epoch : zxid === null ? null : Math.floor(zxid / 2 ** 32);
    recorder.observed(index, { kind: o.kind, zxid, epoch });
  }
}

function envOf(sim: Simulation, nodes: readonly string[]): StepEnv {
  const network = sim.network;
  const kernel = nodes.map((name) => sim.indexOfNode(name));
  const open: number[] = [];
  const cuts: number[] = [];
  const n = nodes.length;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const ka = kernel[a] as number;
      const kb = kernel[b] as number;
      if (a < b && network.isOpen(ka, kb)) open.push(a * n + b);
      if (network.isCut(ka, kb)) cuts.push(a * n + b);
    }
  }
  return {
    statuses: nodes.map((name) => sim.statusOf(name)),
    clockOffsetsUs: nodes.map((name) => sim.nodeOf(name).clock.offsetUs),
    open,
    cuts,
  };
}

function syncNetwork(sim: Simulation, recorder: ReplayRecorder, index: number): void {
  const nodes = recorder.nodes;
  const kernel = nodes.map((name) => sim.indexOfNode(name));
  for (let a = 0; a < nodes.length; a++) {
    for (let b = 0; b < nodes.length; b++) {
      if (a === b) continue;
      const count = sim.network.inFlight(kernel[a] as number, kernel[b] as number);
      recorder.syncDirection(index, a, b, count);
    }
  }
}

function syncTimers(sim: Simulation, recorder: ReplayRecorder, index: number, name: string): void {
  const hosted = sim.nodeOf(name);
  const current = new Map<string, { gen: number; dueUs: number }>();
  for (const [timer, pending] of hosted.timers) {
    current.set(timer, {
      gen: pending.gen,
      dueUs: hosted.clock.realTimeOf(pending.deadline, sim.nowUs),
    });
  }
  recorder.syncTimers(index, name, current);
}
