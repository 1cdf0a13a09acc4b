// The report's views of a failure (issue 16): the story at the top with where it shows, the counterexample
// zoomed to the operations that conflict with short labels and its key fact, one timeline lane per client by
// its name (recipe clients included, with their steps as marks), server roles that agree with mntr, and the
// fault count run.json gives.
import { describe, expect, it } from "vitest";
import {
  pairClientOps,
  renderReport,
  roleTimeline,
  timelineColumns,
} from "../../../reports/html/index.js";
import type { HistoryLine, MonitorSampleJson, TraceLine } from "../../../reports/run-data/index.js";
import { runJsonSchema } from "../../../reports/run-data/index.js";
import type { Counterexample } from "../../../sim/check/index.js";
import { runJson } from "../run-fixtures.js";

const W = 2 ** 32;
const history: HistoryLine[] = [
  {
    process: 5,
    type: "invoke",
    f: "setData",
    value: { path: "/k0", data: "4000017", version: -1 },
    time: 1_990_000_000,
  },
  {
    process: 5,
    type: "ok",
    f: "setData",
    value: { path: "/k0", stat: { czxid: W + 10, mzxid: W + 0x2a } },
    time: 1_995_000_000,
    zxid: W + 0x2a,
    server: "n3",
    session: 0x30000000001,
  },
  {
    process: 1,
    type: "invoke",
    f: "setData",
    value: { path: "/k0", data: "3000016", version: -1 },
    time: 2_040_000_000,
  },
  {
    process: 1,
    type: "ok",
    f: "setData",
    value: { path: "/k0", stat: { czxid: W + 10, mzxid: W + 0x2b } },
    time: 2_049_500_000,
    zxid: W + 0x2b,
    server: "n2",
    session: 0x20000000001,
  },
  {
    process: 86,
    type: "invoke",
    f: "getData",
    value: { path: "/k0", watch: false },
    time: 2_056_000_000,
  },
  {
    process: 86,
    type: "ok",
    f: "getData",
    value: { data: "4000017", stat: { czxid: W + 10, mzxid: W + 0x2a } },
    time: 2_056_900_000,
    zxid: W + 0x2a,
    server: "n1",
    session: 0x10000000003,
  },
];
const view = (process: number, callLine: number, op: string) => ({
  index: callLine,
  process,
  op,
  status: "ok" as const,
  callLine,
  returnLine: callLine + 1,
});
const counterexample: Counterexample = {
  key: "/k0",
  op: view(86, 5, 'getData {"path":"/k0"} -> {"data":"4000017","stat":{"czxid":4294967306}}'),
  concurrent: [],
  concurrentCount: 0,
  initialState: "{}",
  partials: [
    {
      length: 2,
      omitted: 0,
      steps: [
        { op: view(5, 1, 'setData {"path":"/k0","data":"4000017"}'), state: '{"/k0": "4000017"}' },
        { op: view(1, 3, 'setData {"path":"/k0","data":"3000016"}'), state: '{"/k0": "3000016"}' },
      ],
      finalState: '{"/k0": "3000016"}',
      stuck: view(86, 5, "getData"),
      stuckRejected: true,
    },
  ],
};
const line = (
  index: number,
  timeUs: number,
  node: string,
  kind: string,
  text: string,
): TraceLine => ({ index, timeUs, node, kind, text });
const trace: TraceLine[] = [
  line(0, 0, "n1", "start", "start zk-server (incarnation 0)"),
  line(1, 0, "n2", "start", "start zk-server (incarnation 0)"),
  line(2, 0, "c1", "start", "start zk-client (incarnation 0)"),
  line(3, 0, "lock-1", "start", "start recipe-lock (incarnation 0)"),
  line(4, 10, "n2", "deliver", "n1->n2 LEADERINFO epoch=1"),
  line(
    5,
    1_107_420,
    "lock-resource",
    "deliver",
    "lock-1->lock-resource resource-write /lock/x token=4294967301 seq=1",
  ),
  line(6, 1_200_000, "lock-1", "deliver", "n1->lock-1 ReplyPacket xid=-2 zxid=0 err=OK"),
  line(7, 2_056_900, "c3", "deliver", "n1->c3 ReplyPacket xid=4 zxid=4294967338 err=OK"),
];
const workload = [
  { process: 1, client: 1 },
  { process: 5, client: 4 },
  { process: 86, client: 2 },
];
const STORY =
  "n1, cut off from the leader since 2.000 s, answered getData /k0 = 4000017 (served at 0x10000002a) 6.5 ms after c2's setData /k0 = 3000016 (0x10000002b) had completed.";

function render(violation: Record<string, unknown>, ce: Counterexample | null) {
  const stats = { events: 8, sim_time_us: 3_000_000, faults: 1 };
  const run = runJsonSchema.parse(runJson({ workload, violations: [violation], stats }));
  return renderReport({ record: { run, trace, history }, counterexample: ce });
}
const section = (html: string, id: string) =>
  new RegExp(`<section id="${id}">.*?</section>`, "s").exec(html)?.[0] ?? "";

describe("the story at the top of the report", () => {
  it("tells each violation's story with its check and where it shows, before the summary", () => {
    const at = { historyIndex: 4, involved: [2], node: "n1", zxid: W + 0x2a };
    const html = render({ check: "read-state", message: "stale read", at, story: STORY }, null);
    const story = section(html, "story");
    expect(html.indexOf('<section id="story">')).toBeLessThan(
      html.indexOf('<section id="summary">'),
    );
    expect(story).toContain("<strong>read-state</strong>");
    expect(story).toContain("at 2.057 s · on n1 · c3 · zxid 0x10000002a · history line 5");
    expect(story).toContain("n1, cut off from the leader since 2.000 s");
    expect(section(html, "summary")).toContain("3 operations, 1 fault<");
  });

  it("tells a linearizability failure without a story by its counterexample's key fact", () => {
    const html = render(
      { check: "linearizability", message: "not linearizable: process 86 ..." },
      counterexample,
    );
    expect(section(html, "story")).toContain(
      "c3&#39;s getData (invoked at 2.056 s) returned &quot;4000017&quot;, 6.5 ms after c2 setData /k0 = 3000016 @0x10000002b had completed",
    );
  });
});

describe("the counterexample, zoomed", () => {
  it("shows the conflicting operations with short labels and no Stat", () => {
    const html = render({ check: "linearizability", message: "x" }, counterexample);
    const ce = section(html, "counterexample");
    const conflict = /<svg id="conflict-svg".*?<\/svg>/s.exec(ce)?.[0] ?? "";
    const labels = [...conflict.matchAll(/class="lin-label[^"]*">([^<]*)</g)].map((m) => m[1]);
    expect(labels).toEqual([
      "c5 setData /k0 = 4000017 @0x10000002a",
      "c2 setData /k0 = 3000016 @0x10000002b",
      "✗ c3 getData /k0 → 4000017 @0x10000002a",
    ]);
    expect(ce).toMatch(/<p class="key-fact">c3&#39;s getData/);
    expect(ce).not.toContain("czxid");
  });
});

describe("the per-client timeline", () => {
  it("names lanes by client, workload clients first, with recipe clients' steps as marks", () => {
    const name = (process: number) => ({ 1: "c2", 5: "c5", 86: "c3" })[process] ?? `p${process}`;
    const columns = timelineColumns(pairClientOps(history), name, trace);
    expect(columns.lanes).toEqual(["c1", "c2", "c3", "c5", "lock-1"]);
    expect(columns.laneInfo[2]).toBe("c3 — process 86; session 0x10000000003; server n1");
    expect(columns.marks.lane).toEqual([4]);
    expect(columns.marks.text[0]).toContain("resource-write /lock/x");
    expect(columns.detail).toEqual(["/k0 = 4000017", "/k0 = 3000016", "/k0 → 4000017"]);
  });
});

describe("server roles", () => {
  const sample = (
    timeUs: number,
    mode: string,
    status: "up" | "paused" | "down" = "up",
  ): MonitorSampleJson => ({
    timeUs,
    servers: [{ node: "n2", status, stats: status === "up" ? { mode, epoch: 1 } : null }],
  });

  it("shows only servers, and says what mntr said at each probe", () => {
    const roles = roleTimeline(trace, 3_000_000, [
      sample(1_000_000, "not serving"),
      sample(2_000_000, "follower"),
    ]);
    expect(roles.map((r) => r.server)).toEqual(["n1", "n2"]);
    expect(roles[1]?.segments.map((s) => [s.role, s.startUs])).toEqual([
      ["looking", 0],
      ["following", 10],
      ["looking", 1_000_000],
      ["following", 2_000_000],
    ]);
  });

  it("shows a paused server as paused until its pause ends", () => {
    const paused = [...trace, line(8, 2_000_000, "", "nemesis", "pause n2 for 500000us")];
    const n2 = roleTimeline(paused, 3_000_000)[1];
    expect(n2?.segments.map((s) => [s.role, s.startUs, s.endUs])).toEqual([
      ["looking", 0, 10],
      ["following", 10, 2_000_000],
      ["paused", 2_000_000, 2_500_000],
      ["following", 2_500_000, 3_000_000],
    ]);
  });
});
