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

/** c0 reads /x with a watch, c1 changes /x, c0 reads it again with `rewatch`, c1 changes /x again. */
function twoChanges(rewatch: boolean): ZkRecord[] {
  const run = simulate(2, [
    { kind: "call", client: 1, f: "create", value: { path: "/x", data: "a" } },
    { kind: "call", client: 0, f: "getData", value: { path: "/x", watch: true } },
    { kind: "call", client: 1, f: "setData", value: { path: "/x", data: "b" } },
    { kind: "call", client: 0, f: "getData", value: { path: "/x", watch: true } },
    { kind: "call", client: 1, f: "setData", value: { path: "/x", data: "c" } },
  ]);
  const reads = run.records.flatMap((r, at) =>
    r.kind === "invoke" && r.f === "getData" ? [at] : [],
  );
  const second = reads[1];
  return run.records.map((r, at) =>
    at === second && r.kind === "invoke" ? { ...r, value: { path: "/x", watch: rewatch } } : r,
  );
}

test("'standard watches are one-shot': a watch registered again fires again", () => {
  const records = twoChanges(true);
  const events = records.filter((r) => r.kind === "watch-event");
  expect(events.map((e) => e.kind === "watch-event" && e.zxid)).toEqual([2, 3]);
  expect(checks(records)).toEqual([]);
});

test("'standard watches are one-shot': a second event without a second registration is caught", () => {
  const result = checkZooKeeper(twoChanges(false));
  expect(result.valid).toBe(false);
  expect(result.violations.map((v) => v.check)).toEqual(["watch-order"]);
  expect(result.violations[0]?.message).toContain("a second time");
});

test("'NodeDeleted fires both the data and the child watch' with one event", () => {
  const run = simulate(2, [
    { kind: "call", client: 1, f: "create", value: { path: "/x", data: "a" } },
    { kind: "call", client: 0, f: "getData", value: { path: "/x", watch: true } },
    { kind: "call", client: 0, f: "getChildren", value: { path: "/x", watch: true } },
    { kind: "call", client: 1, f: "delete", value: { path: "/x" } },
  ]);
  const deleted = run.records.filter((r) => r.kind === "watch-event");
  expect(deleted).toHaveLength(1);
  expect(checks(run.records)).toEqual([]);
  const twice = [...run.records, ...deleted];
  expect(checks(twice)).toContain("watch-order");
});

/** c0 holds a persistent watch on /x; c1 creates /x; c0 reads /x (`away`: c0 was on a lagging server meanwhile and reconnects). */
function persistentRun(away: boolean) {
  return simulate(2, [
    ...(away ? [{ kind: "switch", client: 0, server: 2 } as const] : []),
    { kind: "call", client: 0, f: "addWatch", value: { path: "/x", mode: "persistent" } },
    { kind: "call", client: 1, f: "create", value: { path: "/x", data: "a" } },
    ...(away ? [{ kind: "switch", client: 0, server: 0 } as const] : []),
    { kind: "call", client: 0, f: "getData", value: { path: "/x" } },
  ]);
}

test("'a client sees the watch event before it sees any data that reflects the change': persistent watches too", () => {
  const run = persistentRun(false);
  expect(run.records.filter((r) => r.kind === "watch-event")).toHaveLength(1);
  expect(checks(run.records)).toEqual([]);
  const withheld = run.records.filter((r) => r.kind !== "watch-event");
  expect(checks(withheld)).toEqual(["watch-order"]);
});

test("'persistent watches are simply re-armed (no catch-up events)': a change made while away may be missed", () => {
  const run = persistentRun(true);
  expect(run.records.filter((r) => r.kind === "watch-event")).toHaveLength(0);
  expect(checks(run.records)).toEqual([]);
  // Without the record of the reconnect the history claims one connection saw the change: then it is caught.
  const lastConnect = run.records.findLastIndex((r) => r.kind === "connected");
  expect(checks(run.records.filter((_, at) => at !== lastConnect))).toEqual(["watch-order"]);
});
