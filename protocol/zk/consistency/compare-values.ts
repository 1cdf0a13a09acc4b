// Comparing a recorded answer with the expected one. Stat times (ctime, mtime) come from the leader's clock,
// which a history does not carry, so no comparison looks at them; the linearizability model also ignores
// the fields that name zxids and sessions, which a sequential model cannot know.

import type { Json } from "../../../sim/api/index.js";

/** `zxid-exact`: everything but times. `order-only`: also czxid/mzxid/pzxid; ephemeralOwner as a flag. */
export type Comparison = "zxid-exact" | "order-only";

const TIME_FIELDS: ReadonlySet<string> = new Set(["ctime", "mtime"]);
const ZXID_FIELDS: ReadonlySet<string> = new Set(["czxid", "mzxid", "pzxid"]);

function isObject(value: Json | undefined): value is { readonly [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A canonical string of `value` with the ignored fields left out (object keys sorted). */
export function comparableText(value: Json, comparison: Comparison): string {
  if (Array.isArray(value)) {
    return `[${value.map((item: Json) => comparableText(item, comparison)).join(",")}]`;
  }
  if (!isObject(value)) return JSON.stringify(value);
  const parts: string[] = [];
  for (const name of Object.keys(value).sort()) {
    const item = value[name];
    if (item === undefined || TIME_FIELDS.has(name)) continue;
    if (comparison === "order-only" && ZXID_FIELDS.has(name)) continue;
    const shown = comparison === "order-only" && name === "ephemeralOwner" ? item !== 0 : item;
    parts.push(`${JSON.stringify(name)}:${comparableText(shown, comparison)}`);
  }
  return `{${parts.join(",")}}`;
}

/**
 * Whether two values have the same comparable text, decided without building the texts: the text is JSON of
 * the value with fields left out and keys sorted, so equal texts are equal structures. The rare values whose
 * text is not plain JSON (an undefined array item, a non-finite number) are compared by their texts.
 */
export function sameValue(expected: Json, got: Json, comparison: Comparison): boolean {
  const same = sameStructure(expected, got, comparison);
  if (same !== undefined) return same;
  return comparableText(expected, comparison) === comparableText(got, comparison);
}

/** Equal, different, or undefined when only the texts can tell. */
function sameStructure(
  a: Json | undefined,
  b: Json | undefined,
  comparison: Comparison,
): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return true;
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
    // Unequal primitives have unequal JSON texts, but for non-finite numbers (written as null).
    const finite = (v: Json) => typeof v !== "number" || Number.isFinite(v);
    return finite(a) && finite(b) ? false : undefined;
  }
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) return sameItems(a as readonly Json[], b as readonly Json[], comparison);
  return sameFields(
    a as { readonly [key: string]: Json },
    b as { readonly [key: string]: Json },
    comparison,
  );
}

function sameItems(
  a: readonly Json[],
  b: readonly Json[],
  comparison: Comparison,
): boolean | undefined {
  if (a.length !== b.length)
    return a.includes(undefined as never) || b.includes(undefined as never) ? undefined : false;
  let verdict: boolean | undefined = true;
  for (let i = 0; i < a.length; i++) {
    const same = sameStructure(a[i], b[i], comparison);
    if (same === undefined) return undefined;
    if (!same) verdict = false;
  }
  return verdict;
}

/** Whether the comparable text keeps this field of `value`. */
function kept(
  value: { readonly [key: string]: Json },
  name: string,
  comparison: Comparison,
): boolean {
  if (value[name] === undefined || TIME_FIELDS.has(name)) return false;
  return comparison !== "order-only" || !ZXID_FIELDS.has(name);
}

function keptCount(value: { readonly [key: string]: Json }, comparison: Comparison): number {
  let count = 0;
  for (const name of Object.keys(value)) if (kept(value, name, comparison)) count++;
  return count;
}

/** Same kept fields (as sets: the texts sort them) with the same values. */
function sameFields(
  a: { readonly [key: string]: Json },
  b: { readonly [key: string]: Json },
  comparison: Comparison,
): boolean | undefined {
  if (keptCount(a, comparison) !== keptCount(b, comparison)) return false;
  let verdict: boolean | undefined = true;
  for (const name of Object.keys(a)) {
    if (!kept(a, name, comparison)) continue;
    // An own enumerable field, as Object.keys lists them; not one inherited from the prototype.
    if (!Object.prototype.propertyIsEnumerable.call(b, name) || !kept(b, name, comparison))
      return false;
    const ownerFlag = comparison === "order-only" && name === "ephemeralOwner";
    const left = ownerFlag ? a[name] !== 0 : a[name];
    const right = ownerFlag ? b[name] !== 0 : b[name];
    const same = sameStructure(left, right, comparison);
    if (same === undefined) return undefined;
    if (!same) verdict = false;
  }
  return verdict;
}
