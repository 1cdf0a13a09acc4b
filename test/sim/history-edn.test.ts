// history.edn is readable by Jepsen's tools: `:type` and `:f` are EDN keywords, the nemesis process is
// `:nemesis`, every line is one well-formed map with no repeated key, and names that cannot be keywords
// (a znode path as a map key) are written as strings instead of breaking the file.
import { parseEDNString } from "edn-data";
import { describe, expect, it } from "vitest";
import { readHistory } from "../../sim/history/index.js";
import {
  ednKeyword,
  type HistoryEntry,
  historyToEdn,
  historyToJsonLines,
} from "../../sim/record/index.js";

const history: HistoryEntry[] = [
  {
    process: 3,
    type: "invoke",
    f: "create",
    value: { path: "/a b", data: 'x"y\n' },
    time: 10,
    index: 99,
  },
  {
    process: 3,
    type: "ok",
    f: "create",
    value: { "/a b": 1, "2x": null },
    time: 20,
    session: 7,
    server: "n1",
  },
  {
    process: "nemesis",
    type: "info",
    f: "partition-start",
    value: { cuts: [["n1", "n2"]] },
    time: 30,
  },
  { process: 4, type: "fail", f: "set data", value: [1.5, -2, true], time: 40 },
];

describe("history.edn", () => {
  const lines = historyToEdn(history).trim().split("\n");

  it("writes :type and :f as keywords and the nemesis process as :nemesis", () => {
    for (const line of lines)
      expect(() => parseEDNString(line, { mapAs: "object", keywordAs: "string" })).not.toThrow();
    expect(lines[0]).toMatch(/^{:process 3, :type :invoke, :f :create, /);
    expect(lines[2]).toMatch(/^{:process :nemesis, :type :info, :f :partition-start, /);
  });

  it("writes :index as the position and never twice", () => {
    expect(lines[0]).toMatch(/:index 0}$/);
    expect(lines[0]?.match(/:index/g)).toHaveLength(1);
  });

  it("writes names that cannot be keywords as strings", () => {
    expect(ednKeyword("getData")).toBe(":getData");
    expect(ednKeyword("/a b")).toBe('"/a b"');
    expect(ednKeyword("2x")).toBe('"2x"');
    expect(ednKeyword("-1")).toBe('"-1"');
    expect(lines[1]).toContain('{"/a b" 1, "2x" nil}');
    expect(lines[3]).toContain(':f "set data"');
  });

  it("reads back as the same history as history.jsonl", () => {
    const fromEdn = readHistory(historyToEdn(history), "history.edn");
    const fromJson = readHistory(historyToJsonLines(history), "history.jsonl");
    const essentials = (events: typeof fromEdn) =>
      events.map((e) => [e.process, e.type, e.f, JSON.stringify(e.value)]);
    expect(essentials(fromEdn)).toEqual(essentials(fromJson));
    expect(fromEdn.map((e) => e.f)).toEqual(["create", "create", "partition-start", "set data"]);
  });
});
