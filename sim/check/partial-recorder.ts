// Keeps the longest partial linearizations a failing search reached: at each point where the search is
// stuck (an operation's return reached before it could be linearized), the path so far is a candidate.
// Only a bounded number is kept, longest first; equal paths are kept once.
import type { LinearizationSearch, StuckObserver } from "./linearization-search.js";

export interface RecordedPartial {
  readonly ops: Int32Array;
  readonly statesAfter: Int32Array;
  /** The operation that could not be linearized after this path. */
  readonly stuckOp: number;
  readonly hash: number;
}

export class PartialRecorder implements StuckObserver {
  private readonly kept: RecordedPartial[] = [];

  constructor(private readonly limit: number) {}

  stuck(search: LinearizationSearch, op: number): void {
    const depth = search.depth;
    const shortest = this.kept[this.kept.length - 1];
    if (this.kept.length >= this.limit && shortest !== undefined && depth <= shortest.ops.length)
      return;
    const hash = search.pathHash();
    const same = this.kept.some(
      (p) => p.ops.length === depth && p.hash === hash && p.stuckOp === op,
    );
    if (same) return;
    const { ops, statesAfter } = search.path();
    this.kept.push({ ops, statesAfter, stuckOp: op, hash });
    // Stable sort by length, longest first: among equal lengths the first found stays first.
    this.kept.sort((a, b) => b.ops.length - a.ops.length);
    if (this.kept.length > this.limit) this.kept.pop();
  }

  /** Longest first. */
  partials(): readonly RecordedPartial[] {
    return this.kept;
  }
}
