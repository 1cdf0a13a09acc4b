import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../sim/queue/index.js";

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
