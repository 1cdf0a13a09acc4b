// Things that live over a range of steps (messages in flight, pending timers), queryable at any step in
// O(K + alive): items are kept in start order, and every K steps a checkpoint lists the items alive there, so a
// query reads one checkpoint and the items started since it. Built once, read-only afterwards.

const OPEN = 0x7fffffff;

export const CHECKPOINT_EVERY = 256;

export class IntervalIndex<T> {
  readonly #items: T[] = [];
  readonly #start: number[] = [];
  readonly #end: number[] = [];
  #checkpoints: Int32Array[] = [];
  #sealed = false;

  get size(): number {
    return this.#items.length;
  }

  /** Adds an item alive from step `start` on; returns its id for `close`. Starts must not decrease. */
  open(item: T, start: number): number {
    if (this.#sealed) throw new Error("interval index is sealed");
    const last = this.#start[this.#start.length - 1];
    if (last !== undefined && start < last)
      throw new Error(`interval starts out of order: ${start}`);
    this.#items.push(item);
    this.#start.push(start);
    this.#end.push(OPEN);
    return this.#items.length - 1;
  }

  /** The item is gone from step `end` on (it is not alive at `end`). */
  close(id: number, end: number): void {
    if (this.#end[id] === OPEN) this.#end[id] = end;
  }

  /** Builds the checkpoints for steps 0, K, 2K, ... up to `stepCount`. */
  seal(stepCount: number): void {
    const count = Math.ceil(Math.max(stepCount, 1) / CHECKPOINT_EVERY);
    const alive = new Set<number>();
    const checkpoints: Int32Array[] = [];
    let next = 0;
    for (let c = 0; c < count; c++) {
      const step = c * CHECKPOINT_EVERY;
      while (next < this.#items.length && (this.#start[next] as number) <= step) alive.add(next++);
      for (const id of alive) if ((this.#end[id] as number) <= step) alive.delete(id);
      checkpoints.push(Int32Array.from([...alive].sort((a, b) => a - b)));
    }
    this.#checkpoints = checkpoints;
    this.#sealed = true;
  }

  /** The items alive after step `step`, in start order. */
  aliveAt(step: number): T[] {
    const c = Math.min(Math.floor(step / CHECKPOINT_EVERY), this.#checkpoints.length - 1);
    const out: T[] = [];
    if (c < 0) return out;
    const isAlive = (id: number) =>
      (this.#start[id] as number) <= step && (this.#end[id] as number) > step;
    for (const id of this.#checkpoints[c] as Int32Array)
      if (isAlive(id)) out.push(this.#items[id] as T);
    const from = this.#firstStartAfter(c * CHECKPOINT_EVERY);
    for (let id = from; id < this.#items.length && (this.#start[id] as number) <= step; id++) {
      if (isAlive(id)) out.push(this.#items[id] as T);
    }
    return out;
  }

  #firstStartAfter(step: number): number {
    let low = 0;
    let high = this.#start.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#start[mid] as number) <= step) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
