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

import type { Json } from "../../../sim/api/index.js";
import type { DataTree } from "../data-tree/index.js";
import { emptyTree } from "../data-tree/index.js";
import type { ClientReadOp } from "../wire/index.js";
import { ChildReach } from "./child-reach.js";
import { sameValue } from "./compare-values.js";
import { readValue } from "./expected-value.js";
import { FailedStates, type MemoryAllowance } from "./failed-states.js";
import { firstAbove, statZxids } from "./info-placement.js";
import { Interchangeable } from "./interchangeable.js";
import { StatBounds } from "./stat-bounds.js";
import { StatReach } from "./stat-reach.js";
import type { ZkViolation } from "./violation.js";
import type { PlacedWrite } from "./write-order.js";
import { replayStep, type WriteToReplay } from "./write-replay.js";
import { isTreeRead } from "./zk-call.js";
import type { PositionedEvent, ZkOperation } from "./zk-operation.js";

/** `output`: what the read returned, compared with the state's answer by `sameValue`. */
type ReadCheck = {
  readonly call: ClientReadOp;
  readonly session: number;
  readonly output: Json;
};

type Answered = { readonly write: WriteToReplay; readonly output: Json | undefined };

export type Position = {
  readonly zxid: number;
  readonly answered: Answered | undefined;
  /** The info writes (their indices) that may take this zxid, the likeliest first. */
  writers: readonly number[];
  /** The reads served at a zxid from this one up to the next position's. */
  readonly reads: ReadCheck[];
  /** Per (type, path) of the events with this zxid: the most times one session received it. */
  readonly events: Map<string, number>;
  /** Slots of one run are interchangeable (see `runsOf`); -1 for a position in no run. */
  run: number;
  /** The zxid of its run's last slot (its own for a position in no run). */
  runEnd: number;
  /** A Stat or a watch event shows a change at this zxid. */
  revealed: boolean;
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
  /** Cut branches by what later reads' Stats pin (stat-bounds.ts); default true. */
  readonly statBounds?: boolean;
  /** The znodes the search's memories of dead ends may hold together (failed-states.ts). */
  readonly memory?: MemoryAllowance;
  /**
   * Offer one of each group of interchangeable writers at a slot (interchangeable.ts); default true. Off
   * only for the differential test that shows it never changes a verdict.
   */
  readonly interchange?: boolean;
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
export const STEPS_PER_PLACEMENT = 1024;

const keyOf = (type: string, path: string): string => `${type}\u0000${path}`;

export function readMatches(tree: DataTree, read: ReadCheck): boolean {
  return sameValue(readValue(tree, read.call, read.session), read.output, "zxid-exact");
}

/** The positions in zxid order, or undefined when an event has a zxid no write can hold. */
export function positionsOf(
  input: SearchInput,
): { positions: Position[]; root: ReadCheck[]; bounds: StatBounds | undefined } | undefined {
  const byZxid = new Map<number, Position>();
  const at = (zxid: number, answered?: Answered): Position => {
    const known = byZxid.get(zxid);
    if (known !== undefined) return known;
    const made = {
      zxid,
      answered,
      writers: [],
      reads: [],
      events: new Map(),
      run: -1,
      runEnd: zxid,
      revealed: false,
    };
    byZxid.set(zxid, made);
    return made;
  };
  for (const { write, op } of input.answered) {
    const output = op.status === "ok" && op.output !== undefined ? op.output : undefined;
    at(write.zxid, { write, output });
  }
  input.candidates.forEach((slots, writer) => {
    for (const zxid of slots) {
      if (zxid === null || byZxid.get(zxid)?.answered !== undefined) continue;
      (at(zxid).writers as number[]).push(writer);
    }
  });
  const positions = [...byZxid.values()].sort((left, right) => left.zxid - right.zxid);
  orderByRevealers(positions, input);
  if (!placeEvents(input.events, input.repeatable, byZxid)) return undefined;
  const root: ReadCheck[] = [];
  for (const op of input.operations) {
    const { call } = op;
    if (op.status !== "ok" || op.zxid === null || op.output === undefined) continue;
    if (!isTreeRead(call)) continue;
    const read = { call, session: op.session, output: op.output };
    (positions.findLast((position) => position.zxid <= (op.zxid ?? 0))?.reads ?? root).push(read);
  }
  runsOf(positions, input);
  return { positions, root, bounds: input.statBounds === false ? undefined : boundsOf(input) };
}

function boundsOf(input: SearchInput): StatBounds {
  const answered = input.answered.map(({ write }) => write);
  return new StatBounds(input.operations, {
    stats: new StatReach(answered, input.infoWrites, input.candidates),
    children: new ChildReach(answered, input.infoWrites, input.candidates),
  });
}

/**
 * At a slot some answer's Stat names (mzxid, czxid or pzxid of a znode), the info writes that change that
 * znode are tried first, those writing the data the answer shows before them: any other write there
 * fails that answer, but only once the walk reaches it, after deciding every slot in between.
 */
function orderByRevealers(positions: readonly Position[], input: SearchInput): void {
  const revealed = new Map<number, Revealer[]>();
  for (const op of input.operations) {
    const path = "path" in op.call ? op.call.path : undefined;
    const output = op.output as { readonly stat?: Json; readonly data?: Json } | null | undefined;
    const stat = output?.stat as { readonly [field: string]: Json } | undefined;
    if (path === undefined || typeof stat !== "object" || stat === null) continue;
    for (const field of ["mzxid", "czxid", "pzxid"] as const) {
      const zxid = stat[field];
      if (typeof zxid !== "number") continue;
      const list = revealed.get(zxid) ?? [];
      revealed.set(zxid, list);
      list.push({ field, path, data: typeof output?.data === "string" ? output.data : undefined });
    }
  }
  for (const position of positions) {
    const shown = revealed.get(position.zxid);
    if (shown !== undefined) position.revealed = true;
    if (shown === undefined || position.writers.length < 2) continue;
    const score = (writer: number) => {
      const call = input.infoWrites[writer]?.call;
      const parts = call === undefined ? [] : call.op === "multi" ? call.ops : [call];
      return Math.max(
        0,
        ...shown.flatMap((revealer) => parts.map((part) => revealerFit(revealer, part))),
      );
    };
    const scored = position.writers.map((writer) => ({ writer, score: score(writer) }));
    scored.sort((left, right) => right.score - left.score);
    position.writers = scored.map(({ writer }) => writer);
  }
}

type Revealer = {
  readonly field: "mzxid" | "czxid" | "pzxid";
  readonly path: string;
  readonly data: string | undefined;
};

/** 2: the write makes exactly what the Stat shows; 1: it changes that field of that znode; 0: neither. */
function revealerFit(
  revealer: Revealer,
  part: { readonly op: string; readonly path?: string },
): number {
  const data = "data" in part ? part.data : undefined;
  const same = (kinds: readonly string[]) =>
    kinds.includes(part.op) && part.path === revealer.path
      ? revealer.data !== undefined && revealer.data === data
        ? 2
        : 1
      : 0;
  if (revealer.field === "mzxid") return same(["setData", "create"]);
  if (revealer.field === "czxid") return same(["create"]);
  const parent =
    part.path === undefined ? undefined : part.path.slice(0, part.path.lastIndexOf("/")) || "/";
  return (part.op === "create" || part.op === "delete") && parent === revealer.path ? 1 : 0;
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
      (sorted[firstAbove(sorted, previous?.zxid ?? 0)] ?? Number.POSITIVE_INFINITY) >=
        position.zxid;
    if (!joins) run++;
    position.run = run;
    previous = position;
  }
  // Backwards, so each slot learns where its run ends.
  let end = Number.NaN;
  let endRun = -1;
  for (let at = positions.length - 1; at >= 0; at--) {
    const position = positions[at];
    if (position === undefined || position.run < 0) continue;
    if (position.run !== endRun) {
      endRun = position.run;
      end = position.zxid;
    }
    position.runEnd = end;
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
    position.revealed = true;
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
  output: Json | undefined,
  bounds: StatBounds | undefined,
): DataTree | undefined {
  let next = tree;
  const caused = new Map<string, number>();
  const touched = new Set(bounds?.namedAt(position.zxid));
  if (write !== undefined) {
    const step = replayStep(tree, write);
    if (output !== undefined && !sameValue(step.expected, output, "zxid-exact")) return undefined;
    next = step.tree;
    for (const event of step.events) {
      const key = keyOf(event.type, event.path);
      caused.set(key, (caused.get(key) ?? 0) + 1);
      touched.add(event.path);
    }
  }
  if (bounds !== undefined && touched.size > 0 && !bounds.allow(next, position.zxid, touched)) {
    return undefined;
  }
  for (const [key, count] of position.events) {
    const times = caused.get(key) ?? 0;
    if (times === 0 || count > Math.max(1, times)) return undefined;
  }
  if (position.reads.some((read) => !readMatches(next, read))) return undefined;
  return next;
}

export function searchPlacements(input: SearchInput): SearchOutcome {
  const built = positionsOf(input);
  const positions = built?.positions ?? [];
  const judge = new LeafJudge(input.judge);
  const walk = new PlacementWalk(input, positions, {
    end: positions.length,
    stepsMax: input.limit * STEPS_PER_PLACEMENT,
    complete: (_tree, placement) => judge.accepts(placement, input.limit),
    remember: "failed",
    ...(built?.bounds === undefined ? {} : { bounds: built.bounds }),
  });
  const initial = emptyTree();
  const possible = built?.root.every((read) => readMatches(initial, read)) === true;
  const found = possible && walk.visit(0, initial, -1);
  return {
    found: found ? [...walk.placement] : undefined,
    judged: judge.judged,
    cut: walk.cut || judge.cut,
    best: judge.best,
  };
}

/** The judge of complete placements in the global search: counts them and keeps the best failure. */
class LeafJudge {
  judged = 0;
  cut = false;
  best: readonly ZkViolation[] | undefined = undefined;
  readonly #judge: SearchInput["judge"];

  constructor(judge: SearchInput["judge"]) {
    this.#judge = judge;
  }

  /** undefined: over the limit, stop. */
  accepts(placement: readonly (number | null)[], limit: number): boolean | undefined {
    if (this.judged >= limit) {
      this.cut = true;
      return undefined;
    }
    this.judged++;
    const violations = this.#judge(placement);
    if (violations.length === 0) return true;
    if (this.best === undefined || violations.length < this.best.length) this.best = violations;
    return false;
  }
}

type WalkOptions = {
  /** The position index where a placement is complete. */
  readonly end: number;
  readonly stepsMax: number;
  /**
   * A complete placement reached with `tree`: true ends the walk (found), false searches on, undefined
   * gives up (the walk is then `cut`).
   */
  readonly complete: (tree: DataTree, placement: readonly (number | null)[]) => boolean | undefined;
  /**
   * "failed": remember states whose completions all failed without reaching `complete` (its verdicts
   * depend on the whole placement); "visited": remember every state searched, when `complete` only
   * collects end states, which depend on nothing but the state.
   */
  readonly remember: "failed" | "visited";
  /** The info writes this walk may place (default: all): the others stay unplaced throughout. */
  readonly writers?: readonly number[];
  /** Leave a slot no Stat or event shows a change at empty before trying its writers. */
  readonly emptyFirst?: boolean;
  /** What later reads' Stats pin (stat-bounds.ts), checked as soon as a slot decides it. */
  readonly bounds?: StatBounds;
};

// Built once per list of positions: a component's segments each start a walk over the same positions.
const twinsOf = new WeakMap<readonly Position[], Interchangeable>();

function interchangeableOf(
  input: Pick<SearchInput, "infoWrites">,
  positions: readonly Position[],
): Interchangeable {
  const known = twinsOf.get(positions);
  if (known !== undefined) return known;
  const made = new Interchangeable(
    input.infoWrites,
    positions.map((position) => position.writers),
  );
  twinsOf.set(positions, made);
  return made;
}

function lastSlots(positions: readonly Position[], options: WalkOptions): Map<number, number> {
  const last = new Map<number, number>();
  const mine = new Set(options.writers ?? []);
  for (let at = 0; at < Math.min(positions.length, options.end); at++) {
    for (const writer of positions[at]?.writers ?? []) if (mine.has(writer)) last.set(writer, at);
  }
  return last;
}

/** The depth-first walk over the positions, deciding each free slot; `placement` is its current choice. */
export class PlacementWalk {
  readonly placement: (number | null)[];
  cut = false;
  #completed = 0;
  #steps = 0;
  readonly #input: Pick<SearchInput, "infoWrites" | "memory" | "interchange">;
  readonly #positions: readonly Position[];
  readonly #options: WalkOptions;
  // A state whose completions all broke a per-position rule, none judged, fails again however it is reached.
  readonly #memo: FailedStates;
  /** With `remember: "visited"` and `writers`: the index of each writer's last slot. */
  readonly #lastSlot: Map<number, number> | undefined;
  /** Per position index, the znodes its writers may change (StatReach.pathsOf). */
  readonly #paths = new Map<number, readonly string[]>();
  readonly #unplaced = (writer: number): boolean => this.placement[writer] === null;
  /** Which free writers a slot offers: one of each interchangeable group (undefined: all). */
  readonly #twins: Interchangeable | undefined;
  /** Per position index, the writer the current branch placed there (-1: none). */
  readonly #taker: number[];

  constructor(
    input: Pick<SearchInput, "infoWrites" | "memory" | "interchange">,
    positions: readonly Position[],
    options: WalkOptions,
    placement?: (number | null)[],
  ) {
    this.#input = input;
    this.#memo = new FailedStates(input.memory);
    this.#positions = positions;
    this.#options = options;
    this.placement = placement ?? input.infoWrites.map(() => null);
    this.#lastSlot = options.remember === "visited" ? lastSlots(positions, options) : undefined;
    this.#twins = input.interchange === false ? undefined : interchangeableOf(input, positions);
    this.#taker = positions.map(() => -1);
  }

  /** The writer placed in the slot just before `index` when both slots are in one run, else -1. */
  #previousInRun(index: number): number {
    const run = this.#positions[index]?.run ?? -1;
    if (run < 0 || this.#positions[index - 1]?.run !== run) return -1;
    return this.#taker[index - 1] ?? -1;
  }

  /**
   * The state after position `at`, or undefined when, with this slot decided, some znode its writers may
   * change can no longer reach the versions a later read shows (StatBounds.reachable).
   */
  #settled(at: number, next: DataTree | undefined, closing = false): DataTree | undefined {
    const { bounds } = this.#options;
    const position = this.#positions[at];
    if (next === undefined || bounds === undefined || position === undefined) return next;
    if (position.writers.length === 0) return next;
    let paths = this.#paths.get(at);
    if (paths === undefined) {
      paths = [...new Set(position.writers.flatMap((writer) => bounds.pathsOf(writer)))];
      this.#paths.set(at, paths);
    }
    // A slot left empty closes its run: the run's later slots stay empty too, so the state holds to its end.
    const after = closing && position.run >= 0 ? position.runEnd : position.zxid;
    return bounds.reachable(next, after, paths, this.#unplaced) ? next : undefined;
  }

  /** True when a complete placement from here was accepted. */
  visit(index: number, tree: DataTree, closed: number): boolean {
    const forced = this.#forward(index, tree, closed);
    if (forced === undefined) return false;
    if (forced.index >= this.#options.end) return this.#complete(forced.tree);
    const at = forced.index;
    // Which writers the slot offers depends on the write just before it in its run (Interchangeable.follows).
    const previous = this.#twins === undefined ? -1 : this.#previousInRun(at);
    const context = previous < 0 ? "" : `:${this.#twins?.rankOf(previous)}`;
    const unplaced = this.#unplacedKey(at) + context;
    if (this.#memo.has(at, forced.closed, unplaced, forced.tree)) return false;
    const completed = this.#completed;
    const passed = this.#branch(at, forced.tree, forced.closed);
    const remember = this.#options.remember === "visited" || this.#completed === completed;
    if (!passed && !this.cut && remember) this.#memo.add(at, forced.closed, unplaced, forced.tree);
    return passed;
  }

  /**
   * Which info writes are still unplaced. Remembering visited states, only those that may still take a
   * slot at or after `index` matter: the rest can no longer change the state, which is all the walk keeps.
   */
  #unplacedKey(index: number): string {
    const { writers } = this.#options;
    if (writers === undefined)
      return this.placement.map((zxid) => (zxid === null ? "0" : "1")).join("");
    let key = "";
    for (const writer of writers) {
      if (this.#lastSlot !== undefined && (this.#lastSlot.get(writer) ?? -1) < index) continue;
      key += this.placement[writer] === null ? "0" : "1";
    }
    return key;
  }

  #complete(tree: DataTree): boolean {
    this.#completed++;
    const verdict = this.#options.complete(tree, this.placement);
    if (verdict === undefined) this.cut = true;
    return verdict === true;
  }

  /** Positions walked so far, against the budget. */
  get steps(): number {
    return this.#steps;
  }

  #overBudget(): boolean {
    if (this.cut) return true;
    if (++this.#steps > this.#options.stepsMax) this.cut = true;
    return this.cut;
  }

  /**
   * Walks the positions with nothing to decide (an answered write, or a slot no unplaced info write can
   * take), without recursion: the first position with a choice, or undefined when a rule broke first.
   */
  #forward(index: number, tree: DataTree, closed: number) {
    let at = index;
    let state = tree;
    let run = closed;
    while (at < this.#options.end) {
      if (this.#overBudget()) return undefined;
      const position = this.#positions[at];
      if (position === undefined) return undefined;
      const { answered } = position;
      if (answered === undefined && this.#takers(position, run).length > 0) break;
      const next = this.#settled(
        at,
        stateAfter(position, state, answered?.write, answered?.output, this.#options.bounds),
        answered === undefined,
      );
      if (next === undefined) return undefined;
      state = next;
      run = answered === undefined ? position.run : -1;
      at++;
    }
    return { index: at, tree: state, closed: run };
  }

  /** The unplaced info writes that may take this slot (none once its run was left open). */
  #takers(position: Position, closed: number): readonly number[] {
    if (position.run >= 0 && position.run === closed) return [];
    return position.writers.filter((writer) => this.placement[writer] === null);
  }

  /** `closed`: the run in which a slot was left empty, so its later slots stay empty too. */
  #branch(index: number, tree: DataTree, closed: number): boolean {
    const position = this.#positions[index];
    if (position === undefined || this.#overBudget()) return false;
    // A slot where no observation shows a change is tried empty first when asked (`emptyFirst`): most
    // unanswered writes never took effect, and one whose effect shows later is found when that
    // observation fails. Otherwise taking the slot comes first: the all-absent placement was judged
    // already, and an unanswered write the evidence needs is found without first exhausting the branches
    // without it.
    const emptyFirst = this.#options.emptyFirst === true && !position.revealed;
    if (emptyFirst && this.#leaveEmpty(index, tree, position)) return true;
    for (const writer of this.#offered(index, position, closed)) {
      const info = this.#input.infoWrites[writer];
      if (info === undefined) continue;
      this.placement[writer] = position.zxid;
      this.#taker[index] = writer;
      const write = { ...info, zxid: position.zxid };
      const next = this.#settled(
        index,
        stateAfter(position, tree, write, undefined, this.#options.bounds),
      );
      if (next !== undefined && this.visit(index + 1, next, -1)) return true;
      this.placement[writer] = null;
      this.#taker[index] = -1;
      if (this.cut) return false;
    }
    return !emptyFirst && this.#leaveEmpty(index, tree, position);
  }

  /** The writers a slot offers: the free ones, less interchangeable twins and out-of-order commuters. */
  #offered(index: number, position: Position, closed: number): readonly number[] {
    const takers = this.#takers(position, closed);
    const twins = this.#twins;
    if (twins === undefined) return takers;
    const previous = this.#previousInRun(index);
    const picked = twins.pick(takers, index);
    return previous < 0 ? picked : picked.filter((writer) => twins.follows(previous, writer));
  }

  #leaveEmpty(index: number, tree: DataTree, position: Position): boolean {
    const empty = this.#settled(
      index,
      stateAfter(position, tree, undefined, undefined, this.#options.bounds),
      true,
    );
    return empty !== undefined && this.visit(index + 1, empty, position.run);
  }
}
