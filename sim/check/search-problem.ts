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
  readonly okCount: number;
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
}

/**
 * `symmetryKeys[i]` identifies what operation i does (f and input); `reads[i]` says it never changes the
 * state. Operations are in invoke order.
 */
export function searchProblem(
  ops: readonly Operation[],
  symmetryKeys: readonly string[],
  reads: readonly boolean[],
): SearchProblem {
  const opCount = ops.length;
  const isRead = Uint8Array.from(reads, (read) => (read ? 1 : 0));
  const isOk = new Uint8Array(opCount);
  const twinBefore = new Int32Array(opCount).fill(-1);
  const lastInfo = new Map<string, number>();
  const positions: number[] = [];
  const entries: number[] = [];
  ops.forEach((op, index) => {
    positions.push(op.callAt);
    entries.push(2 * index);
    if (op.status === "ok") {
      isOk[index] = 1;
      positions.push(op.returnAt);
      entries.push(2 * index + 1);
      return;
    }
    const key = symmetryKeys[index] ?? "";
    twinBefore[index] = lastInfo.get(key) ?? -1;
    lastInfo.set(key, index);
  });
  // Positions are distinct ordinals of history events, so this order is total.
  const order = entries
    .map((_, index) => index)
    .sort((a, b) => (positions[a] ?? 0) - (positions[b] ?? 0));
  const entryOrder = Int32Array.from(order, (index) => entries[index] ?? 0);
  const okCount = isOk.reduce((sum, ok) => sum + ok, 0);
  const readCount = isRead.reduce((sum, read) => sum + read, 0);
  return {
    opCount,
    isOk,
    okCount,
    isRead,
    readCount,
    entryOrder,
    twinBefore,
    observations: null,
  };
}
