// Explaining a ZooKeeper-consistency violation (the report's counterexample): for a write or read whose
// answer the zxid-order replay contradicts, the fields that differ and the writes replayed up to it with the
// state after each; for a rule broken with a matching answer, the rule and the operations involved.
import { describe, expect, it } from "vitest";
import {
  checkZooKeeper,
  explainZkViolation,
  type ZkRecord,
} from "../../../../protocol/zk/consistency/index.js";
import { simulate } from "./reference-sim.js";

const run = simulate(2, [
  { kind: "call", client: 0, f: "create", value: { path: "/a", data: "1" } },
  { kind: "call", client: 1, f: "create", value: { path: "/b", data: "x" } },
  { kind: "call", client: 0, f: "setData", value: { path: "/a", data: "2", version: -1 } },
  { kind: "call", client: 1, f: "getData", value: { path: "/a", watch: false } },
]);

/** The records with the completion of the `nth` call (0-based among completions) changed. */
function withAnswer(nth: number, change: (value: unknown) => unknown): ZkRecord[] {
  let seen = -1;
  return run.records.map((record) => {
    if (record.kind !== "complete") return record;
    seen++;
    return seen === nth ? ({ ...record, value: change(record.value) } as ZkRecord) : record;
  });
}

function explainFirst(records: readonly ZkRecord[]) {
  const [violation] = checkZooKeeper(records).violations;
  if (violation?.at === undefined) throw new Error("expected a located violation");
  return explainZkViolation(records, { ...violation, at: violation.at });
}

describe("explaining a ZooKeeper-consistency violation", () => {
  it("a write answered otherwise than the replay: the differing field, the writes on its znode", () => {
    const records = withAnswer(2, (value) => {
      const { stat } = value as { stat: Record<string, unknown> };
      return { stat: { ...stat, version: 7 } };
    });
    const e = explainFirst(records);
    expect(e).toMatchObject({
      check: "write-order",
      process: 0,
      call: 'setData /a "2"',
      paths: ["/a"],
      initialState: "/a absent",
      differences: ["stat.version: returned 7, the replay says 1"],
      writesReplayed: 3,
      writesOmitted: 0,
    });
    // /b's create neither changes /a nor names it, so it is left out.
    expect(e?.writes.map((w) => [w.zxid, w.call, w.state, w.failing])).toEqual([
      [1, 'create /a "1"', '/a = "1" v0 cv0', false],
      [3, 'setData /a "2"', '/a = "2" v1 cv0', true],
    ]);
  });

  it("a read that returned a state the service never had: what the state at its zxid says", () => {
    const records = withAnswer(3, (value) => ({ ...(value as object), data: "9" }));
    const e = explainFirst(records);
    // Client 1's server had not applied the setData yet: the read was served where /a was still "1".
    expect(e?.check).toBe("read-state");
    expect(e?.differences).toEqual(['data: returned "9", the replay says "1"']);
    expect(e?.writes.some((w) => w.failing)).toBe(false);
    expect(e?.writes.every((w) => w.zxid <= (e?.zxid ?? 0))).toBe(true);
    expect(e?.writes.at(-1)?.state).toBe('/a = "1" v0 cv0');
  });

  it("an error where the replay succeeds says so in one line", () => {
    const e = explainFirst(withAnswer(2, () => ({ error: "NONODE" })));
    expect(e?.differences).toEqual(["returned NONODE, the replay says OK"]);
  });

  it("a rule broken with answers that match: no differences, the rule and the other operation", () => {
    // The read answered as of zxid 0, where /a did not exist: a true state, but older than the
    // session had already seen.
    const records = withAnswer(3, () => ({ error: "NONODE" })).map((record, at, all) =>
      at === all.length - 1 && record.kind === "complete" ? { ...record, zxid: 0 } : record,
    );
    const [violation] = checkZooKeeper(records).violations;
    expect(violation?.check).toBe("session-order");
    const e = explainZkViolation(records, { ...violation, at: violation?.at ?? {} } as never);
    expect(e?.returned).toBeNull();
    expect(e?.differences).toEqual([]);
    expect(e?.rule).toMatch(/observed zxids never go backwards/);
    expect(e?.related).toHaveLength(1);
  });

  it("names nothing when the violation names no operation", () => {
    expect(
      explainZkViolation(run.records, { check: "watch-order", message: "", at: {} }),
    ).toBeNull();
  });

  it("shows only the last writes of a long history, counting the ones left out", () => {
    const many = simulate(1, [
      { kind: "call", client: 0, f: "create", value: { path: "/a", data: "0" } },
      ...Array.from({ length: 40 }, (_, i) => ({
        kind: "call" as const,
        client: 0,
        f: "setData",
        value: { path: "/a", data: String(i + 1), version: -1 },
      })),
    ]);
    const [last] = many.records.filter((r) => r.kind === "complete").slice(-1);
    if (last?.kind !== "complete") throw new Error("no completion");
    const e = explainZkViolation(
      many.records,
      { check: "write-order", message: "", at: { process: 0, zxid: last.zxid ?? 0 } },
      10,
    );
    expect(e?.writes).toHaveLength(10);
    expect(e?.writesOmitted).toBe(31);
    expect(e?.initialState).toBe('/a = "30" v30 cv0');
  });
});
