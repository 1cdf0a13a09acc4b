// The linearizability check of a prepared history: one search per independent object, raced; on a
// violation, the failing object is searched again with a recorder to explain it. Pure and synchronous:
// time is read only through the injected clock.
import type { Counterexample } from "./counterexample.js";
import { buildCounterexample, refutationCounterexample } from "./counterexample.js";
import { LinearizationSearch } from "./linearization-search.js";
import type { MemoryBudget } from "./memory-budget.js";
import { DEFAULT_CACHE_WORDS_MAX, memoryBudget } from "./memory-budget.js";
import { PartialRecorder } from "./partial-recorder.js";
import type { PreparedHistory, PreparedPartition } from "./prepare.js";
import type { RaceStop } from "./race.js";
import { raceSearches } from "./race.js";
import { refuteStaleRead } from "./stale-read-refutation.js";
import { StateSpace } from "./state-space.js";

export type Verdict = true | false | "unknown";

export interface CheckOptions {
  /** A monotonic clock in milliseconds; with `deadline`, bounds the time the check may take. */
  readonly clock?: () => number;
  /** The clock value after which the verdict is "unknown". */
  readonly deadline?: number;
  /** Total search steps after which the verdict is "unknown" (a deterministic budget). */
  readonly stepsMax?: number;
  /** Search cache size, in 32-bit words over all objects; beyond it searches evict older entries. */
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
  /** The most search cache in use at once, in 32-bit words over all objects (memory-budget.ts). */
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
  options: CheckOptions,
) {
  const space = newSpace(history, partition);
  const recorder = new PartialRecorder(options.partialsShown ?? DEFAULT_PARTIALS_SHOWN);
  const budget = memoryBudget(options.cacheWordsMax ?? DEFAULT_CACHE_WORDS_MAX);
  const search = new LinearizationSearch(partition.problem, space, budget, recorder);
  search.run(steps + 1);
  return buildCounterexample(history, partition, space, recorder.partials());
}

/** The first object with a read refuted without searching (stale-read-refutation.ts), explained. */
function refuted(
  history: PreparedHistory,
  spaces: readonly StateSpace[],
): { readonly index: number; readonly counterexample: Counterexample } | null {
  for (const [index, partition] of history.partitions.entries()) {
    const space = spaces[index];
    const proof = refuteStaleRead(partition);
    if (proof !== null && space !== undefined)
      return { index, counterexample: refutationCounterexample(history, partition, space, proof) };
  }
  return null;
}

/**
 * The verdict is false when some object is not linearizable, "unknown" when the budget ran out before
 * every object was decided and none failed, true otherwise (P-compositionality: a history is linearizable
 * iff each independent object's subhistory is).
 */
export function checkPrepared(history: PreparedHistory, options: CheckOptions = {}): CheckResult {
  const budget: MemoryBudget = memoryBudget(options.cacheWordsMax ?? DEFAULT_CACHE_WORDS_MAX);
  const spaces = history.partitions.map((partition) => newSpace(history, partition));
  const base = { operations: history.operationCount, partitions: history.partitions.length };
  const refutation = refuted(history, spaces);
  if (refutation !== null) {
    const { counterexample } = refutation;
    return { ...base, steps: 0, cacheWords: 0, valid: false, stopped: null, counterexample };
  }
  const searches = history.partitions.map(
    (partition, index) =>
      new LinearizationSearch(
        partition.problem,
        spaces[index] ?? newSpace(history, partition),
        budget,
      ),
  );
  const outcome = raceSearches(searches, {
    clock: options.clock ?? null,
    deadline: options.deadline ?? Number.POSITIVE_INFINITY,
    stepsMax: options.stepsMax ?? Number.POSITIVE_INFINITY,
    sliceSteps: options.sliceSteps ?? DEFAULT_SLICE_STEPS,
    cacheWordsMax: budget.wordsMax,
  });
  const failing = history.partitions[outcome.violation];
  const failingSearch = searches[outcome.violation];
  const searched = { ...base, steps: outcome.steps, cacheWords: budget.wordsPeak };
  if (failing !== undefined && failingSearch !== undefined) {
    const counterexample = explain(history, failing, failingSearch.steps, options);
    return { ...searched, valid: false, stopped: null, counterexample };
  }
  const valid = outcome.stopped === null ? true : "unknown";
  return { ...searched, valid, stopped: outcome.stopped, counterexample: null };
}
