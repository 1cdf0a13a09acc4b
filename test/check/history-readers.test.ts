// Reading histories: both formats, what real Jepsen histories contain, and precise errors for bad input.
import { describe, expect, test } from "vitest";
import {
  HistoryError,
  MAX_NESTING_DEPTH,
  pairOperations,
  readEdn,
  readHistory,
  readJsonLines,
} from "../../sim/history/index.js";

function errorOf(read: () => unknown): HistoryError {
  try {
    read();
  } catch (error) {
    if (error instanceof HistoryError) return error;
    throw error;
  }
  throw new Error("expected a HistoryError");
}

describe("JSON lines", () => {
  test("extra fields, nemesis operations and backwards time are accepted", () => {
    const text = [
      '{"process":0,"type":"invoke","f":"write","value":1,"time":50,"index":0}',
      '{"process":"nemesis","type":"info","f":"start","value":null,"time":10}',
      '{"process":0,"type":"ok","f":"write","value":1,"time":20,"error":"none"}',
    ].join("\n");
    const operations = pairOperations(readJsonLines(text, "h.jsonl"), "h.jsonl");
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({
      process: 0,
      f: "write",
      status: "ok",
      callLine: 1,
      returnLine: 3,
    });
  });

  test("a line that is not JSON is reported with file and line", () => {
    const error = errorOf(() =>
      readJsonLines('{"process":0,"type":"invoke","f":"read"}\n{"process":', "h.jsonl"),
    );
    expect(error.message).toMatch(/^h\.jsonl:2: not valid JSON/);
  });

  test("a bad type is reported with file, line and field", () => {
    const error = errorOf(() =>
      readJsonLines('{"process":0,"type":"begin","f":"read"}', "h.jsonl"),
    );
    expect(error.message).toBe(
      "h.jsonl:1: field 'type': expected one of invoke, ok, fail, info, got \"begin\"",
    );
  });

  test("a client operation without f is reported", () => {
    expect(errorOf(() => readJsonLines('{"process":3,"type":"invoke"}', "h.jsonl")).field).toBe(
      "f",
    );
  });
});

describe("pairing", () => {
  const events = readJsonLines(
    [
      '{"process":0,"type":"invoke","f":"write","value":1}',
      '{"process":1,"type":"invoke","f":"write","value":2}',
      '{"process":2,"type":"invoke","f":"read","value":null}',
      '{"process":0,"type":"fail","f":"write","value":1}',
      '{"process":1,"type":"info","f":"write","value":2}',
      '{"process":3,"type":"invoke","f":"read","value":null}',
      '{"process":3,"type":"ok","f":"read","value":2}',
    ].join("\n"),
    "h.jsonl",
  );
  const operations = pairOperations(events, "h.jsonl");

  test("fail operations are dropped", () => {
    expect(operations.map((op) => op.process)).toEqual([1, 2, 3]);
  });

  test("info operations and never-completed invokes stay open to the end", () => {
    expect(operations[0]).toMatchObject({
      status: "info",
      returnAt: Number.POSITIVE_INFINITY,
      returnLine: 5,
    });
    expect(operations[1]).toMatchObject({
      status: "info",
      returnAt: Number.POSITIVE_INFINITY,
      returnLine: null,
    });
  });

  test("a completion without an invoke is reported", () => {
    const bad = readJsonLines('{"process":4,"type":"ok","f":"read","value":1}', "h.jsonl");
    expect(errorOf(() => pairOperations(bad, "h.jsonl")).message).toMatch(
      /^h\.jsonl:1: field 'type': process 4/,
    );
  });
});

describe("EDN", () => {
  test("a vector of maps with keywords, nil and comments reads like JSON lines", () => {
    const text = `; a comment
[{:type :invoke, :f :cas, :value [1 2], :process 0}
 {:type :info, :f :start, :process :nemesis, :value "Cut off [:n1 #{:n2}]"}
 {:type :ok, :f :cas, :value [1 2], :process 0, :time 5}]`;
    const events = readEdn(text, "h.edn");
    expect(events.map((event) => [event.line, event.process, event.type, event.f])).toEqual([
      [2, 0, "invoke", "cas"],
      [3, null, "info", "start"],
      [4, 0, "ok", "cas"],
    ]);
    expect(events[0]?.value).toEqual([1, 2]);
  });

  test("one map per line without a vector, and tagged operations, are read", () => {
    const text =
      "{:type :invoke, :f :read, :value nil, :process 1}\n#jepsen.history.Op{:type :ok, :f :read, :value 3, :process 1}\n";
    expect(readHistory(text, "history.edn").map((event) => event.value)).toEqual([null, 3]);
  });

  test("an unclosed map is reported with the line it starts on", () => {
    const error = errorOf(() =>
      readEdn("[{:type :invoke, :process 1}\n {:type :ok, :process 1\n", "h.edn"),
    );
    expect(error.message).toMatch(/^h\.edn:(1|2): /);
  });

  test("a map without a type is reported with file, line and field", () => {
    const error = errorOf(() =>
      readEdn("[{:type :invoke :f :read :process 1}\n {:f :read :process 1}]", "h.edn"),
    );
    expect(error.message).toBe(
      "h.edn:2: field 'type': expected one of invoke, ok, fail, info, got nothing",
    );
  });
});

describe("input limits", () => {
  const DEEP = 100_000;
  const write = (value: string) => `{"process":0,"type":"invoke","f":"write","value":${value}}`;

  test("a JSON line nested 100,000 levels deep is refused with its line, not a stack overflow", () => {
    const text = `${write("1")}\n${write(`${"[".repeat(DEEP)}${"]".repeat(DEEP)}`)}`;
    const error = errorOf(() => readJsonLines(text, "deep.jsonl"));
    expect(error.message).toBe(
      `deep.jsonl:2: nested more than ${MAX_NESTING_DEPTH} levels deep (the limit for any value)`,
    );
  });

  test("nesting at the limit is read; brackets inside strings do not count", () => {
    const atLimit = `${"[".repeat(MAX_NESTING_DEPTH - 1)}${"]".repeat(MAX_NESTING_DEPTH - 1)}`;
    expect(readJsonLines(write(atLimit), "ok.jsonl")).toHaveLength(1);
    expect(readJsonLines(write(JSON.stringify("[".repeat(500))), "ok.jsonl")).toHaveLength(1);
    expect(() => readJsonLines(write(`[${atLimit}]`), "over.jsonl")).toThrow(HistoryError);
  });

  test("an EDN value nested 100,000 levels deep is refused with its line", () => {
    const text = `{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :invoke :f :write :value ${"[".repeat(DEEP)}${"]".repeat(DEEP)}}`;
    const error = errorOf(() => readEdn(text, "deep.edn"));
    expect(error.message).toMatch(/^deep\.edn:2: nested more than 100 levels deep/);
  });

  test("a long chain of EDN tags or discards is refused, not a stack overflow", () => {
    const tags = `${"#a ".repeat(DEEP)}{:process 0 :type :invoke :f :write :value 1}`;
    expect(errorOf(() => readEdn(tags, "tags.edn")).message).toMatch(/nested more than 100/);
    const discards = `${"#_ ".repeat(DEEP)}1 {:process 0 :type :invoke :f :write :value 1}`;
    expect(errorOf(() => readEdn(discards, "d.edn")).message).toMatch(/nested more than 100/);
  });

  test("a history with more events than the limit is refused in both formats", () => {
    const lines = Array.from({ length: 4 }, () => write("1"));
    expect(readHistory(lines.slice(0, 3).join("\n"), "h.jsonl", 3)).toHaveLength(3);
    expect(errorOf(() => readHistory(lines.join("\n"), "h.jsonl", 3)).message).toBe(
      "h.jsonl:4: more than 3 events (the limit for one history); split it by key or time",
    );
    const edn = Array.from({ length: 4 }, () => "{:process 0 :type :invoke :f :write :value 1}");
    expect(errorOf(() => readHistory(edn.join("\n"), "h.edn", 3)).message).toMatch(
      /^h\.edn:4: more than 3 events/,
    );
  });
});
