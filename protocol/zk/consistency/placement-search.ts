// The search for a placement of the info writes (check-zookeeper.ts), incremental instead of enumerating
// the combinations: it walks the zxids in ascending order — those of the answered writes and the candidate
// slots of the info writes (info-placement.ts) — and decides at each slot which info write, if any, took
// it. Once every slot up to z is decided the state at z is final, so the rules that look only at that state
// are checked there: each read served at z, each answered write's answer, and each watch event of zxid z
// (caused by the txn at z; one a persistent watch explains no more often than it caused it). A branch that
// breaks one is cut with all its completions — the evidence pins each info write to the slots it can hold
// — and a state already cut that way is not searched again (failed-states.ts). Every complete placement
// reached is then judged by all the rules (`judge`), so cutting changes how many placements are looked at,
// never the verdict.

import type { DataTree } from "../data-tree/index.js";
import { emptyTree } from "../data-tree/index.js";
import type { ClientReadOp } from "../wire/index.js";
import { comparableText } from "./compare-values.js";
import { readValue } from "./expected-value.js";
import { FailedStates } from "./failed-states.js";
import { statZxids } from "./info-placement.js";
import type { ZkViolation } from "./violation.js";
import type { PlacedWrite } from "./write-order.js";
import { replayStep, type WriteToReplay } from "./write-replay.js";
import { isTreeRead } from "./zk-call.js";
import type { PositionedEvent, ZkOperation } from "./zk-operation.js";

type ReadCheck = {
  readonly call: ClientReadOp;
  readonly session: number;
  readonly output: string;
};

type Answered = { readonly write: WriteToReplay; readonly output: string | undefined };

type Position = {
  readonly zxid: number;
  readonly answered: Answered | undefined;
  /** The info writes (their indices) that may take this zxid. */
  readonly writers: readonly number[];
  /** The reads served at a zxid from this one up to the next position's. */
  readonly reads: ReadCheck[];
  /** Per (type, path) of the events with this zxid: the most times one session received it. */
  readonly events: Map<string, number>;
  /** Slots of one run are interchangeable (see `runsOf`); -1 for a position in no run. */
  run: number;
};

export type SearchInput = {
  readonly operations: readonly ZkOperation[];
  readonly events: readonly PositionedEvent[];
  /**
   * The events a persistent watch explains (watchUseOf): only they are bounded by how often their txn
   * caused them; a one-shot watch's repeat is judged by its registrations, whatever the placement.
   */
  readonly repeatable: readonly PositionedEvent[];
  /** The answered writes as replayed (one per zxid) with the op that answered. */
  readonly answered: readonly (PlacedWrite & { readonly write: WriteToReplay })[];
  /** The info writes as they would replay; their zxid is set by the placement. */
  readonly infoWrites: readonly Omit<WriteToReplay, "zxid">[];
  readonly candidates: readonly (readonly (number | null)[])[];
  /** All the rules on a complete placement (one zxid or null per info write). */
  readonly judge: (placement: readonly (number | null)[]) => readonly ZkViolation[];
  /** Complete placements judged before giving up. */
  readonly limit: number;
};

export type SearchOutcome = {
  /** A placement every rule accepts, if one was found. */
  readonly found: readonly (number | null)[] | undefined;
  readonly judged: number;
  /** The limit cut the search: no placement found does not mean there is none. */
  readonly cut: boolean;
  /** The violations of the judged placement with the fewest. */
  readonly best: readonly ZkViolation[] | undefined;
};

/** Partial placements explored per complete placement allowed, before the search gives up. */
const STEPS_PER_PLACEMENT = 1024;

const keyOf = (type: string, path: string): string => `${type}\u0000${path}`;

function readText(tree: DataTree, read: ReadCheck): string {
  return comparableText(readValue(tree, read.call, read.session), "zxid-exact");
}

/** The positions in zxid order, or undefined when an event has a zxid no write can hold. */
function positionsOf(input: SearchInput): { positions: Position[]; root: ReadCheck[] } | undefined {
  const byZxid = new Map<number, Position>();
  const at = (zxid: number, answered?: Answered): Position => {
    const known = byZxid.get(zxid);
    if (known !== undefined) return known;
    const made = { zxid, answered, writers: [], reads: [], events: new Map(), run: -1 };
    byZxid.set(zxid, made);
    return made;
  };
  for (const { write, op } of input.answered) {
    const output = op.status === "ok" && op.output !== undefined ? op.output : undefined;
    at(write.zxid, {
      write,
      output: output === undefined ? undefined : comparableText(output, "zxid-exact"),
    });
  }
  input.candidates.forEach((slots, writer) => {
    for (const zxid of slots) {
      if (zxid === null || byZxid.get(zxid)?.answered !== undefined) continue;
      (at(zxid).writers as number[]).push(writer);
    }
  });
  const positions = [...byZxid.values()].sort((left, right) => left.zxid - right.zxid);
  if (!placeEvents(input.events, input.repeatable, byZxid)) return undefined;
  const root: ReadCheck[] = [];
  for (const op of input.operations) {
    const { call } = op;
    if (op.status !== "ok" || op.zxid === null || op.output === undefined) continue;
    if (!isTreeRead(call)) continue;
    const read = { call, session: op.session, output: comparableText(op.output, "zxid-exact") };
    (positions.findLast((position) => position.zxid <= (op.zxid ?? 0))?.reads ?? root).push(read);
  }
  runsOf(positions, input);
  return { positions, root };
}

/**
 * Groups into runs the consecutive slots no observation tells apart: no answered operation, watch event or
 * Stat names a zxid from the first to the last, and the same info writes may take each. Every rule compares
 * such a zxid only by order with the zxids observed, and an observed state holding it fails anyway, so
 * placements that differ by an order-keeping renumbering inside a run get the same verdict: the search
 * only tries those that fill a run from its start.
 */
function runsOf(positions: readonly Position[], input: SearchInput): void {
  const named = new Set<number>();
  for (const op of input.operations) {
    if (op.zxid !== null) named.add(op.zxid);
    for (const zxid of statZxids(op.output)) named.add(zxid);
  }
  for (const event of input.events) named.add(event.zxid);
  const sorted = [...named].sort((left, right) => left - right);
  let run = 0;
  let previous: Position | undefined;
  for (const position of positions) {
    const free = position.answered === undefined && !named.has(position.zxid);
    if (!free) {
      previous = undefined;
      continue;
    }
    const joins =
      previous !== undefined &&
      previous.writers.join() === position.writers.join() &&
      !sorted.some((zxid) => zxid > (previous?.zxid ?? 0) && zxid < position.zxid);
    if (!joins) run++;
    position.run = run;
    previous = position;
  }
}

/** Every event needs its txn (count 1); a repeatable one as many times as one session received it. */
function placeEvents(
  events: readonly PositionedEvent[],
  repeatable: readonly PositionedEvent[],
  byZxid: Map<number, Position>,
): boolean {
  for (const event of events) {
    if (event.zxid < 0) continue;
    const position = byZxid.get(event.zxid);
    if (position === undefined) return false;
    const key = keyOf(event.type, event.path);
    position.events.set(key, Math.max(1, position.events.get(key) ?? 0));
  }
  const counts = new Map<string, number>();
  for (const event of repeatable) {
    const position = byZxid.get(event.zxid);
    if (event.zxid < 0 || position === undefined) continue;
    const key = keyOf(event.type, event.path);
    const perSession = `${event.session}\u0000${event.zxid}\u0000${key}`;
    const count = (counts.get(perSession) ?? 0) + 1;
    counts.set(perSession, count);
    position.events.set(key, Math.max(count, position.events.get(key) ?? 0));
  }
  return true;
}

/**
 * The state after `position` holds `write` (or nothing), or undefined when that breaks a rule already
 * decided there: the write's answer, an event of this zxid, a read served from here to the next position.
 */
function stateAfter(
  position: Position,
  tree: DataTree,
  write: WriteToReplay | undefined,
  output: string | undefined,
): DataTree | undefined {
  let next = tree;
  const caused = new Map<string, number>();
  if (write !== undefined) {
    const step = replayStep(tree, write);
    if (output !== undefined && comparableText(step.expected, "zxid-exact") !== output) {
      return undefined;
    }
    next = step.tree;
    for (const event of step.events) {
      const key = keyOf(event.type, event.path);
      caused.set(key, (caused.get(key) ?? 0) + 1);
    }
  }
  for (const [key, count] of position.events) {
    const times = caused.get(key) ?? 0;
    if (times === 0 || count > Math.max(1, times)) return undefined;
  }
  if (position.reads.some((read) => readText(next, read) !== read.output)) return undefined;
  return next;
}

export function searchPlacements(input: SearchInput): SearchOutcome {
  const built = positionsOf(input);
  const walk = new PlacementWalk(input, built?.positions ?? []);
  const initial = emptyTree();
  const possible = built?.root.every((read) => readText(initial, read) === read.output) === true;
  const found = possible && walk.visit(0, initial, -1);
  return {
    found: found ? [...walk.placement] : undefined,
    judged: walk.judged,
    cut: walk.cut,
    best: walk.best,
  };
}

/** The depth-first walk over the positions, deciding each free slot; `placement` is its current choice. */
class PlacementWalk {
  readonly placement: (number | null)[];
  judged = 0;
  cut = false;
  best: readonly ZkViolation[] | undefined = undefined;
  #steps = 0;
  readonly #stepsMax: number;
  readonly #input: SearchInput;
  readonly #positions: readonly Position[];
  // A state whose completions all broke a per-position rule, none judged, fails again however it is reached.
  readonly #failed = new FailedStates();

  constructor(input: SearchInput, positions: readonly Position[]) {
    this.#input = input;
    this.#positions = positions;
    this.placement = input.infoWrites.map(() => null);
    this.#stepsMax = input.limit * STEPS_PER_PLACEMENT;
  }

  /** True when a complete placement from here passed every rule. */
  visit(index: number, tree: DataTree, closed: number): boolean {
    const unplaced = this.placement.map((zxid) => (zxid === null ? "0" : "1")).join("");
    if (this.#failed.has(index, closed, unplaced, tree)) return false;
    const judged = this.judged;
    const passed = this.#visitNew(index, tree, closed);
    if (!passed && !this.cut && this.judged === judged) {
      this.#failed.add(index, closed, unplaced, tree);
    }
    return passed;
  }

  #judge(): boolean {
    this.judged++;
    const violations = this.#input.judge(this.placement);
    if (violations.length === 0) return true;
    if (this.best === undefined || violations.length < this.best.length) this.best = violations;
    return false;
  }

  /** Position `index` holds `write` (or nothing). */
  #advance(index: number, tree: DataTree, closed: number, write?: WriteToReplay, output?: string) {
    const position = this.#positions[index];
    const next = position === undefined ? undefined : stateAfter(position, tree, write, output);
    return next !== undefined && this.visit(index + 1, next, closed);
  }

  /** `closed`: the run in which a slot was left empty, so its later slots stay empty too. */
  #visitNew(index: number, tree: DataTree, closed: number): boolean {
    if (this.cut) return false;
    if (this.judged >= this.#input.limit || ++this.#steps > this.#stepsMax) {
      this.cut = true;
      return false;
    }
    const position = this.#positions[index];
    if (position === undefined) return this.#judge();
    const { answered } = position;
    if (answered !== undefined) {
      return this.#advance(index, tree, -1, answered.write, answered.output);
    }
    const run = position.run;
    // Taking the slot is tried before leaving it empty: the all-absent placement was judged already, and
    // an unanswered write the evidence needs is found without first exhausting the branches without it.
    const open = !(run >= 0 && run === closed);
    for (const writer of open ? position.writers : []) {
      const info = this.#input.infoWrites[writer];
      if (this.placement[writer] !== null || info === undefined) continue;
      this.placement[writer] = position.zxid;
      if (this.#advance(index, tree, -1, { ...info, zxid: position.zxid })) return true;
      this.placement[writer] = null;
    }
    return this.#advance(index, tree, run);
  }
}
