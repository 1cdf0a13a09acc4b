// The queue (reference §7 "Queue"): each element (a sequential node) is consumed at most once, and only
// produced items are consumed. A consumer notes `consumed` only when its delete of the element succeeded;
// a producer notes `produced` before its create (a lost answer may still have created it).

import {
  atNote,
  notesOf,
  type RecipeViolation,
  type RecordedObservation,
  seconds,
  stringField,
} from "./records.js";

export function checkQueue(records: readonly RecordedObservation[]): RecipeViolation[] {
  const notes = notesOf(records, "queue");
  const produced = new Set(
    notes.filter((n) => n.event === "produced").map((n) => stringField(n, "item")),
  );
  const consumedBy = new Map<string, string>();
  const violations: RecipeViolation[] = [];
  for (const n of notes.filter((note) => note.event === "consumed")) {
    const path = stringField(n, "path");
    const item = stringField(n, "item");
    const earlier = consumedBy.get(path);
    if (earlier !== undefined) {
      violations.push({
        check: "queue-once",
        message: `${n.client} consumed ${path} (${item}) at ${seconds(n.timeUs)}, already consumed by ${earlier}`,
        at: atNote(n),
      });
    }
    consumedBy.set(path, n.client);
    if (!produced.has(item)) {
      violations.push({
        check: "queue-produced",
        message: `${n.client} consumed ${item} from ${path} at ${seconds(n.timeUs)}, which nobody produced`,
        at: atNote(n),
      });
    }
  }
  return violations;
}
