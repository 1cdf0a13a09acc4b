// Seeded random streams (seedrandom's Alea, ~13 ns a draw). One seed per run; every subsystem derives its own
// stream by name once at setup, so removing one fault does not shift the draws of the others (DESIGN.md).
import alea from "seedrandom/lib/alea.js";
import type { Random } from "../api/index.js";

export class Prng implements Random {
  readonly name: string;
  readonly #next: () => number;

  constructor(seed: string, name: string) {
    this.name = name;
    this.#next = alea(`zabsim/${seed}/${name}`);
  }

  next(): number {
    return this.#next();
  }

  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.#next() < p;
  }

  int(min: number, maxExclusive: number): number {
    if (!(maxExclusive > min)) {
      throw new RangeError(`int(${min}, ${maxExclusive}): empty range`);
    }
    return min + Math.floor(this.#next() * (maxExclusive - min));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  }

  /** A sample of the exponential distribution with the given mean. */
  exponential(mean: number): number {
    // 1 - next() is in (0, 1], so the logarithm is finite.
    return -Math.log(1 - this.#next()) * mean;
  }

  /** A new array with the items in a uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const a = out[i] as T;
      out[i] = out[j] as T;
      out[j] = a;
    }
    return out;
  }
}

/**
 * The streams of one run, derived from its seed by name. A name gives the same stream whatever else the
 * run creates and in whatever order, which keeps subsystems independent.
 */
export class Streams {
  readonly seed: string;
  readonly #made = new Map<string, Prng>();

  constructor(seed: number | string) {
    this.seed = String(seed);
  }

  get(name: string): Prng {
    let stream = this.#made.get(name);
    if (stream === undefined) {
      stream = new Prng(this.seed, name);
      this.#made.set(name, stream);
    }
    return stream;
  }
}
