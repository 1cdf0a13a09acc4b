// Reads a Jepsen `history.edn`: keywords become strings (`:invoke` -> "invoke", `:nemesis` -> "nemesis"),
// `nil` becomes null, vectors and lists become arrays, and tagged operations (`#jepsen.history.Op{...}`)
// are read as their map.
import { createRequire } from "node:module";
import type * as EdnData from "edn-data";
import { splitEdnOperations } from "./edn-forms.js";
import { HistoryError } from "./history-error.js";
import type { HistoryEvent } from "./history-event.js";
import { toHistoryEvent } from "./history-event.js";
import { MAX_HISTORY_EVENTS, tooManyEventsMessage } from "./limits.js";

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

/**
 * edn-data is loaded by the first EDN history rather than at import, so that reading JSON lines (`zabsim
 * check` on a .jsonl file, every run directory) does not pay for loading a CommonJS package into ESM.
 */
function ednData(): typeof EdnData {
  return createRequire(import.meta.url)("edn-data") as typeof EdnData;
}

/** Parses a whole EDN history; nesting and size are bounded as for JSON lines (limits.ts). */
export function readEdn(
  text: string,
  file: string,
  maxEvents: number = MAX_HISTORY_EVENTS,
): HistoryEvent[] {
  const { parseEDNString } = ednData();
  const events: HistoryEvent[] = [];
  const forms = splitEdnOperations(text, file);
  const past = forms[maxEvents];
  if (past !== undefined) {
    throw new HistoryError(file, past.line, null, tooManyEventsMessage(maxEvents));
  }
  for (const form of forms) {
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
