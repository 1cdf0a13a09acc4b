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

export function sameValue(expected: Json, got: Json, comparison: Comparison): boolean {
  return comparableText(expected, comparison) === comparableText(got, comparison);
}
