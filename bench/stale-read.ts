// The non-linearizable twins of a generated history (hard-histories.ts): one read late in the history is
// made to return a state the object had left for good. Why no linearization can explain it: the read R now
// returns v, the state right after a write X, and a write W (of another unique value) must come after X
// and before R — X completed before W was invoked, and either W completed before R was invoked (a plain
// stale read) or a read R1 that returned W's state completed before R was invoked (a new-old inversion:
// R1 saw W, so W precedes R1, which precedes R). Values are unique per write, so after W only X could make
// the state v again — a register's value is X's own, a kv string ending in X's token (or equal to X's put)
// comes only from X — and X is already before W. Open (`info`) writes write other unique values, so they
// cannot help either. The inversion is only made where no write completed before R proves the same (so a
// checker cannot refute it from real time alone): it takes the reads-from step above.
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

function lateReads(ops: readonly GenOp[], rng: Prng): GenOp[] {
  const late = ops.filter(
    (op) => isRead(op) && !op.info && op.index >= ops.length * (1 - LATE_SHARE),
  );
  return rng.shuffle(late);
}

/** Makes one late read stale; returns its index, or -1 when no read has a write X and W before it. */
export function makeStale(ops: GenOp[], rng: Prng): number {
  for (const read of lateReads(ops, rng)) {
    const overwrite = okWriteBefore(ops, read.index, read.key, read.callAt);
    if (overwrite === undefined) continue;
    const stale = okWriteBefore(ops, overwrite.index, read.key, overwrite.callAt);
    if (stale === undefined) continue;
    read.output = stale.after;
    return read.index;
  }
  return -1;
}

/** How far back from the late read the inversion looks for the read R1 that saw W. */
const INVERSION_SCAN_OPS = 400;

/**
 * Makes one late read R return a state that an earlier read R1 (completed before R was invoked) had already
 * seen overwritten; returns R's index, or -1 when no read fits. R1 returned W's state, W was still running
 * when R was invoked, and X completed before W was invoked, after every write that completed before R.
 */
export function makeInversion(ops: GenOp[], rng: Prng): number {
  const writerOf = new Map<string, GenOp>();
  for (const op of ops)
    if (isOkWrite(op)) writerOf.set(`${op.key}\u0000${JSON.stringify(op.after)}`, op);
  for (const read of lateReads(ops, rng)) {
    const lastCall = lastCompletedCall(ops, read);
    for (
      let index = read.index - 1;
      index >= Math.max(0, read.index - INVERSION_SCAN_OPS);
      index--
    ) {
      const seen = ops[index];
      if (seen === undefined || !isRead(seen) || seen.info || seen.key !== read.key) continue;
      if (seen.returnAt >= read.callAt) continue;
      const overwrite = writerOf.get(`${seen.key}\u0000${JSON.stringify(seen.output)}`);
      if (overwrite === undefined || overwrite.returnAt < read.callAt) continue;
      const stale = okWriteBefore(ops, overwrite.index, read.key, overwrite.callAt);
      if (stale === undefined || stale.returnAt <= lastCall) continue;
      read.output = stale.after;
      return read.index;
    }
  }
  return -1;
}

/** The latest call among `ok` writes on the read's key that completed before the read was invoked. */
function lastCompletedCall(ops: readonly GenOp[], read: GenOp): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (let index = read.index - 1; index >= 0; index--) {
    const op = ops[index];
    if (op === undefined) continue;
    if (op.callAt < latest) break;
    if (op.key === read.key && isOkWrite(op) && op.returnAt < read.callAt)
      latest = Math.max(latest, op.callAt);
  }
  return latest;
}
