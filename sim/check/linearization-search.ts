// Wing & Gong's search with Lowe's memoization, in Porcupine's form: walk the list of call and return
// entries; at a call, try to linearize that operation now (apply it to the model, lift its entries out
// of the list, push); at a return of an operation not yet linearized, no order of the prefix works, so
// undo the last choice (pop, unlift) and try the next entry. A (linearized set, state) pair seen before
// is never explored twice. The search is resumable: `run` does a bounded number of steps, so several
// searches can be raced and a deadline can be checked between slices.
//
// Reads first: at each new node the search first looks for a read (an operation that never changes the
// state) that can be linearized in the current state. If there is one, linearizing it now loses nothing:
// every operation that must precede it is already linearized (its call comes before the first open
// return), and a valid order that puts it later stays valid with it moved here, because it changes no
// state. So it is pushed as a forced step, and when a forced step fails its whole node has failed.
import type { MemoryBudget } from "./memory-budget.js";
import { ObservationTracker } from "./observation-tracker.js";
import type { SearchProblem } from "./search-problem.js";
import type { StateSpace } from "./state-space.js";
import { ADDED, VisitedSet } from "./visited-set.js";
import { zobristKeys } from "./zobrist.js";

export type SearchStatus = "running" | "linearizable" | "violation";

/** Told about every point where the search is stuck: `op`'s return is reached and it is not linearized. */
export interface StuckObserver {
  stuck(search: LinearizationSearch, op: number): void;
}

const NOT_PUSHED = 0;
const PUSHED = 1;
/** A forced read led to a node already explored: the current node has failed. */
const NODE_FAILED = 2;
type PushResult = typeof NOT_PUSHED | typeof PUSHED | typeof NODE_FAILED;

/** A step the walk chose at a call entry: undoing it resumes the walk after that entry. */
const CHOSEN_STEP = 0;
/** A read forced at a new node: undoing it means the node failed. */
const FORCED_STEP = 1;
/** The step tried first at a new node (see `preferred`): undoing it starts the node's walk. */
const PREFERRED_STEP = 2;
/** A blind reset linearized just before the reset above it: undone with it. */
const ABSORBED_STEP = 3;
/** How far the growth check looks ahead in the list of entries. */
const GROWTH_SCAN_ENTRIES = 32;
const GROWTH_SCAN_RESETS = 16;
type StepKind =
  | typeof CHOSEN_STEP
  | typeof FORCED_STEP
  | typeof PREFERRED_STEP
  | typeof ABSORBED_STEP;

export class LinearizationSearch {
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly head: number;
  private readonly isOk: Uint8Array;
  private readonly isRead: Uint8Array;
  private readonly isBlind: Uint8Array;
  private readonly isReset: Uint8Array;
  private readonly hasBlind: boolean;
  private readonly hasReads: boolean;
  private readonly hasGrowth: boolean;
  private readonly twinBefore: Int32Array;
  private readonly keyLow: Int32Array;
  private readonly keyHigh: Int32Array;
  private readonly bits: Uint32Array;
  private readonly stackEntry: Int32Array;
  private readonly stackState: Int32Array;
  private readonly stackMaxOp: Int32Array;
  /** How each step was chosen: CHOSEN_STEP, FORCED_STEP or PREFERRED_STEP. */
  private readonly stackKind: Uint8Array;
  private readonly visited: VisitedSet;
  private readonly tracker: ObservationTracker | null;
  /** Scratch space of `nextReadReachable`: the resets met so far. */
  private readonly resetsSeen = new Int32Array(GROWTH_SCAN_RESETS);
  private entry: number;
  private state: number;
  private okLeft: number;
  private maxOp = -1;
  private hashLow = 0;
  private hashHigh = 0;
  /** True while the walk at a new node only looks for a read to force. */
  private readScan: boolean;
  /** Number of operations linearized on the current path. */
  depth = 0;
  steps = 0;
  status: SearchStatus = "running";

  constructor(
    problem: SearchProblem,
    private readonly space: StateSpace,
    budget: MemoryBudget,
    private readonly observer: StuckObserver | null = null,
  ) {
    const opCount = problem.opCount;
    this.head = 2 * opCount;
    ({ next: this.next, prev: this.prev } = linkEntries(problem.entryOrder, this.head));
    this.isOk = problem.isOk;
    this.isRead = problem.isRead;
    this.isBlind = problem.isBlind;
    this.isReset = problem.isReset;
    this.hasBlind = problem.isBlind.includes(1);
    this.hasReads = problem.readCount > 0;
    this.hasGrowth = space.hasGrowth;
    this.readScan = true;
    this.twinBefore = problem.twinBefore;
    ({ low: this.keyLow, high: this.keyHigh } = zobristKeys(opCount));
    this.bits = new Uint32Array((opCount >> 5) + 1);
    this.stackEntry = new Int32Array(opCount);
    this.stackState = new Int32Array(opCount);
    this.stackMaxOp = new Int32Array(opCount);
    this.stackKind = new Uint8Array(opCount);
    this.visited = new VisitedSet(budget);
    this.tracker =
      problem.observations === null ? null : new ObservationTracker(problem.observations, space);
    this.entry = this.next[this.head] ?? this.head;
    this.state = space.initial;
    this.okLeft = problem.okCount;
    if (this.okLeft === 0) this.status = "linearizable";
  }

  /** Runs at most `stepLimit` steps; returns the status, "running" when the search is not finished. */
  run(stepLimit: number): SearchStatus {
    const head = this.head;
    let entry = this.entry;
    let step = 0;
    for (; step < stepLimit && this.status === "running"; step++) {
      if ((entry & 1) === 0 && entry !== head) {
        entry = this.atCall(entry);
      } else if (this.readScan) {
        // No read can be forced at this node: try the preferred operation, then every one from the first.
        this.readScan = false;
        entry = this.tryPreferred();
      } else {
        if (this.observer !== null && entry !== head) this.observer.stuck(this, entry >> 1);
        entry = this.backtrack();
      }
    }
    this.entry = entry;
    this.steps += step;
    return this.status;
  }

  /** The operations of the current path in order, and the state after each. */
  path(): { readonly ops: Int32Array; readonly statesAfter: Int32Array } {
    const ops = new Int32Array(this.depth);
    const statesAfter = new Int32Array(this.depth);
    for (let index = 0; index < this.depth; index++) {
      ops[index] = (this.stackEntry[index] ?? 0) >> 1;
      statesAfter[index] = index + 1 < this.depth ? (this.stackState[index + 1] ?? 0) : this.state;
    }
    return { ops, statesAfter };
  }

  /** Identifies the current linearized set (with `depth`) without copying it. */
  pathHash(): number {
    return this.hashLow ^ Math.imul(this.hashHigh, 31);
  }

  get cacheSize(): number {
    return this.visited.size;
  }

  /** The cache's share of the memory budget, in words; beyond it the older half is evicted. */
  set cacheWordsMax(words: number) {
    this.visited.wordsMax = words;
  }

  /** Frees the cache of a finished search, for the searches still running. */
  releaseCache(): void {
    this.visited.clear();
  }

  private atCall(entry: number): number {
    const { next, head } = this;
    if (this.readScan && (!this.hasReads || this.isRead[entry >> 1] === 0))
      return next[entry] ?? head;
    const result = this.tryLinearize(entry, this.readScan ? FORCED_STEP : CHOSEN_STEP);
    if (result === PUSHED) return this.afterPush();
    if (result === NODE_FAILED) return this.backtrack();
    return next[entry] ?? head;
  }

  /**
   * Just-in-time order (Lowe): the operation whose return comes first must be linearized soonest, so it is
   * tried first, or, when the state rejects it, an operation that makes it possible in one step. Only the
   * order changes: if that subtree fails, the walk tries every operation as usual, and meets the preferred
   * one again as an explored pair of the cache. Returns the entry to continue from.
   */
  private tryPreferred(): number {
    const { next, head } = this;
    const start = next[head] ?? head;
    let due = start;
    while (due !== head && (due & 1) === 0) due = next[due] ?? head;
    if (due === head) return start;
    const dueOp = due >> 1;
    if (this.space.next(this.state, dueOp) >= 0) {
      return this.tryLinearize(due - 1, PREFERRED_STEP) === PUSHED ? this.afterPush() : start;
    }
    for (let at = start; at !== due; at = next[at] ?? head) {
      const after = this.space.next(this.state, at >> 1);
      if (after < 0 || this.space.next(after, dueOp) < 0) continue;
      return this.tryLinearize(at, PREFERRED_STEP) === PUSHED ? this.afterPush() : start;
    }
    return start;
  }

  private afterPush(): number {
    this.readScan = true;
    return this.next[this.head] ?? this.head;
  }

  private isLinearized(op: number): boolean {
    return ((this.bits[op >> 5] ?? 0) & (1 << (op & 31))) !== 0;
  }

  private flip(op: number): void {
    this.bits[op >> 5] = (this.bits[op >> 5] ?? 0) ^ (1 << (op & 31));
    this.hashLow ^= this.keyLow[op] ?? 0;
    this.hashHigh ^= this.keyHigh[op] ?? 0;
  }

  /** Tries to linearize the operation of call entry `entry` now, as a step of the given kind. */
  private tryLinearize(entry: number, kind: StepKind): PushResult {
    const op = entry >> 1;
    if (this.isBlind[op] === 1 && !this.isDue(entry)) return NOT_PUSHED;
    const twin = this.twinBefore[op] ?? -1;
    if (twin >= 0 && !this.isLinearized(twin)) return NOT_PUSHED;
    const after = this.space.next(this.state, op);
    if (after < 0) return NOT_PUSHED;
    const forced = this.isRead[op] === 1 && after === this.state;
    if (kind === FORCED_STEP && !forced) return NOT_PUSHED;
    if (after !== this.state && this.hasGrowth && !this.nextReadReachable(entry, after))
      return NOT_PUSHED;
    const { tracker } = this;
    if (tracker !== null) {
      tracker.linearize(op);
      const unheld = tracker.unheldValue(after);
      if (unheld >= 0) {
        tracker.unlinearize(op);
        this.reportStuckReader(unheld);
        return kind === FORCED_STEP ? NODE_FAILED : NOT_PUSHED;
      }
    }
    const absorbed = this.hasBlind && this.isReset[op] === 1 ? this.absorbBlind(entry) : 0;
    const isOk = this.isOk[op] ?? 0;
    const counted = this.counted(op);
    this.flip(op);
    this.lift(entry, isOk);
    const maxOp = Math.max(op, this.maxOp);
    if (this.okLeft - counted > 0) {
      const firstOpen = (this.next[this.head] ?? 0) >> 1;
      const added = this.visited.add(
        this.bits,
        firstOpen >> 5,
        maxOp >> 5,
        this.hashLow,
        this.hashHigh,
        after,
      );
      if (added !== ADDED) {
        this.unlift(entry, isOk);
        this.flip(op);
        tracker?.unlinearize(op);
        for (let undone = 0; undone < absorbed; undone++) this.pop();
        return kind === FORCED_STEP ? NODE_FAILED : NOT_PUSHED;
      }
    } else {
      this.status = "linearizable";
    }
    this.push(entry, kind, after, maxOp);
    this.okLeft -= counted;
    return PUSHED;
  }

  /** 1 when `op` counts among the operations that must be linearized (see SearchProblem.okCount). */
  private counted(op: number): number {
    return (this.isOk[op] ?? 0) - (this.isBlind[op] ?? 0);
  }

  /** Whether the return of call entry `entry` is the first return in the list (its op is due now). */
  private isDue(entry: number): boolean {
    let at = this.next[entry] ?? this.head;
    while (at !== this.head && (at & 1) === 0) at = this.next[at] ?? this.head;
    return at === entry + 1;
  }

  /**
   * Linearizes, just before the reset of call entry `entry`, every blind reset that may be linearized now
   * (its call before every pending return): all of them, since one left out could only be placed later
   * before another reset, and placing it here leaves strictly less to do. Returns how many it pushed.
   */
  private absorbBlind(entry: number): number {
    const { next, head } = this;
    let count = 0;
    for (let at = next[head] ?? head; at !== head && (at & 1) === 0; ) {
      const blind = at >> 1;
      let following = next[at] ?? head;
      const after =
        at !== entry && this.isBlind[blind] === 1 ? this.space.next(this.state, blind) : -1;
      if (after >= 0) {
        // Lifting unlinks its return entry too: step over it.
        if (following === at + 1) following = next[following] ?? head;
        this.flip(blind);
        this.lift(at, 1);
        this.tracker?.linearize(blind);
        this.push(at, ABSORBED_STEP, after, Math.max(blind, this.maxOp));
        count++;
      }
      at = following;
    }
    return count;
  }

  /** Tells the observer which reader an exhausted value leaves stuck after the current path. */
  private reportStuckReader(value: number): void {
    if (this.observer === null || this.tracker === null) return;
    const reader = this.tracker.stuckReader(value, (op) => this.isLinearized(op));
    if (reader >= 0) this.observer.stuck(this, reader);
  }

  /**
   * With `op` (call entry `entry`) linearized into state `after`: a read not yet linearized must be
   * linearized before anything invoked after its return. Unless one of the resets invoked before that
   * return can lead to its answer, only growing updates can bring the state there, so `after` must be able
   * to grow into the answer (Model.growth). Walks the list from its head, at most GROWTH_SCAN_ENTRIES
   * entries and GROWTH_SCAN_RESETS resets (stopping early only prunes less).
   */
  private nextReadReachable(entry: number, after: number): boolean {
    const { next, head, resetsSeen } = this;
    let resets = 0;
    let scanned = 0;
    for (let at = next[head] ?? head; at !== head && scanned < GROWTH_SCAN_ENTRIES; scanned++) {
      const other = at >> 1;
      if (at === entry || at === entry + 1) {
        // The operation being linearized.
      } else if ((at & 1) === 0) {
        if (this.isRead[other] === 0 && this.space.isReset(other)) {
          if (resets === GROWTH_SCAN_RESETS) return true;
          resetsSeen[resets++] = other;
        }
      } else if (this.isRead[other] === 1 && !this.space.canGrowInto(after, other)) {
        if (!this.someResetLeadsTo(resets, other)) return false;
      }
      at = next[at] ?? head;
    }
    return true;
  }

  private someResetLeadsTo(resets: number, read: number): boolean {
    for (let index = 0; index < resets; index++) {
      if (this.space.canResetInto(this.resetsSeen[index] ?? 0, read)) return true;
    }
    return false;
  }

  private push(entry: number, kind: StepKind, after: number, maxOp: number): void {
    this.stackEntry[this.depth] = entry;
    this.stackState[this.depth] = this.state;
    this.stackMaxOp[this.depth] = this.maxOp;
    this.stackKind[this.depth] = kind;
    this.depth++;
    this.state = after;
    this.maxOp = maxOp;
  }

  /**
   * Undoes the last choice and returns the entry to try next. A forced step is not a choice: undoing it
   * means its node failed, so the step that led to that node is undone too.
   */
  private backtrack(): number {
    for (;;) {
      if (this.depth === 0) {
        this.status = "violation";
        return this.head;
      }
      const kind = this.stackKind[this.depth - 1];
      const top = this.pop();
      this.okLeft += this.counted(top >> 1);
      if (kind !== FORCED_STEP) {
        while (this.depth > 0 && this.stackKind[this.depth - 1] === ABSORBED_STEP) this.pop();
        this.readScan = false;
        return kind === PREFERRED_STEP
          ? (this.next[this.head] ?? this.head)
          : (this.next[top] ?? this.head);
      }
    }
  }

  /** Undoes the top step of the path (not its count of operations left); returns its entry. */
  private pop(): number {
    this.depth--;
    const top = this.stackEntry[this.depth] ?? 0;
    const op = top >> 1;
    this.state = this.stackState[this.depth] ?? 0;
    this.maxOp = this.stackMaxOp[this.depth] ?? -1;
    this.flip(op);
    this.unlift(top, this.isOk[op] ?? 0);
    this.tracker?.unlinearize(op);
    return top;
  }

  private lift(entry: number, isOk: number): void {
    const { next, prev } = this;
    const before = prev[entry] ?? 0;
    const after = next[entry] ?? 0;
    next[before] = after;
    prev[after] = before;
    if (isOk === 0) return;
    const match = entry + 1;
    const matchBefore = prev[match] ?? 0;
    const matchAfter = next[match] ?? 0;
    next[matchBefore] = matchAfter;
    prev[matchAfter] = matchBefore;
  }

  /** Exactly undoes `lift` (dancing links): the entries' own pointers were left untouched. */
  private unlift(entry: number, isOk: number): void {
    const { next, prev } = this;
    if (isOk !== 0) {
      const match = entry + 1;
      next[prev[match] ?? 0] = match;
      prev[next[match] ?? 0] = match;
    }
    next[prev[entry] ?? 0] = entry;
    prev[next[entry] ?? 0] = entry;
  }
}

/** The circular doubly linked list of entries in history order, with `head` as its sentinel. */
function linkEntries(entryOrder: Int32Array, head: number): { next: Int32Array; prev: Int32Array } {
  const next = new Int32Array(head + 1);
  const prev = new Int32Array(head + 1);
  let last = head;
  for (const entry of entryOrder) {
    next[last] = entry;
    prev[entry] = last;
    last = entry;
  }
  next[last] = head;
  prev[head] = last;
  return { next, prev };
}
