// Chooses the reader for a history: `.edn` files (or text that does not start like a JSON object) are EDN.
import { readEdn } from "./edn-reader.js";
import type { HistoryEvent } from "./history-event.js";
import { readJsonLines } from "./jsonl-reader.js";
import { MAX_HISTORY_EVENTS } from "./limits.js";

export type HistoryFormat = "jsonl" | "edn";

export function detectFormat(text: string, file: string): HistoryFormat {
  if (file.endsWith(".edn")) return "edn";
  if (file.endsWith(".jsonl") || file.endsWith(".json")) return "jsonl";
  const start = text.trimStart();
  return start.startsWith("{") && !start.startsWith("{:") ? "jsonl" : "edn";
}

/**
 * Parses a history file's text; `file` is only used in error messages and to pick the format. At most
 * `maxEvents` events (limits.ts); tests lower it.
 */
export function readHistory(
  text: string,
  file: string,
  maxEvents: number = MAX_HISTORY_EVENTS,
): HistoryEvent[] {
  return detectFormat(text, file) === "edn"
    ? readEdn(text, file, maxEvents)
    : readJsonLines(text, file, maxEvents);
}
