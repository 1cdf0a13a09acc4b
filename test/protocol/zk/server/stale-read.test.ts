// The stale-read demonstration on a real simulated partition (issue 6; DESIGN.md checkers §2): ZooKeeper
// serves reads locally, so a follower cut off from the ensemble answers an old value until it notices (within
// syncLimit ticks). Plain linearizability (the znode-tree model) flags that read; the ZooKeeper check, which
// judges each read at the zxid it was served at, passes it; and in the linearizable-reads mode the same run
// gives a history that plain linearizability passes too.
import { describe, expect, it } from "vitest";
import {
  checkZooKeeper,
  type ZkRecord,
  znodeTreeModel,
} from "../../../../protocol/zk/consistency/index.js";
import type { NodeId } from "../../../../sim/api/index.js";
import {
  checkPrepared,
  formatCounterexample,
  prepareHistory,
} from "../../../../sim/check/index.js";
import { pairOperations, readHistory } from "../../../../sim/history/index.js";
import { call, completionOf, leaderOf, zkRecords, zkSetup } from "./harness.js";

/** The records as `zabsim check` reads them (JSON lines, Jepsen conventions). */
function jsonLines(records: readonly ZkRecord[]): string {
  const fs = new Map<number, string>();
  const lines: string[] = [];
  for (const record of records) {
    if (record.kind === "invoke") {
      fs.set(record.process, record.f);
      const { process, f, value } = record;
      lines.push(JSON.stringify({ process, type: "invoke", f, value }));
    } else if (record.kind === "complete") {
      const { kind: _kind, ...rest } = record;
      lines.push(JSON.stringify({ ...rest, f: fs.get(record.process) ?? "" }));
    }
  }
  return `${lines.join("\n")}\n`;
}

function linearizable(records: readonly ZkRecord[]) {
  const ops = pairOperations(readHistory(jsonLines(records), "run.jsonl"), "run.jsonl");
  const prepared = prepareHistory(ops, znodeTreeModel.create(), "run.jsonl");
  return checkPrepared(prepared, { clock: () => 0, deadline: Number.POSITIVE_INFINITY });
}

/**
 * Three servers, a client pinned to each. Once a leader is up, /x is created; then one follower is cut off
 * from the other servers (its client still reaches it), the client of another server sets /x, and the cut-off
 * follower's client reads /x right after that write was answered.
 */
function partitionedRead(linearizableReads: boolean) {
  const s = zkSetup({
    seed: 7,
    servers: 3,
    clients: 3,
    clientServers: [["n1"], ["n2"], ["n3"]],
    server: { linearizableReads },
  });
  s.sim.run({ untilUs: 3_000_000 });
  const leader = leaderOf(s);
  if (leader === null) throw new Error("no leader after 3 s");
  const [isolated, other] = s.servers.filter((n) => n !== leader) as [NodeId, NodeId];
  const clientOf = (server: NodeId) => `c${s.servers.indexOf(server) + 1}`;
  call(s, 3_000, "create", { path: "/x", data: "old" }, clientOf(other));
  s.sim.run({ untilUs: 4_000_000 });
  const cuts = s.servers
    .filter((n) => n !== isolated)
    .flatMap((n) => [[n, isolated] as const, [isolated, n] as const]);
  s.sim.schedule([{ atUs: 4_000_000, op: { f: "partition-start", cuts } }]);
  const write = call(
    s,
    4_050,
    "setData",
    { path: "/x", data: "new", version: -1 },
    clientOf(other),
  );
  s.sim.run({ untilUs: 4_150_000 });
  const read = call(s, 4_150, "getData", { path: "/x" }, clientOf(isolated));
  s.sim.run({ untilUs: 12_000_000 });
  return { s, write: completionOf(s, write), read: completionOf(s, read), isolated };
}

describe("a stale read on a real partition", () => {
  it("default mode: the cut-off follower answers the old value; plain linearizability flags it, the ZooKeeper check passes", () => {
    const { s, write, read, isolated } = partitionedRead(false);
    expect(write).toMatchObject({ type: "ok" });
    expect(read).toMatchObject({ type: "ok", server: isolated, value: { data: "old" } });
    expect((read?.time ?? 0) > (write?.time ?? 0)).toBe(true);
    const records = zkRecords(s);
    const plain = linearizable(records);
    expect(plain.valid).toBe(false);
    const text = plain.counterexample === null ? [] : formatCounterexample(plain.counterexample);
    expect(text.join("\n")).toContain("getData");
    expect(checkZooKeeper(records)).toMatchObject({ valid: true, violations: [] });
  });

  it("linearizable-reads mode: the cut-off follower cannot answer, and plain linearizability passes", () => {
    const { s, write, read } = partitionedRead(true);
    expect(write).toMatchObject({ type: "ok" });
    expect(read?.type).not.toBe("ok");
    const records = zkRecords(s);
    expect(linearizable(records).valid).toBe(true);
    expect(checkZooKeeper(records).valid).toBe(true);
  });

  it("linearizable-reads mode still answers reads on a healthy ensemble, with the latest value", () => {
    const s = zkSetup({ seed: 7, servers: 3, clients: 2, server: { linearizableReads: true } });
    call(s, 3_000, "create", { path: "/y", data: "1" }, "c1");
    call(s, 3_500, "setData", { path: "/y", data: "2", version: -1 }, "c1");
    const read = call(s, 4_000, "getData", { path: "/y" }, "c2");
    s.sim.run({ untilUs: 6_000_000 });
    expect(completionOf(s, read)).toMatchObject({ type: "ok", value: { data: "2" } });
    expect(linearizable(zkRecords(s)).valid).toBe(true);
  });
});
