// The in-memory mirror of the txn log, append-only with structural sharing, so that appending a txn to a peer's
// immutable state is O(1) instead of copying the whole log. Every version of a log shares one buffer and sees
// only its first `length` entries; entries are never changed once written. Appending to the newest version
// pushes onto the shared buffer (no older version can see the new entry); appending to an older version (after
// a truncation, or a step that is replayed) copies its prefix first. Zxids in a log strictly increase.
import type { Txn } from "./messages.js";

export interface TxnLog {
  /** Shared between versions; only the first `length` entries belong to this version. */
  readonly buffer: Txn[];
  readonly length: number;
}

/** A fresh empty log (never a shared constant: its buffer is appended to). */
export function emptyLog(): TxnLog {
  return { buffer: [], length: 0 };
}

export function txnLogOf(txns: readonly Txn[]): TxnLog {
  return { buffer: [...txns], length: txns.length };
}

export function appendToLog(log: TxnLog, txn: Txn): TxnLog {
  if (log.buffer.length === log.length) {
    log.buffer.push(txn);
    return { buffer: log.buffer, length: log.length + 1 };
  }
  const buffer = log.buffer.slice(0, log.length);
  buffer.push(txn);
  return { buffer, length: buffer.length };
}

export function txnAt(log: TxnLog, index: number): Txn | undefined {
  return index >= 0 && index < log.length ? log.buffer[index] : undefined;
}

export function lastTxn(log: TxnLog): Txn | undefined {
  return txnAt(log, log.length - 1);
}

/** The first `count` entries, sharing the buffer. */
export function logPrefix(log: TxnLog, count: number): TxnLog {
  return { buffer: log.buffer, length: Math.max(0, Math.min(count, log.length)) };
}

/** The index of the first txn with a zxid above `zxid` (the log's length if none), by binary search. */
export function indexAfter(log: TxnLog, zxid: number): number {
  let low = 0;
  let high = log.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const txn = log.buffer[mid];
    if (txn !== undefined && txn.zxid <= zxid) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A copy of entries [from, to) as a plain array. */
export function logSlice(log: TxnLog, from: number, to: number = log.length): Txn[] {
  return log.buffer.slice(Math.max(0, from), Math.min(to, log.length));
}
