import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { EventQueue, isBefore } from "../../sim/queue/index.js";

interface Item {
  readonly time: number;
  seq: number;
  readonly id: number;
}

describe("event queue", () => {
  it("orders by time, then by insertion", () => {
    const queue = new EventQueue<Item>();
    for (const [time, id] of [
      [5, 0],
      [1, 1],
      [5, 2],
      [1, 3],
      [0, 4],
    ] as const) {
      queue.push({ time, seq: 0, id });
    }
    const order: number[] = [];
    for (let item = queue.pop(); item !== undefined; item = queue.pop()) order.push(item.id);
    expect(order).toEqual([4, 1, 3, 0, 2]);
  });

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 300 }),
  ])("pops exactly the stable sort by time of what was pushed, with pops interleaved", (ops) => {
    const queue = new EventQueue<Item>();
    const model: Item[] = [];
    const popped: number[] = [];
    const expected: number[] = [];
    let id = 0;
    let floor = 0;
    for (const [delta, popNow] of ops) {
      const item = { time: floor + delta, seq: 0, id: id++ };
      queue.push(item);
      model.push(item);
      if (popNow) {
        model.sort((a, b) => a.time - b.time || a.seq - b.seq);
        const next = model.shift();
        const got = queue.pop();
        if (next !== undefined && got !== undefined) {
          expected.push(next.id);
          popped.push(got.id);
          floor = got.time;
        }
      }
    }
    expect(popped).toEqual(expected);
    expect(queue.size).toBe(model.length);
  });
});

describe("event queue: a sweep's schedule", () => {
  // The schedule's gaps come from a small generator seeded by fast-check, so a failing case shrinks over
  // a seed and a short list of inserts, not over an array of thousands of gaps.
  test.prop(
    [
      fc.integer(),
      fc.array(fc.tuple(fc.nat({ max: 8_999 }), fc.integer({ min: 0, max: 40 })), {
        maxLength: 200,
      }),
    ],
    { numRuns: 40 },
  )(
    "a long schedule pushed in time order, then events scheduled as it runs, pops in (time, seq) order",
    (seed, inserts) => {
      // Thousands of pre-submitted events in order (a sweep's workload and fault schedule), then events
      // scheduled while popping (messages, timers) at or after the current time, as the kernel does.
      const queue = new EventQueue<Item>();
      let state = seed | 1;
      let time = 0;
      let id = 0;
      for (let i = 0; i < 9_000; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        time += (state >>> 0) % 6;
        queue.push({ time, seq: 0, id: id++ });
      }
      const insertAt = new Map(inserts.map(([at, delay]) => [at, delay]));
      let last: Item | undefined;
      let popped = 0;
      for (; queue.size > 0; popped++) {
        const item = queue.pop();
        if (item === undefined) throw new Error("a queue with events popped none");
        if (last !== undefined && !isBefore(last, item))
          throw new Error(
            `pop ${popped}: (${item.time}, ${item.seq}) after (${last.time}, ${last.seq})`,
          );
        last = item;
        const delay = insertAt.get(popped);
        if (delay !== undefined) queue.push({ time: item.time + delay, seq: 0, id: id++ });
      }
      expect(popped).toBe(id);
      expect(queue.pop()).toBeUndefined();
    },
  );
});
