// Reads the JSON-lines history format of data/README.md: one JSON object per line, in real-time order.

import { HistoryError } from "./history-error.js";
import type { HistoryEvent } from "./history-event.js";
import { toHistoryEvent } from "./history-event.js";

/** Parses a whole JSON-lines history. Blank lines are skipped; anything else must be an operation. */
export function readJsonLines(text: string, file: string): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const source = lines[index]?.trim() ?? "";
    if (source === "") continue;
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
