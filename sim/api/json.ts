// Plain data that survives a round trip through JSON: what may be written to the simulated disk.

export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [key: string]: Json };

/**
 * What `JSON.parse(JSON.stringify(value))` gives, built without the text: plain objects and arrays copied,
 * properties whose value JSON drops (undefined, functions, symbols) left out, such array items made null,
 * non-finite numbers made null and -0 made 0. Anything else (a class instance, a `toJSON`, a bigint) takes
 * the text round trip itself, so the result is always the round trip's.
 */
export function jsonCopy(value: unknown): Json {
  const copied = copyPlain(value, 0, null);
  // A value JSON drops has no text: the round trip itself says what that gives (it throws).
  if (copied === NOT_PLAIN || copied === DROPPED) return JSON.parse(JSON.stringify(value)) as Json;
  return copied;
}

/**
 * `jsonCopy` of a record without one of its fields, as `const { [field]: _, ...rest } = record` then
 * `jsonCopy(rest)` would give.
 */
export function jsonCopyWithout(
  record: { readonly [key: string]: unknown },
  field: string,
): { readonly [key: string]: Json } {
  const copied = Array.isArray(record) ? NOT_PLAIN : copyPlain(record, 0, field);
  if (copied === NOT_PLAIN || copied === DROPPED || copied === null || typeof copied !== "object") {
    const { [field]: _left, ...rest } = record;
    return JSON.parse(JSON.stringify(rest)) as { readonly [key: string]: Json };
  }
  return copied as { readonly [key: string]: Json };
}

/** Nesting deeper than this takes the text round trip (which reports cycles as JSON does). */
const DEPTH_MAX = 64;
const NOT_PLAIN: unique symbol = Symbol("not plain");
/** What JSON leaves out of an object and writes as null in an array. */
const DROPPED: unique symbol = Symbol("dropped");

/** `omit`: a field left out of this (top-level) object. */
function copyPlain(
  value: unknown,
  depth: number,
  omit: string | null,
): Json | typeof NOT_PLAIN | typeof DROPPED {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value + 0 : null;
    case "undefined":
    case "function":
    case "symbol":
      return DROPPED;
    case "object":
      if (value === null) return null;
      if (depth >= DEPTH_MAX) return NOT_PLAIN;
      return Array.isArray(value)
        ? copyArray(value, depth)
        : copyObject(value as { readonly [key: string]: unknown }, depth, omit);
    default:
      return NOT_PLAIN;
  }
}

function copyArray(value: readonly unknown[], depth: number): Json[] | typeof NOT_PLAIN {
  if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
  const copy: Json[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = copyPlain(value[i], depth + 1, null);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    copy[i] = item === DROPPED ? null : item;
  }
  return copy;
}

function copyObject(
  value: { readonly [key: string]: unknown },
  depth: number,
  omit: string | null,
): { [key: string]: Json } | typeof NOT_PLAIN {
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || "toJSON" in value) return NOT_PLAIN;
  const copy: { [key: string]: Json } = {};
  for (const key of Object.keys(value)) {
    // Assigning this key would set the copy's prototype, where JSON.parse makes an own property.
    if (key === "__proto__") return NOT_PLAIN;
    if (key === omit) continue;
    const item = copyPlain(value[key], depth + 1, null);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== DROPPED) copy[key] = item;
  }
  return copy;
}
