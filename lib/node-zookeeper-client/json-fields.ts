// Reading the plain data (Json) of a zabsim answer: objects, strings and lists by field.
import type { Json } from "../../sim/api/index.js";

export type Fields = { readonly [key: string]: Json };

export function isFields(value: Json | undefined): value is Fields {
  return (
    value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value)
  );
}

export function isList(value: Json | undefined): value is readonly Json[] {
  return Array.isArray(value);
}

export function fieldsOf(value: Json | undefined): Fields {
  return isFields(value) ? value : {};
}

/** A string field; zabsim always sends the ones read here, so a missing one is a bug in the seam. */
export function stringOf(value: Json | undefined, what: string): string {
  if (typeof value !== "string") throw new Error(`zabsim answer without a string ${what}`);
  return value;
}
