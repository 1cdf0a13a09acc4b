// The client history in the Jepsen-style JSON-lines format of docs/history-formats.md: `time` in nanoseconds of
// simulated time, `process` the client, plus ZooKeeper fields (session, server, zxid) from the reply.
import type { Json } from "../api/index.js";

export interface HistoryEntry {
  /** An integer client, or `"nemesis"` for fault operations. */
  readonly process: number | "nemesis";
  readonly type: "invoke" | "ok" | "fail" | "info";
  readonly f: string;
  readonly value: Json;
  /** Simulated time in nanoseconds. */
  readonly time: number;
  readonly [field: string]: Json;
}

/** One JSON object per line, keys in a fixed order so identical histories are identical bytes. */
export function historyToJsonLines(entries: readonly HistoryEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
}

/**
 * Jepsen's EDN form of the same history (`history.edn`), readable by Knossos and Elle: `:type` and `:f` are
 * keywords, the nemesis process is `:nemesis`, and `:index` is the entry's position (an `index` field of
 * the entry itself is left out, so a map never holds a key twice).
 */
export function historyToEdn(entries: readonly HistoryEntry[]): string {
  return entries.map((entry, index) => `${ednEntry(entry, index)}\n`).join("");
}

function ednEntry(entry: HistoryEntry, index: number): string {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (key === "index") continue;
    if (key === "process") {
      fields.push(`:process ${entry.process === "nemesis" ? ":nemesis" : entry.process}`);
    } else if (key === "type" || key === "f") {
      fields.push(`:${key} ${ednKeyword(String(value))}`);
    } else {
      fields.push(`${ednKeyword(key)} ${ednValue(value as Json)}`);
    }
  }
  fields.push(`:index ${index}`);
  return `{${fields.join(", ")}}`;
}

/**
 * A keyword when the name is one Clojure's reader accepts (no leading digit, no spaces, slashes, colons,
 * quotes or brackets); otherwise a string, so an unusual name never makes the file unreadable.
 */
export function ednKeyword(name: string): string {
  return /^[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>=.-]*$/.test(name) && !/^[+-]\d/.test(name)
    ? `:${name}`
    : JSON.stringify(name);
}

function ednValue(value: Json): string {
  if (value === null) return "nil";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((item: Json) => ednValue(item)).join(" ")}]`;
  const entries = Object.entries(value as { readonly [key: string]: Json });
  return `{${entries.map(([key, item]) => `${ednKeyword(key)} ${ednValue(item)}`).join(", ")}}`;
}
