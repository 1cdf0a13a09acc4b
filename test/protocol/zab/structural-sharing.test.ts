// The O(1) append-only log and FIFO queue share one buffer between versions of the peer state: every version
// must keep seeing exactly its own entries, whatever is appended to others.
import { describe, expect, test } from "vitest";
import type { Txn } from "../../../protocol/zab/messages.js";
import {
  dequeue,
  emptyQueue,
  enqueue,
  peek,
  queueItems,
  queueSize,
} from "../../../protocol/zab/shared-queue.js";
import {
  appendToLog,
  emptyLog,
  indexAfter,
  lastTxn,
  logPrefix,
  logSlice,
} from "../../../protocol/zab/txn-log.js";
import { makeZxid } from "../../../protocol/zab/zxid.js";

const txn = (counter: number, value = `v${counter}`): Txn => ({
  zxid: makeZxid(1, counter),
  value,
  origin: null,
  requestId: 0,
});

describe("txn log with structural sharing", () => {
  test("appending to an older version or a truncated prefix never changes what other versions see", () => {
    const one = appendToLog(emptyLog(), txn(1));
    const two = appendToLog(one, txn(2));
    const forkOfOne = appendToLog(one, txn(2, "fork"));
    const three = appendToLog(two, txn(3));
    const truncated = appendToLog(logPrefix(three, 1), txn(2, "after-trunc"));
    expect(logSlice(one, 0).map((t) => t.value)).toEqual(["v1"]);
    expect(logSlice(two, 0).map((t) => t.value)).toEqual(["v1", "v2"]);
    expect(logSlice(forkOfOne, 0).map((t) => t.value)).toEqual(["v1", "fork"]);
    expect(logSlice(three, 0).map((t) => t.value)).toEqual(["v1", "v2", "v3"]);
    expect(logSlice(truncated, 0).map((t) => t.value)).toEqual(["v1", "after-trunc"]);
    expect(lastTxn(three)?.value).toBe("v3");
  });

  test("indexAfter finds the first entry above a zxid by binary search", () => {
    let log = emptyLog();
    for (let i = 1; i <= 9; i++) log = appendToLog(log, txn(i * 2));
    expect(indexAfter(log, makeZxid(1, 0))).toBe(0);
    expect(indexAfter(log, makeZxid(1, 6))).toBe(3);
    expect(indexAfter(log, makeZxid(1, 7))).toBe(3);
    expect(indexAfter(log, makeZxid(2, 0))).toBe(9);
  });
});

describe("FIFO queue with structural sharing", () => {
  test("versions keep their own contents across enqueues, dequeues and forks", () => {
    const ab = enqueue(enqueue(emptyQueue<string>(), "a"), "b");
    const b = dequeue(ab);
    const bc = enqueue(b, "c");
    const abX = enqueue(ab, "x");
    expect(queueItems(ab)).toEqual(["a", "b"]);
    expect(queueItems(bc)).toEqual(["b", "c"]);
    expect(queueItems(abX)).toEqual(["a", "b", "x"]);
    expect(peek(b)).toBe("b");
    expect(dequeue(dequeue(dequeue(ab)))).toEqual(dequeue(dequeue(ab)));
  });

  test("a long-running queue compacts its dead prefix instead of growing without bound", () => {
    let queue = emptyQueue<number>();
    for (let i = 0; i < 100_000; i++) queue = dequeue(enqueue(enqueue(queue, i), -i));
    expect(queueSize(queue)).toBe(100_000);
    expect(queue.buffer.length).toBeLessThan(3 * 100_000);
    let drained = queue;
    for (let i = 0; i < 100_000; i++) drained = enqueue(dequeue(drained), i);
    expect(drained.buffer.length).toBeLessThan(4 * 100_000);
    expect(peek(drained)).toBe(0);
  });
});
