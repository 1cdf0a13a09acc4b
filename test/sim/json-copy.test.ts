// jsonCopy gives what a JSON text round trip gives, without the text: the same values, keys in the same order,
// the same things dropped or nulled, and the same errors.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { jsonCopy, jsonCopyWithout } from "../../sim/api/index.js";

function roundTrip(value: unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(JSON.stringify(value)) };
  } catch {
    return { ok: false };
  }
}

function attempt(value: unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: jsonCopy(value) };
  } catch {
    return { ok: false };
  }
}

/** Equal as values, with object keys in the same order and -0 told from 0. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null)
    return Object.is(a, b);
  if (
    Array.isArray(a) !== Array.isArray(b) ||
    Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)
  )
    return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join("\u0000") !== keysB.join("\u0000")) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => same(recordA[key], recordB[key]));
}

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  withSpecialNumbers: true,
} as never);

test.prop([anything], { numRuns: 2_000 })(
  "any value: the round trip's result or its error",
  (value) => {
    const expected = roundTrip(value);
    const got = attempt(value);
    expect(got.ok).toBe(expected.ok);
    if (got.ok && expected.ok) expect(same(got.value, expected.value)).toBe(true);
  },
);

test.prop([fc.jsonValue()], { numRuns: 500 })(
  "a JSON value: an equal copy (-0 made 0)",
  (value) => {
    expect(same(jsonCopy(value), JSON.parse(JSON.stringify(value)))).toBe(true);
  },
);

test.prop([fc.dictionary(fc.string(), anything), fc.string()], { numRuns: 1_000 })(
  "a record without a field: the round trip of the rest",
  (record, field) => {
    const { [field]: _left, ...rest } = record;
    const expected = roundTrip(rest);
    let got: { ok: true; value: unknown } | { ok: false };
    try {
      got = { ok: true, value: jsonCopyWithout(record, field) };
    } catch {
      got = { ok: false };
    }
    expect(got.ok).toBe(expected.ok);
    if (got.ok && expected.ok) expect(same(got.value, expected.value)).toBe(true);
  },
);

test("dropped, nulled and normalised as JSON does", () => {
  const value = {
    a: undefined,
    b: () => 1,
    c: [undefined, Number.NaN, -0, Infinity],
    d: -0,
    "1": 2,
  };
  const copy = jsonCopy(value);
  expect(same(copy, { "1": 2, c: [null, null, 0, null], d: 0 })).toBe(true);
  expect(same(jsonCopy(JSON.parse('{"__proto__": 1}')), JSON.parse('{"__proto__": 1}'))).toBe(true);
  expect(() => jsonCopy({ n: 1n })).toThrow();
});
