// Leader election (reference §7 "Leader election"): a term is the czxid of the leader's node. At most one
// client leads per term; each new leader's term is above the previous one's; and, unless `exclusive` is
// off (runs with pauses past the session timeout, where an expired leader only learns of it later), no
// two clients lead at once. Leadership runs from `elected` to `resigned` or `lost`.

import {
  atNote,
  hexZxid,
  intervalsOf,
  notesOf,
  numberField,
  overlaps,
  type RecipeViolation,
  type RecordedObservation,
  seconds,
  untilText,
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
        message: `${note.client} and ${other} both led term ${hexZxid(term)}`,
        at: atNote(note, term),
      });
    }
    leaderOf.set(term, note.client);
    if (term <= lastTerm) {
      violations.push({
        check: "election-order",
        message: `${note.client} was elected at ${seconds(note.timeUs)} with term ${hexZxid(term)}, not above the previous term ${hexZxid(lastTerm)}`,
        at: atNote(note, term),
      });
    }
    lastTerm = Math.max(lastTerm, term);
  }
  if (options.exclusive) violations.push(...overlapping(notes));
  return violations;
}

function overlapping(notes: ReturnType<typeof notesOf>): RecipeViolation[] {
  const terms = intervalsOf(notes, "elected", ["resigned", "lost"], (n) =>
    hexZxid(numberField(n, "term") ?? -1),
  );
  const violations: RecipeViolation[] = [];
  terms.forEach((a, i) => {
    for (const b of terms.slice(i + 1)) {
      if (a.client === b.client || !overlaps(a, b)) continue;
      violations.push({
        check: "election-exclusive",
        message: `${a.client} led term ${a.key} from ${seconds(a.fromUs)} to ${untilText(a.toUs)} while ${b.client} led term ${b.key} from ${seconds(b.fromUs)}`,
        at: atNote(b.note, numberField(b.note, "term") ?? undefined),
        story: `${a.client} and ${b.client} led at once from ${seconds(b.fromUs)}: ${a.client} had been elected at ${seconds(a.fromUs)} (term ${a.key}) and led until ${untilText(a.toUs)}; ${b.client} was elected at ${seconds(b.fromUs)} (term ${b.key}).`,
      });
    }
  });
  return violations;
}
