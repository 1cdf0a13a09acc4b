// A deliberately naive linearizability checker for differential tests: it tries every order of the
// operations consistent with real time (every `ok` operation placed, each `info` one placed or left
// out), on concrete model states, with no cache, no partitioning, no symmetry and no dropped operations.
import type { Json } from "../../sim/api/json.js";
import type { AnyModel, ModelOp } from "../../sim/check/index.js";
import { canonicalJson } from "../../sim/check/index.js";
import type { Operation } from "../../sim/history/index.js";

interface Candidate {
  readonly operation: Operation;
  readonly modelOp: ModelOp<unknown, unknown>;
  readonly key: string;
}

export function bruteForceLinearizable(operations: readonly Operation[], model: AnyModel): boolean {
  const candidates: Candidate[] = operations.map((operation) => ({
    operation,
    modelOp: model.parse(operation),
    key: operation.key === undefined ? "" : canonicalJson(operation.key),
  }));
  const keyOf = new Map<string, Json | undefined>(candidates.map((c) => [c.key, c.operation.key]));
  const states = new Map<string, unknown>();
  for (const [key, raw] of keyOf) states.set(key, model.initialState(raw));
  const placed = new Array<boolean>(candidates.length).fill(false);
  return search(candidates, model, placed, states);
}

function search(
  candidates: readonly Candidate[],
  model: AnyModel,
  placed: boolean[],
  states: Map<string, unknown>,
): boolean {
  const okLeft = candidates.some((c, index) => !placed[index] && c.operation.status === "ok");
  if (!okLeft) return true;
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index];
    if (candidate === undefined || placed[index] || !isMinimal(candidates, placed, candidate))
      continue;
    const before = states.get(candidate.key);
    for (const after of model.step(before, candidate.modelOp.input, candidate.modelOp.output)) {
      placed[index] = true;
      states.set(candidate.key, after);
      const found = search(candidates, model, placed, states);
      placed[index] = false;
      states.set(candidate.key, before);
      if (found) return true;
    }
  }
  return false;
}

/** True when every `ok` operation that returned before `candidate` was invoked is already placed. */
function isMinimal(
  candidates: readonly Candidate[],
  placed: readonly boolean[],
  candidate: Candidate,
): boolean {
  return candidates.every(
    (other, index) => placed[index] || other.operation.returnAt > candidate.operation.callAt,
  );
}
