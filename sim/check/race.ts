// P-compositionality: independent objects are checked separately, and their searches are raced in
// small slices of steps, so one easy violation is found without first finishing a hard key that does not
// matter. The first violation stops the race. The deadline is read through an injected clock between
// slices, which keeps this module free of wall-clock access. The cache budget is shared out among the
// searches still running; a finished search frees its cache and its share goes to the others.
import type { LinearizationSearch, SearchStatus } from "./linearization-search.js";

export interface RaceLimits {
  /** Milliseconds, read only between slices. */
  readonly clock: (() => number) | null;
  /** The clock value after which the race stops with an unknown outcome. */
  readonly deadline: number;
  /** Total steps over all searches after which the race stops with an unknown outcome. */
  readonly stepsMax: number;
  readonly sliceSteps: number;
  /** The search cache budget over all searches, in words (memory-budget.ts). */
  readonly cacheWordsMax: number;
}

export type RaceStop = "deadline" | "steps";

export interface RaceOutcome {
  /** The index of the search that found a violation, or -1. */
  readonly violation: number;
  /** Why the race stopped before every search finished, or null when it did not. */
  readonly stopped: RaceStop | null;
  readonly steps: number;
}

export function raceSearches(
  searches: readonly LinearizationSearch[],
  limits: RaceLimits,
): RaceOutcome {
  let running = searches.filter((search) => search.status === "running");
  let steps = 0;
  while (running.length > 0) {
    const stillRunning: LinearizationSearch[] = [];
    const share = Math.floor(limits.cacheWordsMax / running.length);
    for (const search of running) search.cacheWordsMax = share;
    for (const search of running) {
      const before = search.steps;
      const status: SearchStatus = search.run(limits.sliceSteps);
      steps += search.steps - before;
      if (status === "violation")
        return { violation: searches.indexOf(search), stopped: null, steps };
      if (status === "running") stillRunning.push(search);
      else search.releaseCache();
      if (steps >= limits.stepsMax) return { violation: -1, stopped: "steps", steps };
      if (limits.clock !== null && limits.clock() > limits.deadline) {
        return { violation: -1, stopped: "deadline", steps };
      }
    }
    running = stillRunning;
  }
  return { violation: -1, stopped: null, steps };
}
