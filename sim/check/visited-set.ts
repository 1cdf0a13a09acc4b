// The search cache of Wing & Gong / Lowe: every (set of linearized operations, model state) pair
// already explored. A set is stored compactly as the words of its bitset between `low` and `high`:
// every word below `low` is all ones (the operations before the first open one are all linearized) and
// every word above `high` is zero, so only the window of concurrency is kept. Lookups use the set's
// zobrist hash and the state id; a hit is confirmed word by word, so the cache never merges two
// different sets. When the cache reaches its share of the memory budget it drops its older half: an entry
// only saves re-exploring a subtree already known to fail, so dropping one never changes a verdict.
import type { MemoryBudget } from "./memory-budget.js";

/** Per-entry cost in words beyond the bitset window: six fields plus about two hash slots. */
const ENTRY_OVERHEAD_WORDS = 8;

export const ADDED = 1;
export const ALREADY_SEEN = 0;
export type AddResult = typeof ADDED | typeof ALREADY_SEEN;

export class VisitedSet {
  private slots = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  private count = 0;
  private hashLow = new Int32Array(1 << 11);
  private hashHigh = new Int32Array(1 << 11);
  private states = new Int32Array(1 << 11);
  private lows = new Int32Array(1 << 11);
  private highs = new Int32Array(1 << 11);
  private offsets = new Int32Array(1 << 11);
  private pool = new Uint32Array(1 << 12);
  private poolUsed = 0;
  /** Words this cache holds, and the most it may hold before evicting (its share of the budget). */
  private wordsUsed = 0;
  wordsMax: number;
  /** How many times the older half was dropped. */
  evictions = 0;

  constructor(private readonly budget: MemoryBudget) {
    this.wordsMax = budget.wordsMax;
  }

  get size(): number {
    return this.count;
  }

  /** Drops every entry and gives the words back to the budget. */
  clear(): void {
    this.budget.wordsUsed -= this.wordsUsed;
    this.wordsUsed = 0;
    this.count = 0;
    this.poolUsed = 0;
    this.slots.fill(0);
  }

  /** Adds the pair unless it is present. `bits` is the bitset; `low`/`high` its window (see header). */
  add(
    bits: Uint32Array,
    low: number,
    high: number,
    hashLow: number,
    hashHigh: number,
    state: number,
  ): AddResult {
    let slot = mix(hashLow, state) & this.mask;
    for (let found = this.slots[slot] ?? 0; found !== 0; found = this.slots[slot] ?? 0) {
      if (this.matches(found - 1, bits, low, high, hashLow, hashHigh, state)) return ALREADY_SEEN;
      slot = (slot + 1) & this.mask;
    }
    const width = high >= low ? high - low + 1 : 0;
    if (this.wordsUsed + width + ENTRY_OVERHEAD_WORDS > this.wordsMax && this.count > 1) {
      this.evictOlderHalf();
      slot = this.freeSlot(hashLow, state);
    }
    this.charge(width + ENTRY_OVERHEAD_WORDS);
    const entry = this.count++;
    if (entry >= this.states.length) this.growEntries();
    if (this.poolUsed + width > this.pool.length) this.growPool(width);
    this.hashLow[entry] = hashLow;
    this.hashHigh[entry] = hashHigh;
    this.states[entry] = state;
    this.lows[entry] = low;
    this.highs[entry] = high;
    this.offsets[entry] = this.poolUsed;
    for (let word = 0; word < width; word++)
      this.pool[this.poolUsed + word] = bits[low + word] ?? 0;
    this.poolUsed += width;
    this.slots[slot] = entry + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return ADDED;
  }

  private matches(
    entry: number,
    bits: Uint32Array,
    low: number,
    high: number,
    hashLow: number,
    hashHigh: number,
    state: number,
  ): boolean {
    if (this.hashLow[entry] !== hashLow || this.hashHigh[entry] !== hashHigh) return false;
    if (this.states[entry] !== state || this.lows[entry] !== low || this.highs[entry] !== high)
      return false;
    const offset = this.offsets[entry] ?? 0;
    for (let word = low; word <= high; word++) {
      if (this.pool[offset + word - low] !== bits[word]) return false;
    }
    return true;
  }

  private charge(words: number): void {
    this.wordsUsed += words;
    this.budget.wordsUsed += words;
    this.budget.wordsPeak = Math.max(this.budget.wordsPeak, this.budget.wordsUsed);
  }

  /** The empty slot where an entry with this hash and state goes (it is known to be absent). */
  private freeSlot(hashLow: number, state: number): number {
    let slot = mix(hashLow, state) & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    return slot;
  }

  /** Keeps the newer half of the entries, moved to the front, and indexes them again. */
  private evictOlderHalf(): void {
    const from = this.count >> 1;
    const poolFrom = this.offsets[from] ?? 0;
    for (const array of [
      this.hashLow,
      this.hashHigh,
      this.states,
      this.lows,
      this.highs,
      this.offsets,
    ])
      array.copyWithin(0, from, this.count);
    this.count -= from;
    for (let entry = 0; entry < this.count; entry++)
      this.offsets[entry] = (this.offsets[entry] ?? 0) - poolFrom;
    this.pool.copyWithin(0, poolFrom, this.poolUsed);
    this.poolUsed -= poolFrom;
    this.charge(this.poolUsed + this.count * ENTRY_OVERHEAD_WORDS - this.wordsUsed);
    this.slots.fill(0);
    for (let entry = 0; entry < this.count; entry++)
      this.slots[this.freeSlot(this.hashLow[entry] ?? 0, this.states[entry] ?? 0)] = entry + 1;
    this.evictions++;
  }

  private growEntries(): void {
    const size = this.states.length * 2;
    this.hashLow = grown(this.hashLow, size);
    this.hashHigh = grown(this.hashHigh, size);
    this.states = grown(this.states, size);
    this.lows = grown(this.lows, size);
    this.highs = grown(this.highs, size);
    this.offsets = grown(this.offsets, size);
  }

  private growPool(width: number): void {
    const pool = new Uint32Array(Math.max(this.pool.length * 2, this.poolUsed + width));
    pool.set(this.pool);
    this.pool = pool;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let entry = 0; entry < this.count; entry++)
      this.slots[this.freeSlot(this.hashLow[entry] ?? 0, this.states[entry] ?? 0)] = entry + 1;
  }
}

function mix(hash: number, state: number): number {
  const h = Math.imul(hash ^ Math.imul(state + 1, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}

function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}
