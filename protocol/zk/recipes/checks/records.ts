// What the recipe checkers read: the kernel's observation records (the same shape as sim/kernel's
// ObservationRecord), the recipe notes among them, and the violations they report.

import type { Json, NodeId, Observation } from "../../../../sim/api/index.js";

export { formatZxid as hexZxid } from "../../../zab/index.js";

export type RecordedObservation = {
  readonly timeUs: number;
  readonly node: NodeId;
  readonly observation: Observation;
};

/**
 * - `lock-exclusion`: the resource accepted writes of two lock sections interleaved.
 * - `rw-lock-exclusion`: a write section overlapped another section.
 * - `election-term`: two clients led with the same term (the leader node's czxid).
 * - `election-order`: a leader was elected with a term not above its predecessor's.
 * - `election-exclusive`: two clients led at once (only meaningful absent pauses past the session timeout).
 * - `barrier`: a client passed while the barrier node existed.
 * - `double-barrier-enter` / `double-barrier-leave`: a client entered before all joined / left before all
 *   finished.
 * - `queue-once` / `queue-produced`: an item consumed twice / an item consumed that was never produced.
 * - `config-order` / `config-final`: a follower saw values go backwards / ended without the last value.
 * - `membership`: after quiescence, the monitor's list differs from the members whose sessions live.
 * - `naming-unique`: two clients got the same name.
 */
export const recipeCheckNames = [
  "lock-exclusion",
  "rw-lock-exclusion",
  "election-term",
  "election-order",
  "election-exclusive",
  "barrier",
  "double-barrier-enter",
  "double-barrier-leave",
  "queue-once",
  "queue-produced",
  "config-order",
  "config-final",
  "membership",
  "naming-unique",
] as const;
export type RecipeCheckName = (typeof recipeCheckNames)[number];

/**
 * Where a recipe violation shows: the step of `node` at `timeUs` (the client's note, or the resource's write),
 * by the recipe client `client` (its node name, `lock-1`), about `zxid` when one is known.
 */
export type RecipeViolationAt = {
  readonly node: string;
  readonly timeUs: number;
  readonly client: string;
  readonly zxid?: number;
};

export type RecipeViolation = {
  readonly check: RecipeCheckName;
  readonly message: string;
  readonly at?: RecipeViolationAt;
  /** The facts of the failure in a sentence or two; the story writer adds the cluster around them. */
  readonly story?: string;
};

/** Located at the note's step, by its client. */
export function atNote(note: RecipeNote, zxid?: number): RecipeViolationAt {
  return {
    node: note.node,
    timeUs: note.timeUs,
    client: note.client,
    ...(zxid === undefined ? {} : { zxid }),
  };
}

/** "8.001 s" */
export function seconds(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}

/** "9.100 s", or "the end of the run" for an interval never ended. */
export function untilText(us: number): string {
  return Number.isFinite(us) ? seconds(us) : "the end of the run";
}

/** A program's note: `{kind: "recipe", recipe, client, event, ...fields}`. */
export type RecipeNote = {
  readonly timeUs: number;
  /** The node that noted it (the client's own). */
  readonly node: string;
  readonly client: string;
  readonly event: string;
  readonly fields: Observation;
};

export function notesOf(records: readonly RecordedObservation[], recipe: string): RecipeNote[] {
  return records
    .filter((r) => r.observation.kind === "recipe" && r.observation.recipe === recipe)
    .map((r) => ({
      timeUs: r.timeUs,
      node: r.node,
      client: String(r.observation.client),
      event: String(r.observation.event),
      fields: r.observation,
    }));
}

export function numberField(note: RecipeNote, key: string): number | null {
  const value: Json | undefined = note.fields[key];
  return typeof value === "number" ? value : null;
}

export function stringField(note: RecipeNote, key: string): string {
  const value: Json | undefined = note.fields[key];
  return typeof value === "string" ? value : String(value);
}

/** A holding interval: from one note to the note that ends it (or the end of the run). */
export type Interval = {
  readonly client: string;
  readonly key: string;
  readonly fromUs: number;
  readonly toUs: number;
  readonly note: RecipeNote;
};

/**
 * Pairs each `start` note with the next `end` note of the same client and key; an interval never ended
 * lasts to the end of the run.
 */
export function intervalsOf(
  notes: readonly RecipeNote[],
  start: string,
  ends: readonly string[],
  keyOf: (note: RecipeNote) => string,
): Interval[] {
  const open = new Map<string, RecipeNote>();
  const done: Interval[] = [];
  for (const note of notes) {
    const id = `${note.client} ${keyOf(note)}`;
    if (note.event === start) open.set(id, note);
    const began = open.get(id);
    if (ends.includes(note.event) && began !== undefined) {
      done.push({
        client: note.client,
        key: keyOf(note),
        fromUs: began.timeUs,
        toUs: note.timeUs,
        note: began,
      });
      open.delete(id);
    }
  }
  for (const began of open.values()) {
    done.push({
      client: began.client,
      key: keyOf(began),
      fromUs: began.timeUs,
      toUs: Number.POSITIVE_INFINITY,
      note: began,
    });
  }
  return done.sort((a, b) => a.fromUs - b.fromUs || compareText(a.client, b.client));
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.fromUs < b.toUs && b.fromUs < a.toUs;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
