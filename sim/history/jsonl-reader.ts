// Reads the JSON-lines history format of docs/history-formats.md: one JSON object per line, in real-time order.

import { HistoryError } from "./history-error.js";
import type { HistoryEvent } from "./history-event.js";
import { toHistoryEvent } from "./history-event.js";
import {
  jsonTooDeepAt,
  MAX_HISTORY_EVENTS,
  tooDeepMessage,
  tooManyEventsMessage,
} from "./limits.js";

/**
 * Parses a whole JSON-lines history. Blank lines are skipped; anything else must be an operation. A line
 * nested deeper than MAX_NESTING_DEPTH, or more than MAX_HISTORY_EVENTS events, is refused (limits.ts).
 */
export function readJsonLines(
  text: string,
  file: string,
  maxEvents: number = MAX_HISTORY_EVENTS,
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const source = lines[index]?.trim() ?? "";
    if (source === "") continue;
    if (events.length >= maxEvents) {
      throw new HistoryError(file, index + 1, null, tooManyEventsMessage(maxEvents));
    }
    if (jsonTooDeepAt(source) >= 0) throw new HistoryError(file, index + 1, null, tooDeepMessage());
    let raw: unknown;
    try {
      raw = JSON.parse(source);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new HistoryError(file, index + 1, null, `not valid JSON (${reason})`);
    }
    events.push(toHistoryEvent(raw, file, index + 1));
  }
  return events;
}
