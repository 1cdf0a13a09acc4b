// Out of budget, the checker answers "unknown" instead of hanging or exhausting memory.
import { expect, test } from "vitest";
import { checkPrepared, findModel, prepareHistory } from "../../sim/check/index.js";
import { pairOperations, readHistory } from "../../sim/history/index.js";
import { readData } from "./corpus.js";

function prepared() {
  const file = "porcupine-kv/c50-ok.jsonl";
  const factory = findModel("kv");
  if (factory === undefined) throw new Error("no kv model");
  return prepareHistory(
    pairOperations(readHistory(readData(file), file), file),
    factory.create(""),
    file,
  );
}

test("a cache-size budget that is too small gives unknown (memory)", () => {
  const result = checkPrepared(prepared(), { cacheWordsMax: 10_000 });
  expect(result).toMatchObject({ valid: "unknown", stopped: "memory", counterexample: null });
});

test("a step budget that is too small gives unknown (steps)", () => {
  expect(checkPrepared(prepared(), { stepsMax: 1_000 })).toMatchObject({
    valid: "unknown",
    stopped: "steps",
  });
});

test("a deadline already passed on the injected clock gives unknown (deadline)", () => {
  let now = 0;
  const clock = () => ++now;
  expect(checkPrepared(prepared(), { clock, deadline: 1 })).toMatchObject({
    valid: "unknown",
    stopped: "deadline",
  });
});
