import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { LayeredMap } from "../../../../protocol/zk/data-tree/layered-map.js";

type Value = { readonly n: number };
type Step = { readonly op: "set" | "delete"; readonly key: string; readonly n: number };

/** Few enough keys that sets, deletes and sets again of one key are common, enough that the delta folds. */
const step = fc.record({
  op: fc.constantFrom<"set" | "delete">("set", "set", "delete"),
  key: fc.constantFrom(...Array.from({ length: 48 }, (_, i) => `/k${i}`)),
  n: fc.nat(1_000),
});

/** Each batch is one draft (one apply); every map made is kept and checked again at the end. */
const batches = fc.array(fc.array(step, { maxLength: 8 }), { maxLength: 150 });

function applyTo(map: Map<string, Value>, steps: readonly Step[]): void {
  for (const { op, key, n } of steps) {
    if (op === "set") map.set(key, { n });
    else map.delete(key);
  }
}

function entriesOf(map: ReadonlyMap<string, Value>): [string, number][] {
  return [...map].map(([key, value]) => [key, value.n]);
}

describe("LayeredMap", () => {
  test.prop([fc.array(step, { maxLength: 8 }), batches])(
    "iterates, looks up and sizes exactly as a Map given the same writes, and old versions never change",
    (initial, drafts) => {
      const reference = new Map<string, Value>();
      applyTo(reference, initial);
      let layered = LayeredMap.over(new Map(reference));
      const kept: [LayeredMap<Value>, [string, number][]][] = [];
      for (const steps of drafts) {
        const draft = layered.edit();
        for (const { op, key, n } of steps) {
          applyTo(reference, [{ op, key, n }]);
          if (op === "set") draft.set(key, { n });
          else draft.delete(key);
          expect(draft.get(key)?.n).toBe(reference.get(key)?.n);
        }
        layered = draft.done();
        expect(entriesOf(layered)).toEqual(entriesOf(reference));
        expect(layered.size).toBe(reference.size);
        for (let i = 0; i < 48; i++) expect(layered.has(`/k${i}`)).toBe(reference.has(`/k${i}`));
        kept.push([layered, entriesOf(reference)]);
      }
      for (const [map, entries] of kept) expect(entriesOf(map)).toEqual(entries);
    },
  );

  it("folds the delta into a new base once it outgrows the square root of the tree", () => {
    const base = new Map(Array.from({ length: 100 }, (_, i) => [`/n${i}`, { n: i }]));
    let layered = LayeredMap.over(base);
    for (let i = 0; i < 40; i++) {
      const draft = layered.edit();
      draft.set(`/new${i}`, { n: i });
      layered = draft.done();
    }
    // A base written by a draft would show the new keys through the first map; it shows none.
    expect(LayeredMap.over(base).size).toBe(100);
    expect([...base.keys()].some((key) => key.startsWith("/new"))).toBe(false);
    expect(layered.size).toBe(140);
    expect(layered.deltaSize).toBeLessThanOrEqual(16 + Math.floor(Math.sqrt(140)));
    expect(layered.deltaSize).toBeLessThan(40);
    expect([...layered.keys()].slice(-1)).toEqual(["/new39"]);
  });
});
