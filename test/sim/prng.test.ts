import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { Prng, Streams } from "../../sim/prng/index.js";

const draws = (rng: Prng, count: number) => Array.from({ length: count }, () => rng.next());

describe("seeded streams", () => {
  it("a seed and a name give the same stream every time", () => {
    expect(draws(new Prng("7", "network"), 20)).toEqual(draws(new Prng("7", "network"), 20));
  });

  it("different seeds and different names give different streams", () => {
    const base = draws(new Prng("7", "network"), 5);
    expect(draws(new Prng("8", "network"), 5)).not.toEqual(base);
    expect(draws(new Prng("7", "nemesis"), 5)).not.toEqual(base);
  });

  it("a stream does not depend on which other streams were made or drawn from first", () => {
    const a = new Streams(42);
    a.get("workload").next();
    draws(a.get("nemesis"), 100);
    const b = new Streams(42);
    expect(draws(a.get("network"), 10)).toEqual(draws(b.get("network"), 10));
  });

  it("chance(0) and chance(1) decide without drawing, so the stream is not shifted", () => {
    const a = new Prng("1", "x");
    const b = new Prng("1", "x");
    expect(a.chance(0)).toBe(false);
    expect(a.chance(1)).toBe(true);
    expect(a.next()).toBe(b.next());
  });

  test.prop([
    fc.integer(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.integer({ min: 1, max: 1000 }),
  ])("int stays in [min, max)", (seed, min, width) => {
    const rng = new Prng(String(seed), "int");
    for (let i = 0; i < 50; i++) {
      const value = rng.int(min, min + width);
      expect(value).toBeGreaterThanOrEqual(min);
      expect(value).toBeLessThan(min + width);
      expect(Number.isInteger(value)).toBe(true);
    }
  });

  test.prop([fc.array(fc.integer(), { maxLength: 30 }), fc.integer()])(
    "shuffle is a permutation",
    (items, seed) => {
      const shuffled = new Prng(String(seed), "shuffle").shuffle(items);
      expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
    },
  );

  it("chance(p) hits about p of the time", () => {
    const rng = new Prng("3", "chance");
    let hits = 0;
    for (let i = 0; i < 20_000; i++) if (rng.chance(0.25)) hits++;
    expect(hits / 20_000).toBeGreaterThan(0.23);
    expect(hits / 20_000).toBeLessThan(0.27);
  });
});
