// Configuration management (reference §7 "config node + data watch"): a follower that reads the config
// node and re-reads on every watch event sees its values in write order (never going backwards) and,
// once the run is quiescent, ends with the last value written.

import { notesOf, numberField, type RecipeViolation, type RecordedObservation } from "./records.js";

export function checkConfig(
  records: readonly RecordedObservation[],
  options: { readonly quiescent: boolean },
): RecipeViolation[] {
  const notes = notesOf(records, "config");
  const written = notes.filter((n) => n.event === "wrote").map((n) => numberField(n, "value") ?? 0);
  const last = Math.max(0, ...written);
  const violations: RecipeViolation[] = [];
  const lastSeen = new Map<string, number>();
  for (const n of notes.filter((note) => note.event === "saw")) {
    const value = numberField(n, "value") ?? 0;
    const before = lastSeen.get(n.client) ?? Number.NEGATIVE_INFINITY;
    if (value < before) {
      violations.push({
        check: "config-order",
        message: `${n.client} saw ${value} at ${n.timeUs}us after it had seen ${before}`,
      });
    }
    lastSeen.set(n.client, value);
  }
  if (!options.quiescent) return violations;
  for (const [client, value] of [...lastSeen].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (value === last) continue;
    violations.push({
      check: "config-final",
      message: `${client} ended with ${value}, but the last value written was ${last}`,
    });
  }
  return violations;
}
