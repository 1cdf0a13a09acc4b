// Zobrist keys: one random 64-bit value (two 32-bit halves) per operation, so the hash of a set of
// linearized operations is the XOR of its members and is updated in O(1) when one is added or removed.
// The keys come from a fixed-seed generator: the checker is deterministic.

export interface ZobristKeys {
  readonly low: Int32Array;
  readonly high: Int32Array;
}

/** splitmix32, a small generator with good avalanche; the seed is fixed, nothing here is secret. */
function nextSplitMix(state: Uint32Array): number {
  state[0] = ((state[0] ?? 0) + 0x9e3779b9) | 0;
  let z = state[0] ?? 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

export function zobristKeys(count: number): ZobristKeys {
  const state = new Uint32Array([0x5eed1234]);
  const low = new Int32Array(count);
  const high = new Int32Array(count);
  for (let index = 0; index < count; index++) {
    low[index] = nextSplitMix(state);
    high[index] = nextSplitMix(state);
  }
  return { low, high };
}
