// The non-linearizable twin of a generated history (hard-histories.ts): one read late in the history is
// made to return a state the object had left for good. Why no linearization can explain it: the read R now
// returns v, the state right after a write X; an `ok` write W (of another unique value) was invoked after X
// completed and completed before R was invoked, so every linearization orders X < W < R. Values are unique
// per write, so after W only X could make the state v again — a register's value is X's own, a kv string
// ending in X's token (or equal to X's put) comes only from X — and X is already before W. Open (`info`)
// writes write other unique values, so they cannot help either.
import type { Prng } from "../sim/prng/index.js";
import type { GenOp } from "./hard-histories.js";

/** Reads are taken from the last part of the history, where refuting them needs the longest search. */
const LATE_SHARE = 0.1;

function isRead(op: GenOp): boolean {
  return op.f === "read" || op.f === "get";
}

/** An `ok` operation that changed the state (a write, put, append or successful cas). */
function isOkWrite(op: GenOp): boolean {
  return !isRead(op) && !op.info && !op.failed;
}

/** The latest-invoked `ok` write on `key` that completed before `time`, searching below `below`. */
function okWriteBefore(
  ops: readonly GenOp[],
  below: number,
  key: string | undefined,
  time: number,
) {
  for (let index = below - 1; index >= 0; index--) {
    const op = ops[index];
    if (op !== undefined && op.key === key && isOkWrite(op) && op.returnAt < time) return op;
  }
  return undefined;
}

/** Makes one late read stale; returns its index, or -1 when no read has a write X and W before it. */
export function makeStale(ops: GenOp[], rng: Prng): number {
  const late = ops.filter(
    (op) => isRead(op) && !op.info && op.index >= ops.length * (1 - LATE_SHARE),
  );
  for (const read of rng.shuffle(late)) {
    const overwrite = okWriteBefore(ops, read.index, read.key, read.callAt);
    if (overwrite === undefined) continue;
    const stale = okWriteBefore(ops, overwrite.index, read.key, overwrite.callAt);
    if (stale === undefined) continue;
    read.output = stale.after;
    return read.index;
  }
  return -1;
}
