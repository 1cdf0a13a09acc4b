// The double barrier (reference §7 "Double barrier"): nobody enters before all `members` have joined, and
// nobody leaves before all have finished. Each participant notes `joined` before creating its node and
// `finished` before deleting it, and `entered` / `left` after reading the state that lets it through, so
// in a correct run every `entered` follows every `joined` in simulated time (the create had to be seen).

import {
  atNote,
  notesOf,
  type RecipeNote,
  type RecipeViolation,
  type RecordedObservation,
  seconds,
} from "./records.js";

export function checkDoubleBarrier(
  records: readonly RecordedObservation[],
  members: number,
): RecipeViolation[] {
  const notes = notesOf(records, "double-barrier");
  return [
    ...gate(notes, members, "joined", "entered", "double-barrier-enter"),
    ...gate(notes, members, "finished", "left", "double-barrier-leave"),
  ];
}

/** Every `through` note must come after the first `before` note of each of `members` clients. */
function gate(
  notes: readonly RecipeNote[],
  members: number,
  before: string,
  through: string,
  check: "double-barrier-enter" | "double-barrier-leave",
): RecipeViolation[] {
  const firstAt = new Map<string, number>();
  for (const n of notes) {
    if (n.event === before && !firstAt.has(n.client)) firstAt.set(n.client, n.timeUs);
  }
  const times = [...firstAt.values()].sort((a, b) => a - b);
  const allAt = times.length >= members ? (times[members - 1] ?? 0) : Number.POSITIVE_INFINITY;
  return notes
    .filter((n) => n.event === through && n.timeUs <= allAt)
    .map((n) => ({
      check,
      message: `${n.client} ${through} at ${seconds(n.timeUs)}, before all ${members} members had ${before} (${times.length} by then at most)`,
      at: atNote(n),
    }));
}
