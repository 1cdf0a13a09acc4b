// Parsing seeds and seed ranges from the command line: `--seed 7` or `--seeds 1..500`.
import { UsageError } from "../cli-io.js";

const MAX_SEED = Number.MAX_SAFE_INTEGER;

export function parseSeed(text: string, flag: string): number {
  if (!/^\d+$/.test(text))
    throw new UsageError(`${flag} expects a non-negative integer, got '${text}'`);
  const seed = Number(text);
  if (seed > MAX_SEED) throw new UsageError(`${flag} ${text} is larger than ${MAX_SEED}`);
  return seed;
}

/** `A..B` inclusive, A <= B. */
export function parseSeedRange(text: string): { readonly first: number; readonly last: number } {
  const match = /^(\d+)\.\.(\d+)$/.exec(text);
  if (match === null)
    throw new UsageError(`--seeds expects a range A..B such as 1..100, got '${text}'`);
  const first = parseSeed(match[1] as string, "--seeds");
  const last = parseSeed(match[2] as string, "--seeds");
  if (last < first)
    throw new UsageError(`--seeds ${text}: the range is empty (${last} < ${first})`);
  if (last - first >= 10_000_000)
    throw new UsageError(`--seeds ${text}: at most 10,000,000 seeds per run`);
  return { first, last };
}
