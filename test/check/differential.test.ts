// The checker against a brute-force checker (every real-time-consistent order) on thousands of random
// small histories, with concurrency, `fail` and `info` operations, never-completed invokes and nemesis
// events, for every model. Any disagreement is a bug in one of them.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { checkPrepared, findModel, prepareHistory } from "../../sim/check/index.js";
import { pairOperations } from "../../sim/history/index.js";
import { bruteForceLinearizable } from "./brute-force.js";
import {
  DIFFERENTIAL_MODELS,
  type DifferentialModel,
  KV_APPEND_HEAVY,
  randomHistory,
  SPECS,
} from "./random-history.js";

function verdicts(model: DifferentialModel, seed: number, corruption: number, processes: number) {
  const events = randomHistory(model, seed, { processes, operations: 8, corruption });
  const operations = pairOperations(events, "random");
  const factory = findModel(model);
  if (factory === undefined) throw new Error(`no model ${model}`);
  const instance = factory.create(SPECS[model].init);
  const expected = bruteForceLinearizable(operations, instance);
  const result = checkPrepared(prepareHistory(operations, instance, "random"), { sliceSteps: 7 });
  return { expected, actual: result.valid };
}

describe("checker agrees with brute force", () => {
  for (const model of DIFFERENTIAL_MODELS) {
    test.prop([fc.integer(), fc.constantFrom(0, 0.15, 0.5), fc.integer({ min: 1, max: 4 })], {
      numRuns: 1000,
    })(`${model}: same verdict on random histories`, (seed, corruption, processes) => {
      const { expected, actual } = verdicts(model, seed, corruption, processes);
      expect(actual).toBe(expected);
    });
  }
});

test("random histories include both verdicts for every model", () => {
  for (const model of DIFFERENTIAL_MODELS) {
    const seen = new Set<boolean | string>();
    for (let seed = 0; seed < 200 && seen.size < 2; seed++)
      seen.add(verdicts(model, seed, 0.3, 3).actual);
    expect({ model, verdicts: [...seen].sort() }).toEqual({ model, verdicts: [false, true] });
  }
});

test.prop([fc.integer(), fc.constantFrom(0, 0.15, 0.5), fc.integer({ min: 1, max: 5 })], {
  numRuns: 3000,
})(
  "kv with mostly appends (the growth pruning's ground): same verdict on random histories",
  (seed, corruption, processes) => {
    const events = randomHistory(
      "kv",
      seed,
      { processes, operations: 9, corruption },
      KV_APPEND_HEAVY,
    );
    const operations = pairOperations(events, "random");
    const instance = findModel("kv")?.create("");
    if (instance === undefined) throw new Error("no kv model");
    const expected = bruteForceLinearizable(operations, instance);
    const result = checkPrepared(prepareHistory(operations, instance, "random"), { sliceSteps: 7 });
    expect(result.valid).toBe(expected);
  },
);
