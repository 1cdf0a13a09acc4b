// The placement search, part by part (check-zookeeper.ts): each component of the history
// (placement-components.ts) is searched on its own, with only its operations, events and unanswered
// writes, so a wrong guess about one znode is never retried under every guess about the others. Within a
// component the positions are cut into segments where no unanswered write's slots straddle the cut. What
// happens in a segment depends only on the state it starts from, so a start state from which the rest of
// the history failed is not searched again, and each walk recurses no deeper than its own segment.
//
// Every rule checked here is one the full judge applies (placement-search.ts), so a component with no
// way through refutes the history; a placement found per component is only a candidate, which the caller
// judges by all the rules.

import type { DataTree } from "../data-tree/index.js";
import { emptyTree } from "../data-tree/index.js";
import { FailedStates } from "./failed-states.js";
import { firstAbove, statZxids } from "./info-placement.js";
import type { Components } from "./placement-components.js";
import {
  PlacementWalk,
  type Position,
  positionsOf,
  readText,
  type SearchInput,
} from "./placement-search.js";
import type { ZkOperation } from "./zk-operation.js";

export type ComponentOutcome =
  | { readonly kind: "found"; readonly placement: readonly (number | null)[] }
  /** No placement of this component's unanswered writes passes its rules: the history fails. */
  | { readonly kind: "refuted"; readonly component: number }
  /** Out of budget, or more distinct states than the frontier holds. */
  | { readonly kind: "cut" };

type Assigned = { readonly writer: number; readonly zxid: number };

/** `infoOps[i]` is the operation of `input.infoWrites[i]`; `stepsMax` bounds all the walks together. */
export function searchByComponent(
  input: SearchInput,
  infoOps: readonly ZkOperation[],
  components: Components,
  stepsMax: number,
): ComponentOutcome {
  const found: { part: ReturnType<typeof partOf>; outcome: Found }[] = [];
  let budget = stepsMax;
  for (let component = 0; component < components.count; component++) {
    const part = partOf(input, infoOps, components, component);
    const outcome = searchComponent(part.input, budget);
    if (outcome.kind === "refuted") return { kind: "refuted", component };
    if (outcome.kind === "cut") return outcome;
    budget -= outcome.steps;
    found.push({ part, outcome });
  }
  // Writes at zxids their own component names first, then the others around them.
  const taken = new Set(input.answered.map((placed) => placed.zxid));
  for (const { outcome } of found) {
    for (const { zxid } of outcome.assigned) {
      if (!outcome.revealed.has(zxid)) continue;
      if (taken.has(zxid)) return { kind: "cut" };
      taken.add(zxid);
    }
  }
  const placement: (number | null)[] = infoOps.map(() => null);
  for (const { part, outcome } of found) {
    const moved = apart(outcome, part.input.candidates, taken);
    if (moved === undefined) return { kind: "cut" };
    for (const { writer, zxid } of moved) placement[part.writers[writer] ?? -1] = zxid;
  }
  return { kind: "found", placement };
}

/**
 * Components are searched apart, so two may put writes at one zxid. A write at a zxid its own component
 * saw change (a Stat or an event names it) stays; any other moves up to its next free candidate, before
 * the next zxid its component names or places, which keeps the orders its component's rules saw apart
 * from a reply at exactly that zxid, which the judge then checks. undefined when no such zxid is left
 * (the caller then searches the whole history).
 */
function apart(
  found: Found,
  candidates: SearchInput["candidates"],
  taken: Set<number>,
): Assigned[] | undefined {
  const sorted = [...found.assigned].sort((left, right) => left.zxid - right.zxid);
  const moved: Assigned[] = [];
  for (const [at, { writer, zxid }] of sorted.entries()) {
    if (found.revealed.has(zxid)) {
      moved.push({ writer, zxid });
      continue;
    }
    if (!taken.has(zxid)) {
      taken.add(zxid);
      moved.push({ writer, zxid });
      continue;
    }
    const before = Math.min(
      sorted[at + 1]?.zxid ?? Number.POSITIVE_INFINITY,
      found.named[firstAbove(found.named, zxid)] ?? Number.POSITIVE_INFINITY,
    );
    const free = (candidates[writer] ?? []).find(
      (slot) => slot !== null && slot > zxid && slot < before && !taken.has(slot),
    );
    if (free === undefined || free === null) return undefined;
    taken.add(free);
    moved.push({ writer, zxid: free });
  }
  return moved;
}

/** The component's share of the search input; `writers` maps its info writes to the global indices. */
function partOf(
  input: SearchInput,
  infoOps: readonly ZkOperation[],
  components: Components,
  component: number,
) {
  const mine = (op: ZkOperation) => components.ofOperation[op.index] === component;
  const events = input.events.filter((_event, at) => components.ofEvent[at] === component);
  const kept = new Set(events);
  const writers = infoOps.flatMap((op, at) => (mine(op) ? [at] : []));
  const part: SearchInput = {
    ...input,
    operations: input.operations.filter(mine),
    events,
    repeatable: input.repeatable.filter((event) => kept.has(event)),
    answered: input.answered.filter((placed) => mine(placed.op)),
    infoWrites: writers.flatMap((at) => input.infoWrites[at] ?? []),
    candidates: writers.map((at) => input.candidates[at] ?? [null]),
  };
  return { input: part, writers };
}

type Found = {
  readonly kind: "found";
  readonly assigned: readonly Assigned[];
  /** The zxids the component's answers and Stats name, ascending. */
  readonly named: readonly number[];
  /** Those its Stats and events reveal as a change it saw (not only a reply's zxid). */
  readonly revealed: ReadonlySet<number>;
  readonly steps: number;
};

type PartOutcome = Found | { readonly kind: "refuted" } | { readonly kind: "cut" };

function searchComponent(input: SearchInput, stepsMax: number): PartOutcome {
  const built = positionsOf(input);
  if (built === undefined) return { kind: "refuted" };
  const initial = emptyTree();
  if (!built.root.every((read) => readText(initial, read) === read.output))
    return { kind: "refuted" };
  const search = new SegmentSearch(input, built.positions, stepsMax);
  const found = search.from(0, initial);
  if (found) {
    const named = built.positions.flatMap((position) => (position.run < 0 ? [position.zxid] : []));
    const revealed = new Set([
      ...input.operations.flatMap((op) => statZxids(op.output)),
      ...input.events.map((event) => event.zxid),
    ]);
    return { kind: "found", assigned: search.assigned, named, revealed, steps: search.steps };
  }
  return search.cut ? { kind: "cut" } : { kind: "refuted" };
}

/**
 * Depth-first over the segments: each segment's walk hands every end state it reaches to the next
 * segment, and a state from which the rest of the history failed is remembered per segment.
 */
class SegmentSearch {
  readonly assigned: Assigned[] = [];
  steps = 0;
  cut = false;
  readonly #input: SearchInput;
  readonly #positions: readonly Position[];
  readonly #segments: readonly Segment[];
  readonly #failed: FailedStates[];
  readonly #stepsMax: number;
  // Every branch puts back what it placed, so the walks share one placement, all unplaced between.
  readonly #placement: (number | null)[];

  constructor(input: SearchInput, positions: readonly Position[], stepsMax: number) {
    this.#input = input;
    this.#positions = positions;
    this.#segments = segmentsOf(positions, input.infoWrites.length);
    this.#failed = this.#segments.map(() => new FailedStates());
    this.#stepsMax = stepsMax;
    this.#placement = input.infoWrites.map(() => null);
  }

  /** True when segments `index` onwards pass from `tree`; `assigned` then holds their placements. */
  from(index: number, tree: DataTree): boolean {
    const segment = this.#segments[index];
    if (segment === undefined) return true;
    const failed = this.#failed[index];
    if (failed?.has(0, 0, "", tree) === true) return false;
    const { end, writers } = segment;
    const walk = new PlacementWalk(
      this.#input,
      this.#positions,
      {
        end,
        writers,
        stepsMax: this.#stepsMax - this.steps,
        remember: "visited",
        emptyFirst: true,
        complete: (reached, placement) => {
          const mine = assignedOf(placement, writers);
          this.steps += walk.steps;
          const passed = this.from(index + 1, reached);
          this.steps -= walk.steps;
          if (this.cut) return undefined;
          if (passed) this.assigned.push(...mine);
          return passed;
        },
      },
      this.#placement,
    );
    const passed = walk.visit(segment.start, tree, -1);
    this.steps += walk.steps;
    this.cut ||= walk.cut;
    if (!passed && !this.cut) failed?.add(0, 0, "", tree);
    return passed;
  }
}

function assignedOf(placement: readonly (number | null)[], writers: readonly number[]): Assigned[] {
  return writers.flatMap((writer) => {
    const zxid = placement[writer] ?? null;
    return zxid === null ? [] : [{ writer, zxid }];
  });
}

type Segment = {
  readonly start: number;
  readonly end: number;
  readonly writers: readonly number[];
};

/** Positions a segment gathers before it may end: fewer, longer walks, each still shallow. */
const SEGMENT_POSITIONS_MIN = 1024;

/**
 * [start, end) ranges of positions such that every info write's slots lie inside one range (with the
 * writes that have slots there): a cut between i and i + 1 only where no write may take a slot at or
 * before i and one after it.
 */
export function segmentsOf(positions: readonly Position[], writerCount: number): Segment[] {
  const first = new Array<number>(writerCount).fill(-1);
  const last = new Array<number>(writerCount).fill(-1);
  positions.forEach((position, at) => {
    for (const writer of position.writers) {
      if ((first[writer] ?? -1) < 0) first[writer] = at;
      last[writer] = at;
    }
  });
  const spanning = new Array<number>(positions.length + 1).fill(0);
  const startingAt = new Map<number, number[]>();
  for (let writer = 0; writer < writerCount; writer++) {
    const from = first[writer] ?? -1;
    if (from < 0) continue;
    startingAt.set(from, [...(startingAt.get(from) ?? []), writer]);
    const to = last[writer] ?? from;
    spanning[from] = (spanning[from] ?? 0) + 1;
    spanning[to] = (spanning[to] ?? 0) - 1;
  }
  const segments: Segment[] = [];
  let open = 0;
  let start = 0;
  let writers: number[] = [];
  for (let at = 0; at < positions.length; at++) {
    open += spanning[at] ?? 0;
    writers.push(...(startingAt.get(at) ?? []));
    // `open` counts the writes whose slots continue past position `at`.
    const last = at === positions.length - 1;
    if (last || (open === 0 && at + 1 - start >= SEGMENT_POSITIONS_MIN)) {
      segments.push({ start, end: at + 1, writers });
      start = at + 1;
      writers = [];
    }
  }
  return segments;
}
