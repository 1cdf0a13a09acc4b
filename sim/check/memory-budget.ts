// The memory bound of a check, counted in 32-bit words of search cache, shared by all partitions.
// Exceeding it turns the verdict into "unknown" instead of exhausting the process's memory.

export interface MemoryBudget {
  wordsUsed: number;
  readonly wordsMax: number;
}

/** 64 M words (256 MiB) by default: far above what the corpora need, far below a machine's memory. */
export const DEFAULT_CACHE_WORDS_MAX = 64 * 1024 * 1024;

export function memoryBudget(wordsMax: number = DEFAULT_CACHE_WORDS_MAX): MemoryBudget {
  return { wordsUsed: 0, wordsMax };
}
