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
import { statZxids } from "./info-placement.js";
import { type Assigned, type ComponentPlacement, interleave } from "./interleave.js";
import type { Components } from "./placement-components.js";
import {
  PlacementWalk,
  type Position,
  positionsOf,
  readMatches,
  type SearchInput,
} from "./placement-search.js";
import type { StatBounds } from "./stat-bounds.js";
import type { ZkOperation } from "./zk-operation.js";

export type ComponentOutcome =
  | { readonly kind: "found"; readonly placement: readonly (number | null)[] }
  /** No placement of this component's unanswered writes passes its rules: the history fails. */
  | { readonly kind: "refuted"; readonly component: number }
  /** Out of budget, or more distinct states than the frontier holds. */
  | { readonly kind: "cut" };

/** `infoOps[i]` is the operation of `input.infoWrites[i]`; `stepsMax` bounds all the walks together. */
export function searchByComponent(
  input: SearchInput,
  infoOps: readonly ZkOperation[],
  components: Components,
  stepsMax: number,
): ComponentOutcome {
  const budget = { left: stepsMax };
  const found: Found[] = [];
  for (let component = 0; component < components.count; component++) {
    const part = partOf(input, infoOps, components, component, new Set());
    const outcome = searchComponent(part, budget);
    if (outcome.kind === "refuted") return { kind: "refuted", component };
    if (outcome.kind === "cut") return outcome;
    found.push(outcome);
  }
  const taken = new Set(input.answered.map((placed) => placed.zxid));
  const merged =
    interleave(found, input.candidates, taken) ?? inTurn(input, infoOps, components, found, budget);
  if (merged === undefined) return { kind: "cut" };
  const placement: (number | null)[] = infoOps.map(() => null);
  for (const { writer, zxid } of merged) placement[writer] = zxid;
  return { kind: "found", placement };
}

/**
 * When the placements found apart do not fit together (several components each filled the same run of
 * zxids, as after a leader's backlog), the components are searched again one after another, each kept
 * off the zxids where another one's Stats or events showed a change and off those placed before it.
 * Nothing follows from a failure here (the restriction is a guess): undefined, and the caller searches
 * the whole history.
 */
function inTurn(
  input: SearchInput,
  infoOps: readonly ZkOperation[],
  components: Components,
  found: readonly Found[],
  budget: { left: number },
): Assigned[] | undefined {
  const revealedBy = found.map(
    (part) => new Set(part.assigned.flatMap(({ zxid }) => (part.revealed.has(zxid) ? [zxid] : []))),
  );
  const used = new Set<number>();
  const merged: Assigned[] = [];
  for (let component = 0; component < components.count; component++) {
    const forbidden = new Set(used);
    revealedBy.forEach((zxids, other) => {
      if (other !== component) for (const zxid of zxids) forbidden.add(zxid);
    });
    const outcome = searchComponent(
      partOf(input, infoOps, components, component, forbidden),
      budget,
    );
    if (outcome.kind !== "found") return undefined;
    for (const assigned of outcome.assigned) {
      used.add(assigned.zxid);
      merged.push(assigned);
    }
  }
  return merged;
}

/** The component's share of the search input; `writers` maps its info writes to the global indices. */
function partOf(
  input: SearchInput,
  infoOps: readonly ZkOperation[],
  components: Components,
  component: number,
  forbidden: ReadonlySet<number>,
): Part {
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
    candidates: writers.map((at) =>
      (input.candidates[at] ?? [null]).filter((slot) => slot === null || !forbidden.has(slot)),
    ),
  };
  return { input: part, writers };
}

type Part = { readonly input: SearchInput; readonly writers: readonly number[] };

type Found = ComponentPlacement & { readonly kind: "found" };

type PartOutcome = Found | { readonly kind: "refuted" } | { readonly kind: "cut" };

/** One component's search; its writers come out by their global indices. */
function searchComponent({ input, writers }: Part, budget: { left: number }): PartOutcome {
  const built = positionsOf(input);
  if (built === undefined) return { kind: "refuted" };
  const initial = emptyTree();
  if (!built.root.every((read) => readMatches(initial, read))) return { kind: "refuted" };
  const search = new SegmentSearch(input, built.positions, built.bounds, budget.left);
  const found = search.from(0, initial);
  budget.left -= search.steps;
  if (!found) return search.cut ? { kind: "cut" } : { kind: "refuted" };
  const revealed = new Set([
    ...input.operations.flatMap((op) => statZxids(op.output)),
    ...input.events.map((event) => event.zxid),
  ]);
  const named = new Set(revealed);
  for (const op of input.operations) if (op.zxid !== null) named.add(op.zxid);
  return {
    kind: "found",
    assigned: search.assigned.map(({ writer, zxid }) => ({ writer: writers[writer] ?? -1, zxid })),
    named: [...named].sort((left, right) => left - right),
    revealed,
  };
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
  readonly #bounds: StatBounds | undefined;
  // Every branch puts back what it placed, so the walks share one placement, all unplaced between.
  readonly #placement: (number | null)[];

  constructor(
    input: SearchInput,
    positions: readonly Position[],
    bounds: StatBounds | undefined,
    stepsMax: number,
  ) {
    this.#input = input;
    this.#bounds = bounds;
    this.#positions = positions;
    this.#segments = segmentsOf(positions, input.infoWrites.length);
    this.#failed = this.#segments.map(() => new FailedStates(input.memory));
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
        ...(this.#bounds === undefined ? {} : { bounds: this.#bounds }),
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
