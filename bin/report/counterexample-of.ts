// The linearizability counterexample a report shows: the one run.json recorded, or, when a linearizability
// check failed without one, the checker's own search over the recorded history.jsonl (a check of recorded
// data, not a re-run of the protocol), bounded in time.
import { join } from "node:path";
import type { RunRecord } from "../../reports/run-data/index.js";
import type { Counterexample } from "../../sim/check/index.js";
import { checkPrepared, prepareHistory } from "../../sim/check/index.js";
import { pairOperations, readHistory } from "../../sim/history/index.js";
import { CHECK_MODELS } from "../check/znode-tree-factory.js";

const CHECK_BUDGET_MS = 10_000;

/** Register-style histories get the cas-register model (keys are checked independently). */
function modelFor(record: RunRecord, named: string | undefined): string | null {
  if (named !== undefined) return named;
  const fs = new Set(record.history.filter((e) => e.process !== "nemesis").map((e) => e.f));
  return [...fs].every((f) => f === "read" || f === "write" || f === "cas") ? "cas-register" : null;
}

function looksLikeCounterexample(value: unknown): value is Counterexample {
  const ce = value as Partial<Counterexample> | null;
  return typeof ce === "object" && ce !== null && Array.isArray(ce.partials) && ce.op !== undefined;
}

export function counterexampleOf(record: RunRecord, dir: string, historyText: string | null) {
  const failed = record.run.verdicts.find(
    (outcome) => outcome.check === "linearizability" && outcome.verdict === "fail",
  );
  if (failed === undefined) return null;
  if (looksLikeCounterexample(failed.counterexample)) return failed.counterexample;
  const modelName = modelFor(record, failed.model);
  const factory = CHECK_MODELS.find((model) => model.name === modelName);
  if (factory === undefined || historyText === null) return null;
  const file = join(dir, "history.jsonl");
  const prepared = prepareHistory(
    pairOperations(readHistory(historyText, file), file),
    factory.create(null),
    file,
  );
  const started = performance.now();
  const result = checkPrepared(prepared, {
    clock: () => performance.now(),
    deadline: started + CHECK_BUDGET_MS,
  });
  return result.counterexample;
}
