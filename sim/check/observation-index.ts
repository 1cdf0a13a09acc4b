// Which value each operation of a partition observes and which values it can bring back, for models that
// declare an observation (Model.observation: registers, kv). A value's readers are the completed
// operations that need the state to hold it (a read of it, a cas expecting it); its restorers are the
// operations that may turn a state not holding it into one that does. Once every restorer of a value is
// linearized, its remaining readers can only be linearized while the state still holds it: the search
// (observation-tracker.ts) and the static refutation of stale reads (stale-read-refutation.ts) build on that.
import type { AnyModel, ModelOp, Observation } from "./model.js";

export interface ObservationIndex {
  readonly observation: Observation<unknown, unknown, unknown>;
  /** The observed values, by value id, in order of first reader. */
  readonly values: readonly string[];
  /** Per value id: 1 when the object's initial state holds it. */
  readonly initially: Uint8Array;
  /** Per operation: the id of the value it needs (completed operations only), or -1. */
  readonly reads: Int32Array;
  /** Per value id: its readers, in operation order (CSR: `readers[readerStart[v] ..]`). */
  readonly readerStart: Int32Array;
  readonly readers: Int32Array;
  /** Per value id: its restorers, in operation order (CSR: `restorers[restorerStart[v] ..]`). */
  readonly restorerStart: Int32Array;
  readonly restorers: Int32Array;
  /** Per operation: the value ids it may restore (CSR: `restored[restoredStart[op] ..]`). */
  readonly restoredStart: Int32Array;
  readonly restored: Int32Array;
  /** Per operation: 1 for a reset (Observation.resets). */
  readonly resets: Uint8Array;
  /** Per operation: 1 for an update whose effect nothing observes (Observation.unobserved). */
  readonly unobserved: Uint8Array;
}

/** Null when the model declares no observation or no completed operation observes a value. */
export function observationIndex(
  model: AnyModel,
  ops: readonly ModelOp<unknown, unknown>[],
  isOk: Uint8Array,
  initialState: unknown,
): ObservationIndex | null {
  const observation = model.observation;
  if (observation === undefined) return null;
  const ids = new Map<string, number>();
  const reads = new Int32Array(ops.length).fill(-1);
  ops.forEach((op, index) => {
    if (isOk[index] !== 1) return;
    const value = observation.requires(op.input, op.output);
    if (value === null) return;
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    reads[index] = id;
  });
  if (ids.size === 0) return null;
  const values = [...ids.keys()];
  const initially = Uint8Array.from(values, (value) =>
    observation.holds(initialState, value) ? 1 : 0,
  );
  const byValue = observation.restorers(
    values,
    ops.map((op) => op.input),
  );

  const { start: restorerStart, items: restorers } = packed(byValue);
  const { start: restoredStart, items: restored } = inverted(byValue, ops.length);
  const inputs = ops.map((op) => op.input);
  const resets = Uint8Array.from(inputs, (input) => (observation.resets(input) ? 1 : 0));
  const unobserved = unobservedOps(observation, ops, values);
  const readerLists: number[][] = values.map(() => []);
  reads.forEach((value, op) => {
    if (value >= 0) readerLists[value]?.push(op);
  });
  const { start: readerStart, items: readers } = packed(readerLists);
  return {
    observation,
    values,
    initially,
    reads,
    readerStart,
    readers,
    restorerStart,
    restorers,
    restoredStart,
    restored,
    resets,
    unobserved,
  };
}

/** The unobserved updates, judged against every value some operation needs, `info` ones included. */
function unobservedOps(
  observation: Observation<unknown, unknown, unknown>,
  ops: readonly ModelOp<unknown, unknown>[],
  values: readonly string[],
): Uint8Array {
  const needed = new Set(values);
  for (const op of ops) {
    const value = observation.requires(op.input, op.output);
    if (value !== null) needed.add(value);
  }
  const unobserved = new Uint8Array(ops.length);
  const inputs = ops.map((op) => op.input);
  for (const index of observation.unobserved([...needed].sort(), inputs)) unobserved[index] = 1;
  return unobserved;
}

/** Lists as one array and the start of each list (the last start is the total length). */
function packed(lists: readonly (readonly number[])[]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, index) => {
    start[index + 1] = (start[index] ?? 0) + list.length;
  });
  const items = new Int32Array(start[lists.length] ?? 0);
  lists.forEach((list, index) => {
    items.set(list, start[index] ?? 0);
  });
  return { start, items };
}

/** For each operation, the values whose restorer lists name it, as packed lists. */
function inverted(
  byValue: readonly (readonly number[])[],
  opCount: number,
): { start: Int32Array; items: Int32Array } {
  const byOp: number[][] = Array.from({ length: opCount }, () => []);
  byValue.forEach((list, value) => {
    for (const op of list) byOp[op]?.push(value);
  });
  return packed(byOp);
}
