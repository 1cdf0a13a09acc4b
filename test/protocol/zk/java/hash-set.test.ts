// The HashSet model against orders printed by a real JVM (OpenJDK 17): java-hash-set-orders.json comes
// from HashSetOrders.java beside it (how to regenerate it is in that file's header).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  javaHashSetAdd,
  javaHashSetClone,
  javaHashSetKeys,
  javaHashSetRemove,
  javaStringHash,
  newJavaHashSet,
} from "../../../../protocol/zk/java/index.js";

type Fixture = {
  readonly name: string;
  readonly adds: readonly string[];
  readonly removes: readonly string[];
  /** Applied to the clone: a key to add, or "-key" to remove. */
  readonly afterClone: readonly string[];
  readonly set: readonly string[];
  readonly clone: readonly string[];
};

const fixtures: readonly Fixture[] = JSON.parse(
  readFileSync(new URL("./java-hash-set-orders.json", import.meta.url), "utf8"),
);

describe("java.lang.String.hashCode", () => {
  it('is "s[0]*31^(n-1) + s[1]*31^(n-2) + ... + s[n-1]" in int arithmetic', () => {
    expect(javaStringHash("")).toBe(0);
    expect(javaStringHash("a")).toBe(97);
    expect(javaStringHash("ab")).toBe(97 * 31 + 98);
    // Overflow wraps as Java's int does ("hello world".hashCode() on a JVM).
    expect(javaStringHash("hello world")).toBe(1794106052);
    expect(javaStringHash("Aa")).toBe(javaStringHash("BB"));
  });
});

describe("HashSet iteration order, as a JVM prints it", () => {
  it("covers sizes across the resize thresholds, shrunk sets, clones changed after cloning and collisions", () => {
    expect(fixtures.length).toBeGreaterThan(40);
  });
  for (const fixture of fixtures) {
    it(`${fixture.name}: the set and its clone`, () => {
      const set = newJavaHashSet();
      for (const key of fixture.adds) javaHashSetAdd(set, key);
      for (const key of fixture.removes) javaHashSetRemove(set, key);
      expect(javaHashSetKeys(set)).toEqual(fixture.set);
      const clone = javaHashSetClone(set);
      for (const op of fixture.afterClone) {
        if (op.startsWith("-")) javaHashSetRemove(clone, op.slice(1));
        else javaHashSetAdd(clone, op);
      }
      expect(javaHashSetKeys(clone)).toEqual(fixture.clone);
    });
  }

  it("a clone can list keys in another order than its original (its table has another size)", () => {
    const differing = fixtures.filter(
      (f) => f.afterClone.length === 0 && f.set.join() !== f.clone.join(),
    );
    // Two keys: the original has 16 bins, the clone tableSizeFor(2 / 0.75 + 1) = 4.
    expect(differing.map((f) => f.name)).toContain("zk-seq-2");
  });
});
