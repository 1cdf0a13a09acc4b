// A canonical text form of JSON values (object keys sorted), used for equality and for state keys.
import type { Json } from "../../api/json.js";

export function isJsonObject(value: Json | undefined): value is { readonly [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function canonicalJson(value: Json): string {
  if (isJsonObject(value)) {
    const names = Object.keys(value).sort();
    const fields = names.map(
      (name) => `${JSON.stringify(name)}:${canonicalJson(value[name] ?? null)}`,
    );
    return `{${fields.join(",")}}`;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  return JSON.stringify(value);
}
