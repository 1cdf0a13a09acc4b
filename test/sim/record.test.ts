import { describe, expect, it } from "vitest";
import { readHistory } from "../../sim/history/index.js";
import {
  type HistoryEntry,
  historyToEdn,
  historyToJsonLines,
  TraceHash,
  traceToJsonLines,
} from "../../sim/record/index.js";

describe("trace hash", () => {
  it("is FNV-1a 64 over 32-bit words: the empty hash is the offset basis", () => {
    expect(new TraceHash().hex).toBe("cbf29ce484222325");
  });

  it("matches a BigInt reference implementation word for word", () => {
    const mask = (1n << 64n) - 1n;
    let reference = 0xcbf29ce484222325n;
    const hash = new TraceHash();
    for (const word of [0, 1, 0xffffffff, 123456789, 0x80000000, 42]) {
      reference = ((reference ^ BigInt(word)) * 0x100000001b3n) & mask;
      hash.word(word);
    }
    expect(hash.hex).toBe(reference.toString(16).padStart(16, "0"));
  });

  it("depends on order", () => {
    const a = new TraceHash();
    a.word(1);
    a.word(2);
    const b = new TraceHash();
    b.word(2);
    b.word(1);
    expect(a.hex).not.toBe(b.hex);
  });
});

describe("file formats", () => {
  const history: HistoryEntry[] = [
    { process: 0, type: "invoke", f: "write", value: 3, time: 1000 },
    { process: 0, type: "ok", f: "write", value: 3, time: 2000, zxid: 4294967297 },
    {
      process: "nemesis",
      type: "info",
      f: "partition-start",
      value: { cuts: [["n1", "n2"]] },
      time: 2500,
    },
  ];

  it("writes the history as JSON lines", () => {
    expect(historyToJsonLines(history).split("\n").slice(0, 2)).toEqual([
      '{"process":0,"type":"invoke","f":"write","value":3,"time":1000}',
      '{"process":0,"type":"ok","f":"write","value":3,"time":2000,"zxid":4294967297}',
    ]);
  });

  it("writes the history as Jepsen EDN", () => {
    expect(historyToEdn(history).trim().split("\n")).toEqual([
      "{:process 0, :type :invoke, :f :write, :value 3, :time 1000, :index 0}",
      "{:process 0, :type :ok, :f :write, :value 3, :time 2000, :zxid 4294967297, :index 1}",
      '{:process :nemesis, :type :info, :f :partition-start, :value {:cuts [["n1" "n2"]]}, :time 2500, :index 2}',
    ]);
  });

  it("reads back the same events from both formats", () => {
    const fromJson = readHistory(historyToJsonLines(history), "h.jsonl");
    const fromEdn = readHistory(historyToEdn(history), "h.edn");
    const essentials = (events: typeof fromJson) =>
      events.map((e) => [e.process, e.type, e.f, JSON.stringify(e.value)]);
    expect(essentials(fromEdn)).toEqual(essentials(fromJson));
    expect(fromJson).toHaveLength(3);
  });

  it("writes the trace as JSON lines", () => {
    const line = traceToJsonLines([
      { index: 0, timeUs: 5, node: "n1", kind: "timer", text: "timer tick" },
    ]);
    expect(line).toBe('{"index":0,"timeUs":5,"node":"n1","kind":"timer","text":"timer tick"}\n');
  });
});
