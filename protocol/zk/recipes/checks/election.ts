// Leader election (reference §7 "Leader election"): a term is the czxid of the leader's node. At most one
// client leads per term; each new leader's term is above the previous one's; and, unless `exclusive` is
// off (runs with pauses past the session timeout, where an expired leader only learns of it later), no
// two clients lead at once. Leadership runs from `elected` to `resigned` or `lost`.

import {
  intervalsOf,
  notesOf,
  numberField,
  overlaps,
  type RecipeViolation,
  type RecordedObservation,
} from "./records.js";

export function checkElection(
  records: readonly RecordedObservation[],
  options: { readonly exclusive: boolean } = { exclusive: true },
): RecipeViolation[] {
  const notes = notesOf(records, "election");
  const violations: RecipeViolation[] = [];
  const leaderOf = new Map<number, string>();
  let lastTerm = Number.NEGATIVE_INFINITY;
  for (const note of notes.filter((n) => n.event === "elected")) {
    const term = numberField(note, "term") ?? -1;
    const other = leaderOf.get(term);
    if (other !== undefined && other !== note.client) {
      violations.push({
        check: "election-term",
        message: `${note.client} and ${other} both led term ${term}`,
      });
    }
    leaderOf.set(term, note.client);
    if (term <= lastTerm) {
      violations.push({
        check: "election-order",
        message: `${note.client} was elected at ${note.timeUs}us with term ${term}, not above the previous term ${lastTerm}`,
      });
    }
    lastTerm = Math.max(lastTerm, term);
  }
  if (options.exclusive) violations.push(...overlapping(notes));
  return violations;
}

function overlapping(notes: ReturnType<typeof notesOf>): RecipeViolation[] {
  const terms = intervalsOf(notes, "elected", ["resigned", "lost"], (n) =>
    String(numberField(n, "term")),
  );
  const violations: RecipeViolation[] = [];
  terms.forEach((a, i) => {
    for (const b of terms.slice(i + 1)) {
      if (a.client === b.client || !overlaps(a, b)) continue;
      violations.push({
        check: "election-exclusive",
        message: `${a.client} led term ${a.key} from ${a.fromUs}us to ${a.toUs}us while ${b.client} led term ${b.key} from ${b.fromUs}us`,
      });
    }
  });
  return violations;
}
