// Refutes a stale read without searching: a completed read R of value v is impossible when an `ok` update
// W that always leaves a state not holding v (Model.observation.overwrites) must take effect before R is
// invoked, and every operation that could restore v and might precede R must take effect before W is
// invoked. Then every linearization orders those restorers before W before R; after W the state does not
// hold v, and only a restorer could make it hold v again, yet none comes after W. Without such a W, R is
// also impossible when no restorer might precede it and the initial state does not hold v. Both are
// proofs, so the verdict stays exact; a read they do not refute is left to the search.
//
// "Must take effect before t" is more than "completed before t" (effect-deadlines.ts): the only operation
// that can give a value precedes its readers. That is what refutes a new-old inversion: a read saw W's value
// and completed before R was invoked, so W precedes R though W itself completed later.
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

/** The first read of the partition, in invoke order, that is refuted, or null. */
export function refuteStaleRead(partition: PreparedPartition): StaleReadProof | null {
  const { observations: index, deadlines } = partition.problem;
  if (index === null) return null;
  const { operations } = partition;
  const latest = latestRestorers(index, deadlines);
  for (let read = 0; read < operations.length; read++) {
    const value = index.reads[read] ?? -1;
    const operation = operations[read];
    if (value < 0 || operation === undefined) continue;
    const last = lastRestorerBefore(index, latest, operations, value, operation.returnAt);
    if (last < 0 && index.initially[value] !== 1) return { read, overwrite: -1, lastRestorer: -1 };
    const overwrite = overwriteBefore(partition, index, deadlines, read, value);
    if (overwrite < 0) continue;
    const lastDeadline = last < 0 ? Number.NEGATIVE_INFINITY : (deadlines[last] ?? 0);
    if (lastDeadline < (operations[overwrite]?.callAt ?? 0))
      return { read, overwrite, lastRestorer: last };
  }
  return null;
}

/**
 * For each value's restorers (in invoke order, as the index lists them), the one with the latest deadline
 * among the first k, for every k: prefix maxima, by position in `index.restorers`.
 */
function latestRestorers(index: ObservationIndex, deadlines: Float64Array): Int32Array {
  const latest = new Int32Array(index.restorers.length);
  for (let value = 0; value < index.values.length; value++) {
    let best = -1;
    const end = index.restorerStart[value + 1] ?? 0;
    for (let at = index.restorerStart[value] ?? 0; at < end; at++) {
      const op = index.restorers[at] ?? 0;
      const bestDeadline = best < 0 ? Number.NEGATIVE_INFINITY : (deadlines[best] ?? 0);
      if ((deadlines[op] ?? 0) > bestDeadline) best = op;
      latest[at] = best;
    }
  }
  return latest;
}

/**
 * Of the restorers of `value` invoked before `time` (those that might precede a read returning then), the
 * one with the latest deadline; -1 when there are none.
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
 * The update invoked last among those that take effect before `read` is invoked and always leave a state
 * not holding `value`; -1 when none is found within OVERWRITE_SCAN_OPS.
 */
function overwriteBefore(
  partition: PreparedPartition,
  index: ObservationIndex,
  deadlines: Float64Array,
  read: number,
  value: number,
): number {
  const { operations, modelOps } = partition;
  const callAt = operations[read]?.callAt ?? 0;
  const text = index.values[value] ?? "";
  const stop = Math.max(0, read - OVERWRITE_SCAN_OPS);
  for (let op = read - 1; op >= stop; op--) {
    const candidate: ModelOp<unknown, unknown> | undefined = modelOps[op];
    // A finite deadline also means the update is linearized: `ok`, or the only source of a value read.
    if (candidate === undefined || (deadlines[op] ?? 0) >= callAt) continue;
    if (index.observation.overwrites(candidate.input, text)) return op;
  }
  return -1;
}
