// Delta debugging (Zeller's ddmin, complement-only): find a smaller list of items that still fails, by removing
// chunks of halving size. Each test re-runs the simulation, so a budget bounds the number of tests.
import type { Scenario } from "../schema/index.js";

/**
 * A test of a candidate, as a generator: it yields each scenario it needs run and is sent back whether that
 * run fails the check being shrunk. The caller runs them (synchronously, or an app run asynchronously).
 */
export type Trial<R> = Generator<Scenario, R, boolean>;

export interface Budget {
  /** Tests left; decremented by each test. */
  runs: number;
}

/** A 1-minimal-ish subset of `items` for which `fails` holds; `fails(items)` is assumed true. */
export function* ddmin<T>(
  items: readonly T[],
  fails: (subset: readonly T[]) => Trial<boolean>,
  budget: Budget,
): Trial<T[]> {
  let current = [...items];
  let chunks = 2;
  while (current.length >= 1 && budget.runs > 0) {
    const size = Math.ceil(current.length / chunks);
    let reduced = false;
    for (let start = 0; start < current.length && budget.runs > 0; start += size) {
      const complement = [...current.slice(0, start), ...current.slice(start + size)];
      budget.runs--;
      if (yield* fails(complement)) {
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

/** A trial that runs nothing: the answer is known (a predicate over the candidate). */
// biome-ignore lint/correctness/useYield: a trial that needs no run yields nothing.
export function* decided(fails: boolean): Trial<boolean> {
  return fails;
}

/** The result of a trial that runs nothing; a trial that asks for a run is a mistake of the caller. */
export function settled<R>(trial: Trial<R>): R {
  const step = trial.next(false);
  if (step.done !== true) throw new Error("settled: the trial asked for a run");
  return step.value;
}
