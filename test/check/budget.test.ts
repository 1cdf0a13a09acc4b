// Out of budget, the checker answers "unknown" instead of hanging; its cache stays within its memory budget
// by evicting, which never changes a verdict.
import { expect, test } from "vitest";
import { checkPrepared, findModel, prepareHistory } from "../../sim/check/index.js";
import { pairOperations, readHistory } from "../../sim/history/index.js";
import { readData } from "./corpus.js";

function prepared(file = "porcupine-kv/c50-ok.jsonl") {
  const factory = findModel("kv");
  if (factory === undefined) throw new Error("no kv model");
  return prepareHistory(
    pairOperations(readHistory(readData(file), file), file),
    factory.create(""),
    file,
  );
}

test("a cache budget too small for the search evicts older entries and keeps the exact verdict", () => {
  const roomy = checkPrepared(prepared());
  const cramped = checkPrepared(prepared(), { cacheWordsMax: 2_000 });
  expect(cramped).toMatchObject({ valid: true, stopped: null });
  expect(cramped.cacheWords).toBeLessThanOrEqual(2_000);
  expect(cramped.cacheWords).toBeLessThan(roomy.cacheWords);
  const bad = checkPrepared(prepared("porcupine-kv/c50-bad.jsonl"), { cacheWordsMax: 2_000 });
  expect(bad.valid).toBe(false);
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
