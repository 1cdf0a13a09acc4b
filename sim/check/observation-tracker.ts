// Prunes the search where a read has become impossible (a stale read in the making): a value whose
// restorers are all linearized while some of its readers are not is "exhausted", and those readers can
// only be linearized while the state still holds it, since nothing left can bring it back. So every
// state the search reaches must hold every exhausted value; a state that does not is a dead end however
// the rest is ordered. Counts are kept per value and updated as operations are linearized and undone.
import type { ObservationIndex } from "./observation-index.js";
import type { StateSpace } from "./state-space.js";

export class ObservationTracker {
  /** Per value: restorers not yet linearized. */
  private readonly restorersLeft: Int32Array;
  /** Per value: readers not yet linearized. */
  private readonly readersLeft: Int32Array;
  /** The exhausted values with readers left, in no particular order; `slot` is each one's position. */
  private readonly exhausted: Int32Array;
  private readonly slot: Int32Array;
  private exhaustedCount = 0;

  constructor(
    private readonly index: ObservationIndex,
    private readonly space: StateSpace,
  ) {
    const valueCount = index.values.length;
    this.restorersLeft = new Int32Array(valueCount);
    this.readersLeft = new Int32Array(valueCount);
    this.exhausted = new Int32Array(valueCount);
    this.slot = new Int32Array(valueCount).fill(-1);
    for (let value = 0; value < valueCount; value++) {
      this.restorersLeft[value] =
        (index.restorerStart[value + 1] ?? 0) - (index.restorerStart[value] ?? 0);
    }
    for (const value of index.reads)
      if (value >= 0) this.readersLeft[value] = (this.readersLeft[value] ?? 0) + 1;
    for (let value = 0; value < valueCount; value++) this.update(value);
  }

  /** Records that `op` is linearized. */
  linearize(op: number): void {
    const { restoredStart, restored, reads } = this.index;
    for (let at = restoredStart[op] ?? 0; at < (restoredStart[op + 1] ?? 0); at++) {
      const value = restored[at] ?? 0;
      this.restorersLeft[value] = (this.restorersLeft[value] ?? 0) - 1;
      this.update(value);
    }
    const read = reads[op] ?? -1;
    if (read >= 0) {
      this.readersLeft[read] = (this.readersLeft[read] ?? 0) - 1;
      this.update(read);
    }
  }

  /** Exactly undoes `linearize(op)`. */
  unlinearize(op: number): void {
    const { restoredStart, restored, reads } = this.index;
    for (let at = restoredStart[op] ?? 0; at < (restoredStart[op + 1] ?? 0); at++) {
      const value = restored[at] ?? 0;
      this.restorersLeft[value] = (this.restorersLeft[value] ?? 0) + 1;
      this.update(value);
    }
    const read = reads[op] ?? -1;
    if (read >= 0) {
      this.readersLeft[read] = (this.readersLeft[read] ?? 0) + 1;
      this.update(read);
    }
  }

  /**
   * An exhausted value `state` does not hold, or -1 when it holds them all. From such a state no order of
   * the rest can work: that value's readers are stuck for good.
   */
  unheldValue(state: number): number {
    for (let at = 0; at < this.exhaustedCount; at++) {
      const value = this.exhausted[at] ?? 0;
      if (!this.space.holds(state, this.index.observation, this.index.values[value] ?? ""))
        return value;
    }
    return -1;
  }

  /** The first reader of `value` that `isLinearized` says is not: the operation that is stuck. */
  stuckReader(value: number, isLinearized: (op: number) => boolean): number {
    const { readerStart, readers } = this.index;
    for (let at = readerStart[value] ?? 0; at < (readerStart[value + 1] ?? 0); at++) {
      const op = readers[at] ?? 0;
      if (!isLinearized(op)) return op;
    }
    return -1;
  }

  /** Puts `value` in or out of the exhausted list to match its counts. */
  private update(value: number): void {
    const isExhausted = this.restorersLeft[value] === 0 && (this.readersLeft[value] ?? 0) > 0;
    const at = this.slot[value] ?? -1;
    if (isExhausted && at < 0) {
      this.exhausted[this.exhaustedCount] = value;
      this.slot[value] = this.exhaustedCount++;
    } else if (!isExhausted && at >= 0) {
      const last = this.exhausted[--this.exhaustedCount] ?? 0;
      this.exhausted[at] = last;
      this.slot[last] = at;
      this.slot[value] = -1;
    }
  }
}
