// Configuration management (reference §7 "config node + data watch"): a follower that reads the config
// node and re-reads on every watch event sees its values in write order (never going backwards) and,
// once the run is quiescent, ends with the last value written.

import {
  atNote,
  notesOf,
  numberField,
  type RecipeNote,
  type RecipeViolation,
  type RecordedObservation,
  seconds,
} from "./records.js";

export function checkConfig(
  records: readonly RecordedObservation[],
  options: { readonly quiescent: boolean },
): RecipeViolation[] {
  const notes = notesOf(records, "config");
  const written = notes.filter((n) => n.event === "wrote").map((n) => numberField(n, "value") ?? 0);
  const last = Math.max(0, ...written);
  const violations: RecipeViolation[] = [];
  const lastSeen = new Map<string, { readonly value: number; readonly note: RecipeNote }>();
  for (const n of notes.filter((note) => note.event === "saw")) {
    const value = numberField(n, "value") ?? 0;
    const before = lastSeen.get(n.client);
    if (before !== undefined && value < before.value) {
      violations.push({
        check: "config-order",
        message: `${n.client} saw ${value} at ${seconds(n.timeUs)} after it had seen ${before.value} at ${seconds(before.note.timeUs)}`,
        at: atNote(n),
      });
    }
    lastSeen.set(n.client, { value, note: n });
  }
  if (!options.quiescent) return violations;
  for (const [client, seen] of [...lastSeen].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (seen.value === last) continue;
    violations.push({
      check: "config-final",
      message: `${client} ended with ${seen.value} (seen at ${seconds(seen.note.timeUs)}), but the last value written was ${last}`,
      at: atNote(seen.note),
    });
  }
  return violations;
}
