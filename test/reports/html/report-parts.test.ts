// The pure parts of the HTML report: fault intervals, inferred roles, the message window's send points,
// zxids in violation messages, and escaping of recorded data that looks like markup.
import { describe, expect, it } from "vitest";
import {
  faultIntervals,
  messageWindow,
  renderReport,
  roleTimeline,
  timelineColumns,
  zxidsIn,
} from "../../../reports/html/index.js";
import type { HistoryLine, TraceLine } from "../../../reports/run-data/index.js";
import { runJsonSchema } from "../../../reports/run-data/index.js";
import { runJson } from "../run-fixtures.js";

const nemesis = (f: string, value: unknown, timeUs: number): HistoryLine => ({
  process: "nemesis",
  type: "info",
  f,
  value,
  time: timeUs * 1000,
});

const line = (
  index: number,
  timeUs: number,
  node: string,
  kind: string,
  text: string,
): TraceLine => ({
  index,
  timeUs,
  node,
  kind,
  text,
});

describe("fault intervals", () => {
  it("pairs a crash with its restart, ends a partition at the next one, and keeps instants", () => {
    const faults = faultIntervals(
      [
        nemesis("crash", "n2", 100),
        nemesis("partition-start", { cuts: [], shape: "halves" }, 150),
        nemesis("restart", "n2", 300),
        nemesis("partition-start", { cuts: [], shape: "ring" }, 400),
        nemesis("clock-jump", { node: "n1", deltaUs: 5 }, 450),
        nemesis("pause", { node: "n3", durationUs: 50 }, 500),
      ],
      1000,
    );
    expect(faults.map((f) => [f.label, f.startUs, f.endUs])).toEqual([
      ["crash n2", 100, 300],
      ["partition-start halves", 150, 400],
      ["partition-start ring", 400, 1000],
      ["clock-jump n1", 450, 450],
      ["pause n3", 500, 550],
    ]);
  });
});

describe("roles inferred from the trace", () => {
  it("a server sending LEADERINFO and PROPOSALs leads that epoch; its peer follows; a crash is down", () => {
    const trace = [
      line(0, 0, "n1", "start", "start zab (incarnation 0)"),
      line(1, 0, "n2", "start", "start zab (incarnation 0)"),
      line(
        2,
        10,
        "n2",
        "deliver",
        "n1->n2 NOTIFICATION leader=n1 zxid=0x0 epoch=0 round=1 LOOKING",
      ),
      line(3, 20, "n2", "deliver", "n1->n2 LEADERINFO epoch=3"),
      line(4, 30, "n2", "deliver", "n1->n2 PROPOSAL zxid=0x300000001"),
      line(5, 40, "", "nemesis", "crash n1"),
    ];
    const [n1, n2] = roleTimeline(trace, 100);
    expect(n1?.segments.map((s) => [s.role, s.epoch, s.startUs, s.endUs])).toEqual([
      ["looking", null, 0, 20],
      ["leading", 3, 20, 40],
      ["down", null, 40, 100],
    ]);
    expect(n2?.segments.map((s) => [s.role, s.epoch])).toEqual([
      ["looking", null],
      ["following", 3],
    ]);
  });
});

describe("the message window", () => {
  it("starts an arrow at the sender's last event before the delivery", () => {
    const trace = [
      line(0, 0, "n1", "start", "start zab (incarnation 0)"),
      line(1, 0, "n2", "start", "start zab (incarnation 0)"),
      line(2, 5, "n1", "timer", "timer leader-tick"),
      line(3, 9, "n2", "deliver", "n1->n2 COMMIT zxid=0x100000001"),
    ];
    const window = messageWindow(trace, 3);
    expect(window.servers).toEqual(["n1", "n2"]);
    const [message] = window.messages;
    expect(message).toMatchObject({ from: "n1", to: "n2", type: "COMMIT", inferred: true });
    expect(window.rows[message?.sendRow ?? -1]?.index).toBe(2);
    expect(window.rows[message?.deliverRow ?? -1]?.index).toBe(3);
  });
});

describe("zxids named by violation messages", () => {
  it("reads hex zxids and decimal ones of epoch 1 or more, not small numbers", () => {
    expect(zxidsIn("n1 delivered zxid 4294967318 after 12, and 0x200000003")).toEqual([
      4294967318, 0x200000003,
    ]);
  });
});

describe("recorded data that looks like markup", () => {
  it("cannot end the data block or inject elements", () => {
    const evil = "</script><script>alert(1)</script><b>";
    const run = runJsonSchema.parse(
      runJson({ scenario: evil, violations: [{ check: "x", message: evil }] }),
    );
    const history: HistoryLine[] = [
      { process: 0, type: "invoke", f: "write", value: evil, time: 1000 },
      { process: 0, type: "ok", f: "write", value: evil, time: 2000 },
    ];
    const html = renderReport({ record: { run, trace: [], history }, counterexample: null });
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html).not.toContain("<b>");
    expect(html).toContain("\\u003c/script>");
  });

  it("keeps 100,000 operations in compact columns", () => {
    const history: HistoryLine[] = [];
    for (let i = 0; i < 100_000; i++) {
      history.push({ process: i % 50, type: "invoke", f: "write", value: i, time: i * 1_000_000 });
      history.push({
        process: i % 50,
        type: "ok",
        f: "write",
        value: i,
        time: i * 1_000_000 + 500_000,
        zxid: 2 ** 32 + i,
      });
    }
    const ops = history.length / 2;
    const columns = timelineColumns(
      Array.from({ length: ops }, (_, i) => ({
        startUs: i * 1000,
        endUs: i * 1000 + 500,
        process: i % 50,
        status: "ok" as const,
        f: "write",
        invoke: history[2 * i] as HistoryLine,
        completion: history[2 * i + 1] as HistoryLine,
      })),
      (process) => `c${process + 1}`,
    );
    expect(columns.lanes).toHaveLength(50);
    expect(columns.lanes.slice(0, 3)).toEqual(["c1", "c2", "c3"]);
    const bytesPerOp = JSON.stringify(columns).length / ops;
    expect(bytesPerOp).toBeLessThan(48);
  });
});
