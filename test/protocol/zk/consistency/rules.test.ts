// One test per guarantee of reference §2 that the ZooKeeper check enforces, on small hand-built runs.
import { expect, test } from "vitest";
import { checkZooKeeper, type ZkRecord } from "../../../../protocol/zk/consistency/index.js";
import { simulate } from "./reference-sim.js";

const base = simulate(2, [
  { kind: "call", client: 0, f: "getData", value: { path: "/", watch: false } },
  { kind: "call", client: 1, f: "exists", value: { path: "/x", watch: true } },
  { kind: "call", client: 0, f: "create", value: { path: "/x", data: "a" } },
  { kind: "catch-up", server: 1, count: 1 },
  { kind: "call", client: 1, f: "getData", value: { path: "/x" } },
]);

function checks(records: readonly ZkRecord[]): readonly string[] {
  return checkZooKeeper(records).violations.map((violation) => violation.check);
}

function withLast(records: readonly ZkRecord[], change: Partial<ZkRecord>): ZkRecord[] {
  return records.map((record, at) =>
    at === records.length - 1 ? ({ ...record, ...change } as ZkRecord) : record,
  );
}

test("the unmodified run passes", () => {
  expect(checks(base.records)).toEqual([]);
});

test("'a successful return code means applied': a write answered with another result is caught", () => {
  const records = base.records.map((r) =>
    r.kind === "complete" && r.process === 0 && r.zxid === 1
      ? { ...r, value: { error: "NODEEXISTS" } }
      : r,
  );
  expect(checks(records)).toContain("write-order");
});

test("'writes are linearizable': two writes with one zxid are caught", () => {
  const extra = simulate(1, [
    { kind: "call", client: 0, f: "create", value: { path: "/y" } },
    { kind: "call", client: 0, f: "create", value: { path: "/z" } },
  ]).records.map((r) => (r.kind === "complete" ? { ...r, zxid: 1 } : r));
  expect(checks(extra)).toContain("write-order");
});

test("'reads are served locally, may be stale' but each shows a real state: an invented value is caught", () => {
  expect(checks(withLast(base.records, { value: { error: "NONODE" } }))).toContain("read-state");
});

test("'a client never sees an older view': a read below the session's own write zxid is caught", () => {
  const run = simulate(1, [
    { kind: "call", client: 0, f: "create", value: { path: "/x" } },
    { kind: "call", client: 0, f: "exists", value: { path: "/x" } },
  ]);
  expect(checks(withLast(run.records, { zxid: 0, value: { error: "NONODE" } }))).toEqual([
    "session-order",
  ]);
});

test("'a client sees the watch event before it sees any data that reflects the change'", () => {
  const event = base.records.findIndex((r) => r.kind === "watch-event");
  expect(event).toBeGreaterThan(0);
  const moved = [...base.records.filter((_, at) => at !== event), base.records[event]].filter(
    (r): r is ZkRecord => r !== undefined,
  );
  expect(checks(moved)).toContain("watch-order");
});
