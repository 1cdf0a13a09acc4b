// The memory bound of a check, counted in 32-bit words of search cache over all partitions. The cache only
// saves work (a pair explored once is not explored again), so a search that reaches its share evicts its
// older entries and carries on: the verdict stays exact, only time can run out. Shares adapt: the budget is
// split among the searches still running, so one that finishes leaves its share to the others.

export interface MemoryBudget {
  /** Words in use over all searches. */
  wordsUsed: number;
  /** The most words in use at once. */
  wordsPeak: number;
  readonly wordsMax: number;
}

/** 64 M words (256 MiB) by default: far above what the corpora need, far below a machine's memory. */
export const DEFAULT_CACHE_WORDS_MAX = 64 * 1024 * 1024;

export function memoryBudget(wordsMax: number = DEFAULT_CACHE_WORDS_MAX): MemoryBudget {
  return { wordsUsed: 0, wordsPeak: 0, wordsMax };
}
