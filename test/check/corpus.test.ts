// Every history of the corpora in test/data (Knossos and Porcupine, JSON lines and the original EDN)
// gets the verdict its source project asserts.
import { describe, expect, test } from "vitest";
import { checkPrepared, findModel, prepareHistory } from "../../sim/check/index.js";
import { pairOperations, readHistory } from "../../sim/history/index.js";
import { type CorpusEntry, corpusEntries, readData } from "./corpus.js";

function verdictOf(entry: CorpusEntry, file: string) {
  const factory = findModel(entry.model);
  if (factory === undefined) throw new Error(`no model ${entry.model}`);
  const operations = pairOperations(readHistory(readData(file), file), file);
  return checkPrepared(prepareHistory(operations, factory.create(entry.init), file), {
    stepsMax: 50_000_000,
  });
}

const entries = corpusEntries();

describe("JSON-lines corpus histories get their expected verdict", () => {
  test.each(entries.map((entry) => [entry.file, entry] as const))("%s", (file, entry) => {
    expect(verdictOf(entry, file).valid).toBe(entry.linearizable);
  });
});

describe("Knossos EDN originals get their expected verdict", () => {
  const withEdn = entries.flatMap((entry) =>
    entry.edn === null ? [] : [[entry.edn, entry] as const],
  );
  test.each(withEdn)("%s", (file, entry) => {
    expect(verdictOf(entry, file).valid).toBe(entry.linearizable);
  });
});

test("the corpora hold every history expected.json names", () => {
  expect(entries.filter((entry) => entry.corpus === "knossos")).toHaveLength(122);
  expect(entries.filter((entry) => entry.corpus === "porcupine-kv")).toHaveLength(6);
});

test("a non-linearizable corpus history comes with a counterexample", () => {
  const entry = entries.find((candidate) => candidate.file.endsWith("rethink-fail-minimal.jsonl"));
  if (entry === undefined) throw new Error("missing rethink-fail-minimal");
  const counterexample = verdictOf(entry, entry.file).counterexample;
  expect(counterexample?.op).toMatchObject({
    process: 1,
    op: "read -> 3",
    callLine: 3,
    returnLine: 5,
  });
  expect(counterexample?.concurrent.map((view) => view.op)).toEqual(["write 4"]);
  // Nothing ever writes 3 and the register starts at 0: the read is refuted without a search.
  expect(counterexample?.refutation).toEqual({ overwrite: null, lastRestorer: null });
  expect(counterexample?.partials).toEqual([]);
});
