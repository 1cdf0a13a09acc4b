// Delta debugging (Zeller's ddmin, complement-only): find a smaller list of items that still fails, by removing
// chunks of halving size. Each test re-runs the simulation, so a budget bounds the number of tests.

export interface Budget {
  /** Tests left; decremented by each test. */
  runs: number;
}

/** A 1-minimal-ish subset of `items` for which `fails` holds; `fails(items)` is assumed true. */
export function ddmin<T>(
  items: readonly T[],
  fails: (subset: readonly T[]) => boolean,
  budget: Budget,
): T[] {
  let current = [...items];
  let chunks = 2;
  while (current.length >= 1 && budget.runs > 0) {
    const size = Math.ceil(current.length / chunks);
    let reduced = false;
    for (let start = 0; start < current.length && budget.runs > 0; start += size) {
      const complement = [...current.slice(0, start), ...current.slice(start + size)];
      budget.runs--;
      if (fails(complement)) {
        current = complement;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (reduced) continue;
    if (size <= 1) break;
    chunks = Math.min(chunks * 2, current.length);
  }
  return current;
}
