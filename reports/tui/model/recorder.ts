// Builds a ReplayRun while a run is re-played: whoever drives the run (bin/replay) reports each traced step,
// the messages sent and delivered, what the kernel says is in flight and which timers are pending; the
// recorder turns that into per-event columns and interval indexes. It never runs protocol code itself.
import { workloadClients } from "../../../scenarios/systems/labels.js";
import { hexIdsInText } from "./hex-ids.js";
import { IntervalIndex } from "./interval-index.js";
import { linkOperations } from "./operations.js";
import type {
  InFlightMessage,
  PendingTimer,
  ReplayEvent,
  ReplayMeta,
  ReplayRun,
  ServerSummary,
  StepEnv,
  StepObservation,
} from "./types.js";
import { locateViolations, type RawViolation } from "./violations.js";

export interface RecordedStep {
  readonly index: number;
  /** The stepping node, or null for a nemesis operation. */
  readonly node: string | null;
  readonly summary: ServerSummary | null;
  readonly state: unknown;
  readonly env: StepEnv;
}

export interface HistoryRecord {
  readonly process: number | "nemesis";
  readonly type: "invoke" | "ok" | "fail" | "info";
  readonly f: string;
  readonly value: unknown;
  readonly time: number;
  readonly [field: string]: unknown;
}

export interface FinishInput {
  readonly meta: ReplayMeta;
  readonly events: readonly ReplayEvent[];
  readonly history: readonly HistoryRecord[];
  readonly violations: readonly RawViolation[];
  readonly stateView: (state: unknown) => unknown;
  /** Which workload client ran each process (run.json's `workload`), for the clients' labels. */
  readonly workload?: readonly { readonly process: number; readonly client: number }[];
}

interface OpenTimer {
  readonly id: number;
  readonly gen: number;
}

export class ReplayRecorder {
  readonly #nodes: readonly string[];
  readonly #stepNode: number[] = [];
  readonly #summaries: (ServerSummary | null)[] = [];
  readonly #states: unknown[] = [];
  readonly #envs: StepEnv[] = [];
  readonly #messages = new IntervalIndex<InFlightMessage>();
  readonly #timers = new IntervalIndex<PendingTimer>();
  /** Per direction: ids of the messages believed in flight, oldest first. */
  readonly #inFlight = new Map<number, number[]>();
  readonly #openTimers = new Map<string, OpenTimer>();
  readonly #observations = new Map<number, StepObservation[]>();
  #lastEnv: StepEnv | null = null;

  constructor(nodes: readonly string[]) {
    this.#nodes = nodes;
  }

  get nodes(): readonly string[] {
    return this.#nodes;
  }

  /** A step's own data; steps arrive in trace order, each exactly once. */
  step(step: RecordedStep): void {
    if (step.index !== this.#stepNode.length)
      throw new Error(`step ${step.index} reported out of order`);
    this.#stepNode.push(step.node === null ? -1 : this.#nodes.indexOf(step.node));
    this.#summaries.push(step.summary);
    this.#states.push(step.state);
    this.#envs.push(this.#shareEnv(step.env));
  }

  sent(step: number, from: string, to: string, text: string): void {
    const id = this.#messages.open({ from, to, text, sentAt: step }, step);
    const dir = this.#dir(from, to);
    const list = this.#inFlight.get(dir) ?? [];
    list.push(id);
    this.#inFlight.set(dir, list);
  }

  /** The oldest message in flight on the direction was delivered at `step`. */
  delivered(step: number, from: string, to: string): void {
    const id = this.#inFlight.get(this.#dir(from, to))?.shift();
    if (id !== undefined) this.#messages.close(id, step);
  }

  /** The kernel counts `count` messages in flight on the direction: older extras were lost. */
  syncDirection(step: number, from: number, to: number, count: number): void {
    const list = this.#inFlight.get(from * this.#nodes.length + to);
    if (list === undefined) return;
    while (list.length > count) this.#messages.close(list.shift() as number, step);
  }

  /** The node's pending timers now, by name: generation and due time. */
  syncTimers(
    step: number,
    node: string,
    current: ReadonlyMap<string, { readonly gen: number; readonly dueUs: number }>,
  ): void {
    const prefix = `${node}\u0000`;
    for (const [key, open] of this.#openTimers) {
      if (!key.startsWith(prefix)) continue;
      if (current.get(key.slice(prefix.length))?.gen !== open.gen) {
        this.#timers.close(open.id, step);
        this.#openTimers.delete(key);
      }
    }
    for (const [name, timer] of [...current].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const key = prefix + name;
      if (this.#openTimers.has(key)) continue;
      const id = this.#timers.open({ node, name, setAt: step, dueUs: timer.dueUs }, step);
      this.#openTimers.set(key, { id, gen: timer.gen });
    }
  }

  observed(step: number, observation: StepObservation): void {
    const list = this.#observations.get(step) ?? [];
    list.push(observation);
    this.#observations.set(step, list);
  }

  finish(input: FinishInput): ReplayRun {
    const count = this.#stepNode.length;
    if (input.events.length !== count)
      throw new Error(`${input.events.length} trace entries but ${count} steps were reported`);
    this.#messages.seal(count);
    this.#timers.seal(count);
    const stepNode = Int16Array.from(this.#stepNode);
    const nodeSteps = stepsByNode(this.#stepNode, this.#nodes.length);
    const faults = Int32Array.from(
      input.events.filter((e) => e.kind === "nemesis").map((e) => e.index),
    );
    // What the screen shows and searches: ids in hex, as ZooKeeper logs them.
    const events = input.events.map((e) => {
      const text = hexIdsInText(e.text);
      return text === e.text ? e : { ...e, text };
    });
    const clientOf = workloadClients(input.workload ?? []);
    const operations = linkOperations(input.history, events, clientOf);
    const violations = locateViolations(input.violations, {
      nodes: this.#nodes,
      events,
      stepNode,
      observations: this.#observations,
      operations,
    });
    return {
      meta: input.meta,
      nodes: this.#nodes,
      events,
      stepNode,
      summaries: this.#summaries,
      states: this.#states,
      envs: this.#envs,
      nodeSteps,
      isClient: nodeSteps.map((steps) => this.#summaries[steps[0] ?? -1]?.client !== undefined),
      faults,
      downs: downsByNode(this.#envs, this.#nodes.length),
      messages: this.#messages,
      timers: this.#timers,
      operations,
      violations,
      stateView: input.stateView,
    };
  }

  #dir(from: string, to: string): number {
    return this.#nodes.indexOf(from) * this.#nodes.length + this.#nodes.indexOf(to);
  }

  #shareEnv(env: StepEnv): StepEnv {
    const last = this.#lastEnv;
    if (last !== null && sameEnv(last, env)) return last;
    this.#lastEnv = env;
    return env;
  }
}

function stepsByNode(stepNode: readonly number[], nodeCount: number): Int32Array[] {
  const lists: number[][] = Array.from({ length: nodeCount }, () => []);
  stepNode.forEach((node, step) => {
    if (node >= 0) lists[node]?.push(step);
  });
  return lists.map((list) => Int32Array.from(list));
}

/** Per node, the steps at which its status became `down`. */
function downsByNode(envs: readonly StepEnv[], nodeCount: number): Int32Array[] {
  const lists: number[][] = Array.from({ length: nodeCount }, () => []);
  envs.forEach((env, step) => {
    const before = envs[step - 1];
    env.statuses.forEach((status, k) => {
      if (status === "down" && before?.statuses[k] !== "down") lists[k]?.push(step);
    });
  });
  return lists.map((list) => Int32Array.from(list));
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameEnv(a: StepEnv, b: StepEnv): boolean {
  return (
    sameList(a.statuses, b.statuses) &&
    sameList(a.clockOffsetsUs, b.clockOffsetsUs) &&
    sameList(a.open, b.open) &&
    sameList(a.cuts, b.cuts)
  );
}
