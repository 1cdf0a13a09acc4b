// Turns a history's operations into the searches to run: each operation read by the model, the
// operations grouped into independent objects (P-compositionality: by key, then by the objects the model
// says they touch), inert ones left out.
import type { Json } from "../api/json.js";
import { HistoryError } from "../history/history-error.js";
import type { Operation } from "../history/operation.js";
import { effectDeadlines } from "./effect-deadlines.js";
import type { AnyModel, ModelOp } from "./model.js";
import { ModelInputError } from "./model.js";
import { canonicalJson } from "./models/canonical-json.js";
import { groupByObjects } from "./object-groups.js";
import { observationIndex } from "./observation-index.js";
import type { SearchProblem } from "./search-problem.js";
import { searchProblem } from "./search-problem.js";

export interface PreparedPartition {
  /** The `key` the partition's operations share; undefined when the history has no keys. */
  readonly key: Json | undefined;
  /** Operations that constrain the search, in invoke order; search op i is `operations[i]`. */
  readonly operations: readonly Operation[];
  readonly modelOps: readonly ModelOp<unknown, unknown>[];
  readonly problem: SearchProblem;
}

export interface PreparedHistory {
  readonly model: AnyModel;
  /** Client operations in the history (after dropping `fail` ones). */
  readonly operationCount: number;
  readonly partitions: readonly PreparedPartition[];
}

function parseAll(
  operations: readonly Operation[],
  model: AnyModel,
  file: string,
): ModelOp<unknown, unknown>[] {
  return operations.map((operation) => {
    try {
      return model.parse(operation);
    } catch (error) {
      if (!(error instanceof ModelInputError)) throw error;
      const line = error.inCompletion
        ? (operation.returnLine ?? operation.callLine)
        : operation.callLine;
      throw new HistoryError(file, line, error.field, error.message);
    }
  });
}

/** Groups operation indices by their `key` field, in order of first appearance. */
function groupByKey(operations: readonly Operation[]): (readonly number[])[] {
  const groups = new Map<string, number[]>();
  for (const operation of operations) {
    const name = operation.key === undefined ? "" : canonicalJson(operation.key);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [operation.index]);
    else group.push(operation.index);
  }
  return [...groups.values()];
}

/** Splits each key's operations further by the objects they touch, when the model names them. */
function splitByObjects(
  groups: readonly (readonly number[])[],
  parsed: readonly ModelOp<unknown, unknown>[],
  model: AnyModel,
): (readonly number[])[] {
  const footprints = model.footprints;
  if (footprints === undefined) return [...groups];
  return groups.flatMap((group) => {
    const live = group.filter((index) => parsed[index]?.kind !== "inert");
    if (live.length === 0) return [group];
    const inputs = live.map((index) => parsed[index]?.input);
    return groupByObjects(live, footprints(inputs));
  });
}

/**
 * One independent object's search. Inert operations are left out, and so are `info` updates whose effect
 * nothing observes (Observation.unobserved): any linearization with one stays one without it, since only
 * updates that succeed anywhere and observe nothing come between it and the next reset.
 */
function preparePartition(
  group: readonly number[],
  operations: readonly Operation[],
  parsed: readonly ModelOp<unknown, unknown>[],
  model: AnyModel,
): PreparedPartition {
  const key = operations[group[0] ?? 0]?.key;
  const initial = model.initialState(key);
  const indexOf = (kept: readonly number[]) => {
    const isOk = Uint8Array.from(kept, (index) => (operations[index]?.status === "ok" ? 1 : 0));
    const modelOps = kept.map((index) => parsed[index]).filter((op) => op !== undefined);
    return observationIndex(model, modelOps, isOk, initial);
  };
  let kept = group.filter((index) => parsed[index]?.kind !== "inert");
  let observations = indexOf(kept);
  const unseen = (at: number) =>
    observations?.unobserved[at] === 1 && operations[kept[at] ?? 0]?.status === "info";
  // Leaving one out can leave another unobserved (a timed-out write only a timed-out cas expected).
  while (kept.some((_, at) => unseen(at))) {
    kept = kept.filter((_, at) => !unseen(at));
    observations = indexOf(kept);
  }
  const partitionOps = kept.map((index) => operations[index]).filter((op) => op !== undefined);
  const modelOps = kept.map((index) => parsed[index]).filter((op) => op !== undefined);
  const symmetryKeys = partitionOps.map((op) => `${op.f}\u0000${canonicalJson(op.input)}`);
  const problem = searchProblem(
    partitionOps,
    symmetryKeys,
    modelOps.map((op) => op.kind === "read"),
    observations,
    observations === null ? undefined : effectDeadlines(observations, partitionOps),
  );
  return { key, operations: partitionOps, modelOps, problem };
}

/** Throws HistoryError (naming `file` and the line) when the model cannot read an operation. */
export function prepareHistory(
  operations: readonly Operation[],
  model: AnyModel,
  file: string,
): PreparedHistory {
  const parsed = parseAll(operations, model, file);
  const groups = splitByObjects(groupByKey(operations), parsed, model);
  const partitions = groups.map((group) => preparePartition(group, operations, parsed, model));
  return { model, operationCount: operations.length, partitions };
}
