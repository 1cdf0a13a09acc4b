// Where the report centres on a violation (issue 16): the operation `at.historyIndex` names, at its completion,
// with the operations `at.involved` names marked; without `at`, the counterexample's operation, or the time
// the message states; and the lanes of the message diagram, servers first.
import { describe, expect, it } from "vitest";
import { findFocus, messageWindow, renderReport } from "../../../reports/html/index.js";
import type { HistoryLine, RunRecord, TraceLine } from "../../../reports/run-data/index.js";
import { runJsonSchema } from "../../../reports/run-data/index.js";
import { runJson } from "../run-fixtures.js";

const ZXID_WRITE = 2 ** 32 + 0x2b;
const ZXID_READ = 2 ** 32 + 0x2a;

/** c2 (process 1) writes 3000016 on n2; later c3 (process 86) reads 4000017 from n1, which is cut off. */
const history: HistoryLine[] = [
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
    value: { path: "/k0", stat: { mzxid: ZXID_WRITE, version: 31 } },
    time: 2_049_500_000,
    zxid: ZXID_WRITE,
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
    value: { data: "4000017", stat: { mzxid: ZXID_READ, version: 30 } },
    time: 2_056_900_000,
    zxid: ZXID_READ,
    server: "n1",
    session: 0x10000000003,
  },
];

const line = (
  index: number,
  timeUs: number,
  node: string,
  kind: string,
  text: string,
): TraceLine => ({ index, timeUs, node, kind, text });

const trace: TraceLine[] = [
  line(0, 0, "c2", "start", "start zk-client (incarnation 0)"),
  line(1, 0, "c3", "start", "start zk-client (incarnation 0)"),
  line(2, 0, "n1", "start", "start zk-server (incarnation 0)"),
  line(3, 0, "n2", "start", "start zk-server (incarnation 0)"),
  line(4, 0, "lock-1", "start", "start recipe-lock (incarnation 0)"),
  line(5, 1_000_000, "n1", "deliver", "n2->n1 PROPOSAL zxid=0x10000002a"),
  line(6, 2_040_100, "n2", "deliver", "c2->n2 RequestPacket xid=9 setData /k0"),
  line(7, 2_049_500, "c2", "deliver", "n2->c2 ReplyPacket xid=9 zxid=4294967339 err=OK"),
  line(8, 2_056_100, "n1", "deliver", "c3->n1 RequestPacket xid=4 getData /k0"),
  line(9, 2_056_900, "c3", "deliver", "n1->c3 ReplyPacket xid=4 zxid=4294967338 err=OK"),
  line(10, 8_000_535, "lock-1", "deliver", "lock-resource->lock-1 resource-ack seq=30 accepted"),
];

const workload = [
  { process: 1, client: 1 },
  { process: 86, client: 2 },
];

function record(violation: Record<string, unknown>): RunRecord {
  const run = runJsonSchema.parse(
    runJson({
      workload,
      violations: [violation],
      stats: { events: 11, sim_time_us: 10_000_000, faults: 1 },
    }),
  );
  return { run, trace, history };
}

describe("the violation the report centres on", () => {
  it("is the completion of the operation at.historyIndex names, with at.involved marked", () => {
    const at = { historyIndex: 2, involved: [0], node: "n1", zxid: ZXID_READ };
    const focus = findFocus(record({ check: "read-state", message: "stale", at }), null);
    expect(focus.position).toBe(9);
    expect(focus.node).toBe("c3");
    expect(focus.label).toBe("read-state: c3 getData /k0 → 4000017 @0x10000002a");
    expect(focus.involved).toEqual([
      { position: 7, node: "c2", label: "c2 setData /k0 = 3000016 @0x10000002b" },
    ]);
  });

  it("is the counterexample's operation when the violation carries no location", () => {
    const focus = findFocus(
      record({
        check: "linearizability",
        message: "cannot linearize process 86 (zxid 4294967338)",
      }),
      {
        invokeIndex: 2,
        involved: [0],
      },
    );
    expect(focus.position).toBe(9);
    expect(focus.reason).toContain("the operation that cannot be linearized");
    expect(focus.involved.map((mark) => mark.position)).toEqual([7]);
  });

  it("is the time a message states before any zxid it names", () => {
    const message = "at 8000535us the resource accepted write 30 of lock-1 (token 4294967338)";
    const focus = findFocus(record({ check: "lock-exclusion", message }), null);
    expect(focus.position).toBe(10);
    expect(focus.node).toBe("lock-1");
  });
});

describe("the message diagram around the violation", () => {
  it("draws servers first, then clients, and marks the violation and its involved operations", () => {
    const window = messageWindow(trace, 9, [7]);
    expect(window.servers).toEqual(["n1", "n2", "c2", "c3", "lock-1"]);
    expect(window.serverCount).toBe(2);
    expect(window.positions).toContain(7);
    const at = { historyIndex: 2, involved: [0] };
    const html = renderReport({
      record: record({ check: "read-state", message: "stale", at }),
      counterexample: null,
    });
    const messages = /<section id="messages">.*?<\/section>/s.exec(html)?.[0] ?? "";
    expect(messages).toMatch(
      /class="violation-mark"[^>]*><path[^>]*><title>✗ read-state: c3 getData \/k0 → 4000017 @0x10000002a/,
    );
    expect(messages).toMatch(
      /class="involved-mark"[^>]*><path[^>]*><title>c2 setData \/k0 = 3000016 @0x10000002b/,
    );
    expect(messages).toContain('class="lanes-head"');
    // Client replies print zxids in decimal; the diagram shows them in hex.
    expect(messages).toContain("n1-&gt;c3 ReplyPacket xid=4 zxid=0x10000002a err=OK");
    expect(messages).not.toContain("4294967338");
  });
});
