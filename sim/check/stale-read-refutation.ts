// Refutes a stale read without searching: a completed read R of value v is impossible when an `ok` update
// W that always leaves a state not holding v (Model.observation.overwrites) completed before R was invoked,
// and every operation that could restore v and might precede R had completed before W was invoked. Then
// every linearization orders those restorers before W before R; after W the state does not hold v, and
// only a restorer could make it hold v again, yet none comes after W. Without such a W, R is also
// impossible when no restorer might precede it and the initial state does not hold v. Both are proofs, so
// the verdict stays exact; a read they do not refute is left to the search.
import type { ModelOp } from "./model.js";
import type { ObservationIndex } from "./observation-index.js";
import type { PreparedPartition } from "./prepare.js";

/** How far back from a read the search for its overwrite goes, in operations (bounds the cost). */
const OVERWRITE_SCAN_OPS = 1024;

export interface StaleReadProof {
  /** The read that no linearization can place (an index into the partition's operations). */
  readonly read: number;
  /** The update that overwrote its value for good, or -1 when the value was never there to read. */
  readonly overwrite: number;
  /** Of the operations that could give the value, the last to complete before `overwrite`; -1 if none. */
  readonly lastRestorer: number;
}

/**
 * The first read of the partition, in invoke order, that is refuted, or null. `initialHolds(value)` says
 * whether the object's initial state holds the value.
 */
export function refuteStaleRead(
  partition: PreparedPartition,
  initialHolds: (value: string) => boolean,
): StaleReadProof | null {
  const index = partition.problem.observations;
  if (index === null) return null;
  const { operations } = partition;
  const latest = latestRestorers(index, operations);
  for (let read = 0; read < operations.length; read++) {
    const value = index.reads[read] ?? -1;
    const operation = operations[read];
    if (value < 0 || operation === undefined) continue;
    const last = lastRestorerBefore(index, latest, operations, value, operation.returnAt);
    if (last < 0 && !initialHolds(index.values[value] ?? "")) {
      return { read, overwrite: -1, lastRestorer: -1 };
    }
    const overwrite = overwriteBefore(partition, index, read, value);
    if (overwrite < 0) continue;
    const lastReturn = last < 0 ? Number.NEGATIVE_INFINITY : (operations[last]?.returnAt ?? 0);
    if (lastReturn < (operations[overwrite]?.callAt ?? 0))
      return { read, overwrite, lastRestorer: last };
  }
  return null;
}

/**
 * For each value's restorers (in invoke order, as the index lists them), the one that completes last
 * among the first k, for every k: prefix maxima of completion, by position in `index.restorers`.
 */
function latestRestorers(
  index: ObservationIndex,
  operations: PreparedPartition["operations"],
): Int32Array {
  const latest = new Int32Array(index.restorers.length);
  for (let value = 0; value < index.values.length; value++) {
    let best = -1;
    for (
      let at = index.restorerStart[value] ?? 0;
      at < (index.restorerStart[value + 1] ?? 0);
      at++
    ) {
      const op = index.restorers[at] ?? 0;
      const bestReturn = best < 0 ? Number.NEGATIVE_INFINITY : (operations[best]?.returnAt ?? 0);
      if ((operations[op]?.returnAt ?? 0) > bestReturn) best = op;
      latest[at] = best;
    }
  }
  return latest;
}

/**
 * Of the restorers of `value` invoked before `time` (those that might precede a read returning then), the
 * one that completes last; -1 when there are none.
 */
function lastRestorerBefore(
  index: ObservationIndex,
  latest: Int32Array,
  operations: PreparedPartition["operations"],
  value: number,
  time: number,
): number {
  let low = index.restorerStart[value] ?? 0;
  let high = index.restorerStart[value + 1] ?? 0;
  const first = low;
  // Binary search for the first restorer invoked at or after `time`.
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((operations[index.restorers[middle] ?? 0]?.callAt ?? 0) < time) low = middle + 1;
    else high = middle;
  }
  return low === first ? -1 : (latest[low - 1] ?? -1);
}

/**
 * The `ok` update invoked last among those that completed before `read` was invoked and always leave a
 * state not holding `value`; -1 when none is found within OVERWRITE_SCAN_OPS.
 */
function overwriteBefore(
  partition: PreparedPartition,
  index: ObservationIndex,
  read: number,
  value: number,
): number {
  const { operations, modelOps, problem } = partition;
  const callAt = operations[read]?.callAt ?? 0;
  const text = index.values[value] ?? "";
  const stop = Math.max(0, read - OVERWRITE_SCAN_OPS);
  for (let op = read - 1; op >= stop; op--) {
    const candidate: ModelOp<unknown, unknown> | undefined = modelOps[op];
    if (problem.isOk[op] !== 1 || candidate === undefined) continue;
    if ((operations[op]?.returnAt ?? 0) >= callAt) continue;
    if (index.observation.overwrites(candidate.input, text)) return op;
  }
  return -1;
}
