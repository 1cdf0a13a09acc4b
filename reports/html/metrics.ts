// Latency and throughput over time, aggregated into a fixed number of buckets so the chart costs the same
// for 500 operations and for 100,000. Latency is of successful operations; throughput counts completions.
import type { ClientOp } from "./client-ops.js";

export interface MetricBucket {
  readonly startUs: number;
  readonly ok: number;
  readonly fail: number;
  readonly info: number;
  /** Latency percentiles of the bucket's ok operations, in µs; null when it has none. */
  readonly p50Us: number | null;
  readonly p99Us: number | null;
  readonly maxUs: number | null;
}

export interface Metrics {
  readonly bucketUs: number;
  readonly buckets: readonly MetricBucket[];
}

export const BUCKETS = 200;

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
}

export function metricsOf(ops: readonly ClientOp[], endUs: number): Metrics {
  const bucketUs = Math.max(1, Math.ceil(endUs / BUCKETS));
  const counts = Array.from({ length: BUCKETS }, () => ({ ok: 0, fail: 0, info: 0 }));
  const latencies = Array.from({ length: BUCKETS }, (): number[] => []);
  for (const op of ops) {
    if (op.endUs === null) continue;
    const bucket = Math.min(BUCKETS - 1, Math.floor(op.endUs / bucketUs));
    const count = counts[bucket];
    if (count === undefined) continue;
    count[op.status]++;
    if (op.status === "ok") latencies[bucket]?.push(op.endUs - op.startUs);
  }
  const buckets = counts.map((count, i) => {
    const sorted = (latencies[i] ?? []).sort((a, b) => a - b);
    return {
      startUs: i * bucketUs,
      ...count,
      p50Us: percentile(sorted, 0.5),
      p99Us: percentile(sorted, 0.99),
      maxUs: sorted.at(-1) ?? null,
    };
  });
  return { bucketUs, buckets };
}
