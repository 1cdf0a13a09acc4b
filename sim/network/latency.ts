// Latency distributions, drawn per message (and per detection) from the network's stream.
import type { Prng } from "../prng/index.js";

/**
 * - `constant`: always `us`.
 * - `uniform`: uniform in [minUs, maxUs].
 * - `exponential`: `minUs` plus an exponential tail with mean `tailMeanUs`, capped at `maxUs` — the long
 *   tail of a real network.
 */
export type LatencyDistribution =
  | { readonly kind: "constant"; readonly us: number }
  | { readonly kind: "uniform"; readonly minUs: number; readonly maxUs: number }
  | {
      readonly kind: "exponential";
      readonly minUs: number;
      readonly tailMeanUs: number;
      readonly maxUs: number;
    };

export function validateLatency(dist: LatencyDistribution, what: string): void {
  const values = Object.entries(dist).filter(([key]) => key !== "kind");
  for (const [key, value] of values) {
    if (!(Number.isSafeInteger(value) && (value as number) >= 0)) {
      throw new RangeError(
        `${what}.${key} must be a non-negative integer of microseconds, got ${value}`,
      );
    }
  }
  if (dist.kind === "uniform" && dist.maxUs < dist.minUs) {
    throw new RangeError(`${what}: maxUs ${dist.maxUs} is below minUs ${dist.minUs}`);
  }
  if (dist.kind === "exponential" && dist.maxUs < dist.minUs) {
    throw new RangeError(`${what}: maxUs ${dist.maxUs} is below minUs ${dist.minUs}`);
  }
}

/** One draw, in whole microseconds. A constant distribution draws nothing from the stream. */
export function sampleLatency(dist: LatencyDistribution, rng: Prng): number {
  switch (dist.kind) {
    case "constant":
      return dist.us;
    case "uniform":
      return dist.minUs + Math.floor(rng.next() * (dist.maxUs - dist.minUs + 1));
    case "exponential":
      return Math.min(dist.maxUs, dist.minUs + Math.round(rng.exponential(dist.tailMeanUs)));
  }
}

export function describeLatency(dist: LatencyDistribution): string {
  switch (dist.kind) {
    case "constant":
      return `${dist.us}us`;
    case "uniform":
      return `uniform ${dist.minUs}..${dist.maxUs}us`;
    case "exponential":
      return `${dist.minUs}us + exp(mean ${dist.tailMeanUs}us) <= ${dist.maxUs}us`;
  }
}
