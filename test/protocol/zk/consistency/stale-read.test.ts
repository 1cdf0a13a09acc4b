// The stale-read demonstration (DESIGN.md checkers §2; reference §2 item 6: "reads are not [linearizable]
// (served locally, may be stale)"): a follower that lags answers an old value at its older zxid. The
// ZooKeeper check passes it; plain linearizability with the znode-tree model flags it; the same history
// with the read served by an up-to-date server passes both.
import { expect, test } from "vitest";
import {
  checkZooKeeper,
  type ZkRecord,
  znodeTreeModel,
} from "../../../../protocol/zk/consistency/index.js";
import {
  checkPrepared,
  formatCounterexample,
  prepareHistory,
} from "../../../../sim/check/index.js";
import { pairOperations, readHistory } from "../../../../sim/history/index.js";
import { simulate } from "./reference-sim.js";

/** The records as `zabsim check` reads them (JSON lines, Jepsen conventions). */
function jsonLines(records: readonly ZkRecord[]): string {
  const fs = new Map<number, string>();
  const lines: string[] = [];
  for (const record of records) {
    if (record.kind === "invoke") {
      fs.set(record.process, record.f);
      lines.push(
        JSON.stringify({
          process: record.process,
          type: "invoke",
          f: record.f,
          value: record.value,
        }),
      );
    } else if (record.kind === "complete") {
      const { kind: _kind, ...rest } = record;
      lines.push(JSON.stringify({ ...rest, f: fs.get(record.process) ?? "" }));
    }
  }
  return `${lines.join("\n")}\n`;
}

function linearizability(records: readonly ZkRecord[]) {
  const operations = pairOperations(readHistory(jsonLines(records), "stale.jsonl"), "stale.jsonl");
  const prepared = prepareHistory(operations, znodeTreeModel.create(), "stale.jsonl");
  return checkPrepared(prepared, { clock: () => 0, deadline: Number.POSITIVE_INFINITY });
}

/** Client 0 writes through the leader n1; client 1 reads from n2, which has applied only the create. */
const staleRun = simulate(2, [
  { kind: "call", client: 0, f: "create", value: { path: "/x", data: "old" } },
  { kind: "catch-up", server: 1, count: 1 },
  { kind: "call", client: 0, f: "setData", value: { path: "/x", data: "new" } },
  { kind: "call", client: 1, f: "getData", value: { path: "/x" } },
]);

test("a stale follower read at its older zxid passes the ZooKeeper check", () => {
  const read = staleRun.records.at(-1);
  expect(read).toMatchObject({ kind: "complete", server: "n2", zxid: 1, value: { data: "old" } });
  expect(checkZooKeeper(staleRun.records)).toMatchObject({ valid: true, violations: [] });
});

test("plain linearizability with the znode-tree model flags the same stale read", () => {
  const result = linearizability(staleRun.records);
  expect(result.valid).toBe(false);
  const text = result.counterexample === null ? [] : formatCounterexample(result.counterexample);
  expect(text.join("\n")).toContain("getData");
});

test("with the read served by an up-to-date server (linearizable reads) both checks pass", () => {
  const fresh = simulate(2, [
    { kind: "call", client: 0, f: "create", value: { path: "/x", data: "old" } },
    { kind: "call", client: 0, f: "setData", value: { path: "/x", data: "new" } },
    { kind: "switch", client: 1, server: 0 },
    { kind: "call", client: 1, f: "getData", value: { path: "/x" } },
  ]);
  expect(fresh.records.at(-1)).toMatchObject({ server: "n1", zxid: 2, value: { data: "new" } });
  expect(checkZooKeeper(fresh.records).valid).toBe(true);
  expect(linearizability(fresh.records).valid).toBe(true);
});
