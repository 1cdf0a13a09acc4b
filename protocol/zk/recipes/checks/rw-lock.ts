// The shared lock's property (reference §7 "Shared lock"): readers may overlap each other, a writer
// overlaps nobody. Sections run from the `acquired` note to `released` or `lost`; the holder notes its
// release before deleting its node, so correct runs never overlap. An expiry the holder has not learnt
// of yet (a pause past the session timeout) does overlap: that is the hazard, not a checker error.

import {
  atNote,
  intervalsOf,
  notesOf,
  overlaps,
  type RecipeViolation,
  type RecordedObservation,
  seconds,
  stringField,
  untilText,
} from "./records.js";

export function checkRwLock(records: readonly RecordedObservation[]): RecipeViolation[] {
  const sections = intervalsOf(notesOf(records, "rw-lock"), "acquired", ["released", "lost"], (n) =>
    stringField(n, "lockPath"),
  );
  const violations: RecipeViolation[] = [];
  sections.forEach((a, i) => {
    for (const b of sections.slice(i + 1)) {
      const writer =
        stringField(a.note, "mode") === "write" || stringField(b.note, "mode") === "write";
      if (!writer || !overlaps(a, b)) continue;
      violations.push({
        check: "rw-lock-exclusion",
        message: `${a.client} held ${a.key} from ${seconds(a.fromUs)} to ${untilText(a.toUs)} while ${b.client} held ${b.key} from ${seconds(b.fromUs)}`,
        at: atNote(b.note),
        story: `${a.client} (${stringField(a.note, "mode")}) and ${b.client} (${stringField(b.note, "mode")}) held the shared lock at once from ${seconds(b.fromUs)}: ${a.client} held ${a.key} from ${seconds(a.fromUs)} to ${untilText(a.toUs)}, ${b.client} acquired ${b.key} at ${seconds(b.fromUs)}.`,
      });
    }
  });
  return violations;
}
