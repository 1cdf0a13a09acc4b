// Group membership (reference §7 "Group membership"): members create an ephemeral child each; a monitor
// lists the children with a watch and lists again on every event. After quiescence the monitor's last list
// must be exactly the members whose sessions live: those whose last note is `joined` (a member notes `left`
// before deleting its node and `expired` when it learns its session is gone).

import {
  atNote,
  compareText,
  notesOf,
  type RecipeViolation,
  type RecordedObservation,
  seconds,
  stringField,
} from "./records.js";

export function checkMembership(records: readonly RecordedObservation[]): RecipeViolation[] {
  const notes = notesOf(records, "membership");
  const state = new Map<string, boolean>();
  for (const n of notes) {
    if (n.event === "joined") state.set(stringField(n, "member"), true);
    if (n.event === "left" || n.event === "expired") state.set(stringField(n, "member"), false);
  }
  const alive = [...state]
    .filter(([, live]) => live)
    .map(([member]) => member)
    .sort(compareText);
  const lists = notes.filter((n) => n.event === "members");
  const last = lists.at(-1);
  if (last === undefined) return [];
  const listed = last.fields.members;
  const seen = (Array.isArray(listed) ? listed.map(String) : []).sort(compareText);
  if (seen.join(",") === alive.join(",")) return [];
  return [
    {
      check: "membership",
      message: `the monitor ${last.client} last listed [${seen.join(", ")}] at ${seconds(last.timeUs)}, but the live members are [${alive.join(", ")}]`,
      at: atNote(last),
    },
  ];
}
