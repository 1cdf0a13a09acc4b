// `--shard K/N`: the seeds at positions K-1, K-1+N, K-1+2N, ... of the range. Every seed of the range is in
// exactly one of the N shards, whatever machine runs it, so any scheduler can spread a sweep. `--shard env`
// takes K and N from the environment a scheduler sets (SHARD_ENV_HELP).
import { UsageError } from "../cli-io.js";

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** The most shards a sweep can be split into. */
const MAX_SHARDS = 100_000;

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (match === null)
    throw new UsageError(`--shard expects K/N such as 2/8, or 'env', got '${text}'`);
  return shardOf(Number(match[1]), Number(match[2]), `--shard ${text}`);
}

function shardOf(index: number, count: number, where: string): Shard {
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count)
    throw new UsageError(
      `${where}: K must be between 1 and N, and N between 1 and ${MAX_SHARDS.toLocaleString("en-US")}`,
    );
  return { index, count };
}

export const SHARD_ENV_HELP =
  "ZABSIM_SHARD=K/N; or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, from 0) with ZABSIM_SHARD_COUNT=N; " +
  "or CI_NODE_INDEX and CI_NODE_TOTAL (GitLab's parallel jobs, from 1)";

/**
 * `--shard env`: the shard a CI matrix or a Kubernetes Indexed Job gave this process, from the first of
 * these that is set: ZABSIM_SHARD (`K/N`, e.g. from a GitHub Actions matrix), JOB_COMPLETION_INDEX (0-based,
 * set by Kubernetes for each pod of an Indexed Job) with ZABSIM_SHARD_COUNT, CI_NODE_INDEX / CI_NODE_TOTAL
 * (1-based, GitLab's `parallel:`).
 */
export function shardFromEnv(env: { readonly [name: string]: string | undefined }): Shard {
  const given = (name: string) => {
    const value = env[name];
    return value === undefined || value === "" ? undefined : value;
  };
  const integer = (name: string): number => {
    const value = given(name) ?? "";
    if (!/^\d+$/.test(value))
      throw new UsageError(`--shard env: ${name} must be a whole number, got '${value}'`);
    return Number(value);
  };
  const zabsim = given("ZABSIM_SHARD");
  if (zabsim !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(zabsim);
    if (match === null)
      throw new UsageError(`--shard env: ZABSIM_SHARD expects K/N such as 2/8, got '${zabsim}'`);
    return shardOf(Number(match[1]), Number(match[2]), `--shard env: ZABSIM_SHARD=${zabsim}`);
  }
  if (given("JOB_COMPLETION_INDEX") !== undefined) {
    if (given("ZABSIM_SHARD_COUNT") === undefined)
      throw new UsageError(
        "--shard env: JOB_COMPLETION_INDEX is set; set ZABSIM_SHARD_COUNT to the Job's completions too",
      );
    const index = integer("JOB_COMPLETION_INDEX") + 1;
    const count = integer("ZABSIM_SHARD_COUNT");
    return shardOf(index, count, `--shard env: JOB_COMPLETION_INDEX=${index - 1} of ${count}`);
  }
  if (given("CI_NODE_INDEX") !== undefined && given("CI_NODE_TOTAL") !== undefined) {
    const index = integer("CI_NODE_INDEX");
    const count = integer("CI_NODE_TOTAL");
    return shardOf(index, count, `--shard env: CI_NODE_INDEX=${index} of ${count}`);
  }
  throw new UsageError(`--shard env: no shard in the environment; set ${SHARD_ENV_HELP}`);
}

export function shardSeeds(seeds: readonly number[], shard: Shard | null): readonly number[] {
  if (shard === null) return seeds;
  return seeds.filter((_, position) => position % shard.count === shard.index - 1);
}
