// The linearizability check of a prepared history: one search per independent object, raced; on a
// violation, the failing object is searched again with a recorder to explain it. Pure and synchronous:
// time is read only through the injected clock.
import type { Counterexample } from "./counterexample.js";
import { buildCounterexample } from "./counterexample.js";
import { LinearizationSearch } from "./linearization-search.js";
import type { MemoryBudget } from "./memory-budget.js";
import { DEFAULT_CACHE_WORDS_MAX, memoryBudget } from "./memory-budget.js";
import { PartialRecorder } from "./partial-recorder.js";
import type { PreparedHistory, PreparedPartition } from "./prepare.js";
import type { RaceStop } from "./race.js";
import { raceSearches } from "./race.js";
import { StateSpace } from "./state-space.js";

export type Verdict = true | false | "unknown";

export interface CheckOptions {
  /** A monotonic clock in milliseconds; with `deadline`, bounds the time the check may take. */
  readonly clock?: () => number;
  /** The clock value after which the verdict is "unknown". */
  readonly deadline?: number;
  /** Total search steps after which the verdict is "unknown" (a deterministic budget). */
  readonly stepsMax?: number;
  /** Search cache size, in 32-bit words over all objects, after which the verdict is "unknown". */
  readonly cacheWordsMax?: number;
  /** Steps each object's search runs before the next one's turn. */
  readonly sliceSteps?: number;
  /** How many longest partial linearizations a counterexample shows. */
  readonly partialsShown?: number;
}

export interface CheckResult {
  readonly valid: Verdict;
  readonly operations: number;
  readonly partitions: number;
  readonly steps: number;
  /** Search cache used, in 32-bit words over all objects (see memory-budget.ts). */
  readonly cacheWords: number;
  /** Why the verdict is unknown; null otherwise. */
  readonly stopped: RaceStop | null;
  readonly counterexample: Counterexample | null;
}

const DEFAULT_SLICE_STEPS = 2048;
const DEFAULT_PARTIALS_SHOWN = 3;

function newSpace(history: PreparedHistory, partition: PreparedPartition): StateSpace {
  return new StateSpace(
    history.model,
    partition.modelOps,
    history.model.initialState(partition.key),
  );
}

/** Searches the failing object again, as far as the race went, recording the longest partial paths. */
function explain(
  history: PreparedHistory,
  partition: PreparedPartition,
  steps: number,
  shown: number,
) {
  const space = newSpace(history, partition);
  const recorder = new PartialRecorder(shown);
  const search = new LinearizationSearch(
    partition.problem,
    space,
    memoryBudget(Number.MAX_SAFE_INTEGER),
    recorder,
  );
  search.run(steps + 1);
  return buildCounterexample(history, partition, space, recorder.partials());
}

export function checkPrepared(history: PreparedHistory, options: CheckOptions = {}): CheckResult {
  const budget: MemoryBudget = memoryBudget(options.cacheWordsMax ?? DEFAULT_CACHE_WORDS_MAX);
  const searches = history.partitions.map(
    (partition) => new LinearizationSearch(partition.problem, newSpace(history, partition), budget),
  );
  const outcome = raceSearches(searches, {
    clock: options.clock ?? null,
    deadline: options.deadline ?? Number.POSITIVE_INFINITY,
    stepsMax: options.stepsMax ?? Number.POSITIVE_INFINITY,
    sliceSteps: options.sliceSteps ?? DEFAULT_SLICE_STEPS,
  });
  const failing = history.partitions[outcome.violation];
  const failingSearch = searches[outcome.violation];
  const base = {
    operations: history.operationCount,
    partitions: history.partitions.length,
    steps: outcome.steps,
    cacheWords: budget.wordsUsed,
  };
  if (failing !== undefined && failingSearch !== undefined) {
    const shown = options.partialsShown ?? DEFAULT_PARTIALS_SHOWN;
    const counterexample = explain(history, failing, failingSearch.steps, shown);
    return { ...base, valid: false, stopped: null, counterexample };
  }
  const valid = outcome.stopped === null ? true : "unknown";
  return { ...base, valid, stopped: outcome.stopped, counterexample: null };
}
