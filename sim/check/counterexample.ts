// What a person needs to see why a history is not linearizable: the operation that cannot be
// linearized, the operations concurrent with it, and the longest partial linearizations the search
// reached, with the model state after each step.
import type { Json } from "../api/json.js";
import type { Operation } from "../history/operation.js";
import type { RecordedPartial } from "./partial-recorder.js";
import type { PreparedHistory, PreparedPartition } from "./prepare.js";
import type { StateSpace } from "./state-space.js";

export interface OperationView {
  readonly process: number;
  /** What the operation did, in the model's words, e.g. `cas 1 -> 4` or `read -> 3`. */
  readonly op: string;
  readonly status: "ok" | "info";
  readonly callLine: number;
  readonly returnLine: number | null;
}

export interface LinearizationStep {
  readonly op: OperationView;
  /** The model state after the operation. */
  readonly state: string;
}

export interface PartialLinearization {
  /** How many operations the partial linearization holds. */
  readonly length: number;
  /** Steps before `steps` that are not shown. */
  readonly omitted: number;
  /** The last steps of the partial linearization. */
  readonly steps: readonly LinearizationStep[];
  /** The model state at its end, where the next operation fails. */
  readonly finalState: string;
  /** The operation that could not be linearized after it. */
  readonly stuck: OperationView;
  /** True when the model rejects `stuck` in `finalState`; false when it applies but nothing after works. */
  readonly stuckRejected: boolean;
}

export interface Counterexample {
  /** The independent object (key) that is not linearizable; null when the history has no keys. */
  readonly key: Json;
  readonly op: OperationView;
  /** Operations whose intervals overlap the one that cannot be linearized (the first few). */
  readonly concurrent: readonly OperationView[];
  readonly concurrentCount: number;
  readonly initialState: string;
  /** Longest first. */
  readonly partials: readonly PartialLinearization[];
}

export const STEPS_SHOWN = 10;
export const CONCURRENT_SHOWN = 12;

function viewOf(history: PreparedHistory, partition: PreparedPartition, op: number): OperationView {
  const operation = partition.operations[op];
  const modelOp = partition.modelOps[op];
  if (operation === undefined || modelOp === undefined)
    throw new RangeError(`no operation ${op} in partition`);
  return {
    process: operation.process,
    op: history.model.describeOp(modelOp.input, modelOp.output),
    status: operation.status,
    callLine: operation.callLine,
    returnLine: operation.returnLine,
  };
}

function overlaps(a: Operation, b: Operation): boolean {
  return a.callAt < b.returnAt && b.callAt < a.returnAt;
}

function partialOf(
  history: PreparedHistory,
  partition: PreparedPartition,
  space: StateSpace,
  recorded: RecordedPartial,
): PartialLinearization {
  const length = recorded.ops.length;
  const first = Math.max(0, length - STEPS_SHOWN);
  const steps: LinearizationStep[] = [];
  for (let index = first; index < length; index++) {
    steps.push({
      op: viewOf(history, partition, recorded.ops[index] ?? 0),
      state: space.describe(recorded.statesAfter[index] ?? 0),
    });
  }
  const finalId = length > 0 ? (recorded.statesAfter[length - 1] ?? 0) : space.initial;
  return {
    length,
    omitted: first,
    steps,
    finalState: space.describe(finalId),
    stuck: viewOf(history, partition, recorded.stuckOp),
    stuckRejected: space.next(finalId, recorded.stuckOp) < 0,
  };
}

export function buildCounterexample(
  history: PreparedHistory,
  partition: PreparedPartition,
  space: StateSpace,
  recorded: readonly RecordedPartial[],
): Counterexample | null {
  const longest = recorded[0];
  if (longest === undefined) return null;
  const failing = partition.operations[longest.stuckOp];
  if (failing === undefined) return null;
  const concurrent = partition.operations.filter(
    (other) => other !== failing && overlaps(other, failing),
  );
  const shown = concurrent.slice(0, CONCURRENT_SHOWN);
  return {
    key: partition.key ?? null,
    op: viewOf(history, partition, longest.stuckOp),
    concurrent: shown.map((other) =>
      viewOf(history, partition, partition.operations.indexOf(other)),
    ),
    concurrentCount: concurrent.length,
    initialState: space.describe(space.initial),
    partials: recorded.map((partial) => partialOf(history, partition, space, partial)),
  };
}
