// The view of a seeded random stream that protocols and generators draw from.

export interface Random {
  /** A uniform double in [0, 1). */
  next(): number;
  /** True with probability `p` (0 never, 1 always). The only way the simulation draws a probability. */
  chance(p: number): boolean;
  /** A uniform integer in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number;
  /** A uniformly chosen element; the array must not be empty. */
  pick<T>(items: readonly T[]): T;
}
