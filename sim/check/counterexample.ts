// What a person needs to see why a history is not linearizable: the operation that cannot be
// linearized, the operations concurrent with it, and the longest partial linearizations the search
// reached, with the model state after each step.
import type { Json } from "../api/json.js";
import type { Operation } from "../history/operation.js";
import type { RecordedPartial } from "./partial-recorder.js";
import type { PreparedHistory, PreparedPartition } from "./prepare.js";
import type { StaleReadProof } from "./stale-read-refutation.js";
import type { StateSpace } from "./state-space.js";

export interface OperationView {
  /** The operation's index in the whole history (Operation.index), whichever object it belongs to. */
  readonly index: number;
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

/** Why a read is impossible without searching (stale-read-refutation.ts). */
export interface StaleReadRefutation {
  /** The update that left the read's value for good before the read was invoked; null when the value
   * could never be there (nothing gives it before the read, and the initial state does not hold it). */
  readonly overwrite: OperationView | null;
  /** Of the operations that could give the value, the last to complete before `overwrite`. */
  readonly lastRestorer: OperationView | null;
}

export interface Counterexample {
  /** The independent object (key) that is not linearizable; null when the history has no keys. */
  readonly key: Json;
  readonly op: OperationView;
  /** Operations whose intervals overlap the one that cannot be linearized (the first few). */
  readonly concurrent: readonly OperationView[];
  readonly concurrentCount: number;
  readonly initialState: string;
  /** Longest first; empty when the operation was refuted without searching. */
  readonly partials: readonly PartialLinearization[];
  /** Present when the operation is a read refuted without searching. */
  readonly refutation?: StaleReadRefutation;
}

export const STEPS_SHOWN = 10;
export const CONCURRENT_SHOWN = 12;

function viewOf(history: PreparedHistory, partition: PreparedPartition, op: number): OperationView {
  const operation = partition.operations[op];
  const modelOp = partition.modelOps[op];
  if (operation === undefined || modelOp === undefined)
    throw new RangeError(`no operation ${op} in partition`);
  return {
    index: operation.index,
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

function concurrentViews(
  history: PreparedHistory,
  partition: PreparedPartition,
  op: number,
): { readonly shown: OperationView[]; readonly count: number } {
  const failing = partition.operations[op];
  const concurrent = partition.operations.flatMap((other, index) =>
    failing !== undefined && other !== failing && overlaps(other, failing) ? [index] : [],
  );
  const shown = concurrent
    .slice(0, CONCURRENT_SHOWN)
    .map((index) => viewOf(history, partition, index));
  return { shown, count: concurrent.length };
}

/** The counterexample of a read refuted without searching. */
export function refutationCounterexample(
  history: PreparedHistory,
  partition: PreparedPartition,
  space: StateSpace,
  proof: StaleReadProof,
): Counterexample {
  const { shown, count } = concurrentViews(history, partition, proof.read);
  const view = (op: number) => (op < 0 ? null : viewOf(history, partition, op));
  return {
    key: partition.key ?? null,
    op: viewOf(history, partition, proof.read),
    concurrent: shown,
    concurrentCount: count,
    initialState: space.describe(space.initial),
    partials: [],
    refutation: { overwrite: view(proof.overwrite), lastRestorer: view(proof.lastRestorer) },
  };
}

export function buildCounterexample(
  history: PreparedHistory,
  partition: PreparedPartition,
  space: StateSpace,
  recorded: readonly RecordedPartial[],
): Counterexample | null {
  const longest = recorded[0];
  if (longest === undefined || partition.operations[longest.stuckOp] === undefined) return null;
  const { shown, count } = concurrentViews(history, partition, longest.stuckOp);
  return {
    key: partition.key ?? null,
    op: viewOf(history, partition, longest.stuckOp),
    concurrent: shown,
    concurrentCount: count,
    initialState: space.describe(space.initial),
    partials: recorded.map((partial) => partialOf(history, partition, space, partial)),
  };
}
