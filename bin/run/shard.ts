// `--shard K/N`: the seeds at positions K-1, K-1+N, K-1+2N, ... of the range. Every seed of the range is in
// exactly one of the N shards, whatever machine runs it, so any scheduler can spread a sweep.
import { UsageError } from "../cli-io.js";

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (match === null) throw new UsageError(`--shard expects K/N such as 2/8, got '${text}'`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard ${text}: K must be between 1 and N, and N at least 1`);
  return { index, count };
}

export function shardSeeds(seeds: readonly number[], shard: Shard | null): readonly number[] {
  if (shard === null) return seeds;
  return seeds.filter((_, position) => position % shard.count === shard.index - 1);
}
