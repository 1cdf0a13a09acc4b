// Delta debugging finds a small failing subset and respects its budget.
import { describe, expect, it } from "vitest";
import { ddmin, decided, settled } from "../../scenarios/shrink/index.js";

describe("ddmin", () => {
  it("reduces to the items the failure needs", () => {
    const items = Array.from({ length: 40 }, (_, i) => i);
    const fails = (subset: readonly number[]) => subset.includes(7) && subset.includes(31);
    expect(settled(ddmin(items, (s) => decided(fails(s)), { runs: 1_000 }))).toEqual([7, 31]);
  });

  it("stops when the budget is spent, keeping a subset that still fails", () => {
    const items = Array.from({ length: 40 }, (_, i) => i);
    const budget = { runs: 3 };
    const kept = settled(ddmin(items, (subset) => decided(subset.includes(3)), budget));
    expect(budget.runs).toBe(0);
    expect(kept).toContain(3);
  });
});
