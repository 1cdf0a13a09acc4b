// sameValue decides what comparing the two comparable texts decides, without building them: over values
// drawn from a small domain (so equal ones are common), with the ignored fields, key orders, nested arrays
// and the values whose text is not plain JSON (undefined items, non-finite numbers).
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import {
  type Comparison,
  comparableText,
  sameValue,
} from "../../../../protocol/zk/consistency/index.js";
import type { Json } from "../../../../sim/api/index.js";

const KEYS = ["a", "b", "ctime", "mtime", "czxid", "pzxid", "ephemeralOwner", "data"];

const value: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<Json>(
      0,
      1,
      2,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null,
      true,
      "x",
      "1",
      "",
    ),
    fc.constant(undefined as unknown as Json),
    fc.array(tie("value"), { maxLength: 3 }),
    fc
      .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie("value")), {
        maxLength: 4,
        selector: ([key]) => key,
      })
      .map((entries) => Object.fromEntries(entries) as Json),
  ),
})).value;

const comparison = fc.constantFrom<Comparison>("zxid-exact", "order-only");

/** A copy with its keys in reverse order at every level: the texts sort keys, so it compares equal. */
function reordered(v: Json): Json {
  if (Array.isArray(v)) return v.map(reordered);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, item]) => [k, reordered(item)]),
  );
}

test.prop([value, value, comparison], { numRuns: 3_000 })(
  "two values: the same answer as comparing their texts",
  (a, b, how) => {
    expect(sameValue(a, b, how)).toBe(comparableText(a, how) === comparableText(b, how));
  },
);

test.prop([value, comparison], { numRuns: 1_000 })(
  "a value and its reordered copy: the same answer as comparing their texts",
  (a, how) => {
    const b = reordered(a);
    expect(sameValue(a, b, how)).toBe(comparableText(a, how) === comparableText(b, how));
  },
);
