// Running the app's `check(notes)`, and finding the note that broke it: the shortest prefix of the notes on
// which check gives the same violation ends with that note (found by bisection, so check runs about log2(n)
// more times). A check of a final state ("every watcher ends on the last version") may reject short prefixes
// for another reason: only a prefix with the very same message counts, so such a violation is located at the
// note whose arrival gives that message.
import type { ViolationAt } from "../../systems/index.js";
import type { AppNote } from "../app-module.js";
import { describeError } from "./describe-error.js";

type Check = (notes: readonly AppNote[]) => unknown;

export function checkNotes(
  check: Check,
  notes: readonly AppNote[],
): { readonly message: string; readonly at?: ViolationAt; readonly story?: string } | null {
  const verdict = verdictOf(check, notes);
  if (verdict === null) return null;
  let good = 0;
  let bad = notes.length;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (verdictOf(check, notes.slice(0, mid)) === verdict) bad = mid;
    else good = mid;
  }
  const note = notes[bad - 1];
  if (note === undefined) return { message: verdict };
  // atMs is the note's simulated µs over 1,000: the µs come back exactly.
  const timeUs = Math.round(note.atMs * 1_000);
  return {
    message: `${verdict} (from note ${bad} of ${notes.length}: ${note.instance} ${note.event} at ${note.atMs} ms)`,
    at: { node: note.instance, timeUs, observed: "app-note", client: note.instance },
    story: `The app's check failed on ${note.instance}'s note ${noteText(note)} at ${(timeUs / 1e6).toFixed(3)} s (note ${bad} of ${notes.length}): ${verdict}.`,
  };
}

/** `"acquired" {path: "/lock"}`: the note's event and its other fields, short. */
function noteText(note: AppNote): string {
  const { instance: _instance, event, atMs: _atMs, ...fields } = note;
  const text = JSON.stringify(fields);
  const short = text.length > 80 ? `${text.slice(0, 79)}…` : text;
  return text === "{}" ? `"${event}"` : `"${event}" ${short}`;
}

/** null for a pass; the message for a violation, also when check throws or answers asynchronously. */
function verdictOf(check: Check, notes: readonly AppNote[]): string | null {
  let answer: unknown;
  try {
    answer = check(notes);
  } catch (error) {
    return `check threw: ${describeError(error)}`;
  }
  if (answer === null || answer === undefined || answer === false || answer === "") return null;
  if (typeof answer === "object" && typeof (answer as { then?: unknown }).then === "function") {
    return "check returned a promise: it must return null or a violation message synchronously";
  }
  return typeof answer === "string" ? answer : JSON.stringify(answer);
}
