// The input of one search: a partition's operations as the doubly linked list of call and return
// entries of Porcupine (entry 2i is the call of operation i, 2i+1 its return), in real-time order.
// Operations are numbered in invoke order, so the first entry of the list is always the call of the
// first operation not yet linearized. `info` operations have no return entry: they stay open to the end.
import type { Operation } from "../history/operation.js";
import type { ObservationIndex } from "./observation-index.js";

export interface SearchProblem {
  readonly opCount: number;
  /** 1 for an operation that completed (`ok`) and must be linearized, 0 for an `info` one. */
  readonly isOk: Uint8Array;
  /** Operations that must be linearized, blind resets aside (they can always go last). */
  readonly okCount: number;
  /**
   * 1 for an `ok` reset whose effect nothing observes (Observation.unobserved): what follows it can only
   * be another reset (or updates that observe nothing, then a reset), so where it goes hardly matters. The
   * search places it just before a reset linearized while it may be (moving it there keeps any order
   * valid), on its own only once its return is the first to come, or after everything else.
   */
  readonly isBlind: Uint8Array;
  /** 1 for a reset: linearizing one also linearizes every blind reset that may be linearized then. */
  readonly isReset: Uint8Array;
  /** 1 for an operation that never changes the state (model kind `read`). */
  readonly isRead: Uint8Array;
  readonly readCount: number;
  /** Call and return entries ordered by their position in the history. */
  readonly entryOrder: Int32Array;
  /**
   * Symmetry reduction: for an `info` operation, the previous `info` operation with the same f and
   * input, or -1. Both stay open to the end and do the same thing, so wherever the later one could be
   * linearized the earlier one could be too; the search only linearizes the later one once the earlier
   * one is. This keeps k identical timed-out writes from multiplying the search by 2^k.
   */
  readonly twinBefore: Int32Array;
  /** What the operations observe and restore, when the model says (observation-index.ts). */
  readonly observations: ObservationIndex | null;
  /** Per operation, when it takes effect at the latest (effect-deadlines.ts): where its return entry is. */
  readonly deadlines: Float64Array;
}

/**
 * `symmetryKeys[i]` identifies what operation i does (f and input); `reads[i]` says it never changes the
 * state; `deadlines[i]`, when given, is a time before which it takes effect, at most its return: its return
 * entry goes there, and an `info` operation with one must be linearized. Operations are in invoke order.
 */
export function searchProblem(
  ops: readonly Operation[],
  symmetryKeys: readonly string[],
  reads: readonly boolean[],
  observations: ObservationIndex | null = null,
  deadlines: Float64Array = Float64Array.from(ops, (op) => op.returnAt),
): SearchProblem {
  const opCount = ops.length;
  const isRead = Uint8Array.from(reads, (read) => (read ? 1 : 0));
  const isOk = Uint8Array.from(deadlines, (deadline) =>
    deadline < Number.POSITIVE_INFINITY ? 1 : 0,
  );
  const twinBefore = new Int32Array(opCount).fill(-1);
  const lastInfo = new Map<string, number>();
  ops.forEach((_, index) => {
    if (isOk[index] === 1) return;
    const key = symmetryKeys[index] ?? "";
    twinBefore[index] = lastInfo.get(key) ?? -1;
    lastInfo.set(key, index);
  });
  const entryOrder = orderEntries(ops, deadlines, isOk);
  const isReset = observations?.resets ?? new Uint8Array(opCount);
  const isBlind = Uint8Array.from(
    isOk,
    (ok, index) => ok & (observations?.unobserved[index] ?? 0) & (isReset[index] ?? 0),
  );
  const okCount = isOk.reduce((sum, ok, index) => sum + ok - (isBlind[index] ?? 0), 0);
  const readCount = isRead.reduce((sum, read) => sum + read, 0);
  return {
    opCount,
    isOk,
    okCount,
    isBlind,
    isReset,
    isRead,
    readCount,
    entryOrder,
    twinBefore,
    observations,
    deadlines,
  };
}

/**
 * Call entries at their calls, return entries at their deadlines. Calls and returns are distinct ordinals
 * of history events; a deadline pulled forward equals some read's return and goes just before it (with
 * others pulled to the same read, in invoke order), so the order is total.
 */
function orderEntries(
  ops: readonly Operation[],
  deadlines: Float64Array,
  isOk: Uint8Array,
): Int32Array {
  const times: number[] = [];
  const pulled: number[] = [];
  const entries: number[] = [];
  ops.forEach((op, index) => {
    times.push(op.callAt);
    pulled.push(1);
    entries.push(2 * index);
    if (isOk[index] !== 1) return;
    const deadline = deadlines[index] ?? op.returnAt;
    times.push(deadline);
    pulled.push(deadline < op.returnAt ? 0 : 1);
    entries.push(2 * index + 1);
  });
  const order = entries
    .map((_, at) => at)
    .sort(
      (a, b) =>
        (times[a] ?? 0) - (times[b] ?? 0) ||
        (pulled[a] ?? 0) - (pulled[b] ?? 0) ||
        (entries[a] ?? 0) - (entries[b] ?? 0),
    );
  return Int32Array.from(order, (at) => entries[at] ?? 0);
}
