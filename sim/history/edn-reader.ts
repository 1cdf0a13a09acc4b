// Reads a Jepsen `history.edn`: keywords become strings (`:invoke` -> "invoke", `:nemesis` -> "nemesis"),
// `nil` becomes null, vectors and lists become arrays, and tagged operations (`#jepsen.history.Op{...}`)
// are read as their map.
import { parseEDNString } from "edn-data";
import { splitEdnOperations } from "./edn-forms.js";
import { HistoryError } from "./history-error.js";
import type { HistoryEvent } from "./history-event.js";
import { toHistoryEvent } from "./history-event.js";

const EDN_OPTIONS = {
  mapAs: "object",
  keywordAs: "string",
  listAs: "array",
  setAs: "array",
  symbolAs: "string",
  charAs: "string",
} as const;

function untag(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "tag" in value && "val" in value) {
    return typeof value.tag === "string" ? value.val : value;
  }
  return value;
}

/** Parses a whole EDN history. */
export function readEdn(text: string, file: string): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const form of splitEdnOperations(text, file)) {
    let raw: unknown;
    try {
      raw = parseEDNString(form.text, EDN_OPTIONS);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new HistoryError(file, form.line, null, `not valid EDN (${reason})`);
    }
    events.push(toHistoryEvent(untag(raw), file, form.line));
  }
  return events;
}
