// Naming (reference §7 "naming"): sequential nodes give unique names; no two `named` notes carry the same
// name.

import {
  atNote,
  notesOf,
  type RecipeViolation,
  type RecordedObservation,
  seconds,
  stringField,
} from "./records.js";

export function checkNaming(records: readonly RecordedObservation[]): RecipeViolation[] {
  const owner = new Map<string, string>();
  const violations: RecipeViolation[] = [];
  for (const n of notesOf(records, "naming").filter((note) => note.event === "named")) {
    const name = stringField(n, "name");
    const earlier = owner.get(name);
    if (earlier !== undefined) {
      violations.push({
        check: "naming-unique",
        message: `${n.client} got the name ${name} at ${seconds(n.timeUs)}, already given to ${earlier}`,
        at: atNote(n),
      });
    }
    owner.set(name, n.client);
  }
  return violations;
}
