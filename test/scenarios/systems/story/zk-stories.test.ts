// The ZooKeeper-level story writers and locator on small hand-made runs: a stale read through the real
// linearizability check, read-state, session-order and a watch event with no watch through the real
// consistency check (each mapped to its exact history line or observation), and the sessions check's kinds.
import { describe, expect, it } from "vitest";
import { decodeCall } from "../../../../protocol/zk/client/index.js";
import {
  checkZooKeeper,
  readValue,
  replayWrites,
  treeAt,
  type WriteToReplay,
  type ZkRecord,
} from "../../../../protocol/zk/consistency/index.js";
import { builtInScenario } from "../../../../scenarios/catalog/index.js";
import type { StoryContext } from "../../../../scenarios/systems/story/index.js";
import { ZkRecordLocator } from "../../../../scenarios/systems/story/zk-locate.js";
import { ZK_STORY_WRITERS } from "../../../../scenarios/systems/story/zk-writers.js";
import type { CheckOutcome, Violation } from "../../../../scenarios/systems/system.js";
import { zkLinearizability } from "../../../../scenarios/systems/zk-linearizability.js";
import type { Json } from "../../../../sim/api/index.js";
import { type HandRun, HandRunBuilder } from "./zk-hand-run.js";

const S1 = 0x10000000001;
const S2 = 0x10000000002;
const Z1 = 0x100000001;
const Z2 = 0x100000002;
const CREATE = { path: "/k0", data: "1", mode: "persistent" };
const SET = { path: "/k0", data: "2", version: -1 };

function writeOf(f: string, value: Json, session: number, zxid: number): WriteToReplay {
  const decoded = decodeCall(f, value);
  if (!decoded.ok || decoded.value.call !== "op") throw new Error("bad call");
  return { call: decoded.value.op as WriteToReplay["call"], session, zxid };
}

/** The answers the service gives: the create and setData, and getData /k0 at each zxid. */
const timeline = replayWrites([writeOf("create", CREATE, S1, Z1), writeOf("setData", SET, S2, Z2)]);
const answer = (i: number) => timeline.steps[i]?.expected ?? {};
const readAt = (zxid: number) =>
  readValue(treeAt(timeline, zxid), { op: "getData", path: "/k0", watch: false }, S1);

/** c1 creates /k0; n1 is cut off; c2 sets it via the leader n3; c3 reads the old value from n1. */
function staleRun(read: Json = readAt(Z1), readSession = S2): HandRun {
  return new HandRunBuilder()
    .role(0, "n1", "FOLLOWING")
    .role(0, "n2", "FOLLOWING")
    .role(0, "n3", "LEADING")
    .op({
      client: 0,
      f: "create",
      value: CREATE,
      invokeUs: 100,
      doneUs: 200,
      result: answer(0),
      server: "n3",
      session: S1,
      zxid: Z1,
    })
    .nemesis(1_000, "partition-start", {
      cuts: [
        ["n1", "n2"],
        ["n2", "n1"],
        ["n1", "n3"],
        ["n3", "n1"],
      ],
    })
    .op({
      client: 1,
      f: "setData",
      value: SET,
      invokeUs: 2_000,
      doneUs: 2_500,
      result: answer(1),
      server: "n3",
      session: S2,
      zxid: Z2,
    })
    .op({
      client: 2,
      f: "getData",
      value: { path: "/k0", watch: false },
      invokeUs: 3_000,
      doneUs: 3_100,
      result: read,
      server: "n1",
      session: readSession,
      zxid: Z1,
    })
    .build();
}

function context(run: HandRun, outcome: CheckOutcome): StoryContext {
  const scenario = builtInScenario("zk-stale-read");
  if (scenario === undefined) throw new Error("no scenario");
  return { facts: run.facts, outcome, scenario, endUs: 10_000 };
}

function tell(run: HandRun, outcome: CheckOutcome, violation: Violation) {
  const told = ZK_STORY_WRITERS[outcome.check]?.(violation, context(run, outcome));
  if (told === null || told === undefined) throw new Error("no story");
  return told;
}

/** The consistency check on the run, its first violation of `rule` located as zk-checks does it. */
function consistency(run: HandRun, rule: string): { outcome: CheckOutcome; violation: Violation } {
  const result = checkZooKeeper(run.records);
  const found = result.violations.find((v) => v.check === rule);
  if (found?.at === undefined) throw new Error(`no ${rule}: ${JSON.stringify(result.violations)}`);
  const locator = new ZkRecordLocator(run.records, run.history, run.observations, [
    "c1",
    "c2",
    "c3",
  ]);
  const violation = { check: found.check, message: found.message, at: locator.locate(found.at) };
  const outcome = {
    check: "zookeeper-consistency" as const,
    verdict: "fail" as const,
    violations: [violation],
    message: "",
  };
  return { outcome, violation };
}

describe("a stale read", () => {
  it("is located at the read and told with the write it missed, the cut and the leader", () => {
    const run = staleRun();
    const outcome = zkLinearizability(run.history, run.records);
    const violation = outcome.violations[0];
    if (violation === undefined) throw new Error("linearizable");
    expect(violation.at).toMatchObject({
      process: 2,
      historyIndex: 5,
      node: "n1",
      timeUs: 3_100,
      zxid: Z1,
    });
    const told = tell(run, outcome, violation);
    expect(told.at).toMatchObject({ client: "c3", involved: [3] });
    expect(told.story).toContain(
      "c3's getData /k0 = 1 (served by n1 at 0x100000001), sent at 0.003 s, 500 µs after c2's setData /k0 = 2 (0x100000002, via n3) had completed: n1, cut off from n2, n3 since 0.001 s, still answered as a follower while n3 led.",
    );
  });
});

describe("the consistency rules on hand-made histories", () => {
  it("read-state: the read that returned a state never passed through", () => {
    const run = staleRun({ data: "7", stat: (readAt(Z1) as { stat: Json }).stat });
    const { outcome, violation } = consistency(run, "read-state");
    expect(violation.at).toMatchObject({
      process: 2,
      historyIndex: 5,
      node: "n1",
      timeUs: 3_100,
      zxid: Z1,
    });
    expect(violation.message).toContain("served at 0x100000001");
    expect(violation.message).not.toContain("czxid");
    const told = tell(run, outcome, violation);
    expect(told.at?.client).toBe("c3");
    expect(told.story).toContain(
      "c3's getData /k0 = 7 (served by n1 at 0x100000001), answered at 0.003 s",
    );
    expect(told.story).toContain('data: returned "7", the replay says "1"');
  });

  it("the leader's own writes, first among the records, shift no history line", () => {
    const run = staleRun({ data: "7", stat: (readAt(Z1) as { stat: Json }).stat });
    const records: ZkRecord[] = [
      { kind: "invoke", process: 1_000_000_000, f: "close", value: null },
      ...run.records,
      {
        kind: "complete",
        process: 1_000_000_000,
        type: "ok",
        value: {},
        session: 0x10000000009,
        server: null,
        zxid: 0x100000003,
      },
    ];
    const result = checkZooKeeper(records);
    const found = result.violations.find((v) => v.check === "read-state");
    const locator = new ZkRecordLocator(records, run.history, run.observations, ["c1", "c2", "c3"]);
    expect(found?.at?.record).toBe(
      run.records.findIndex((r) => r.kind === "invoke" && r.f === "getData") + 1,
    );
    expect(locator.locate(found?.at ?? {})).toMatchObject({ historyIndex: 5, process: 2 });
  });

  it("session-order: the read that took the session back, and the write it had seen", () => {
    const run = staleRun(readAt(Z1), S2);
    const { outcome, violation } = consistency(run, "session-order");
    expect(violation.at).toMatchObject({
      historyIndex: 5,
      involved: [3],
      node: "n1",
      timeUs: 3_100,
    });
    expect(violation.message).toContain("session 0x10000000002 went back in time");
    const told = tell(run, outcome, violation);
    expect(told.story).toContain("took c3's session back in time: c2 had already seen 0x100000002");
  });
});

describe("a watch event on a hand-made history", () => {
  it("watch-order: an event no watch explains, at the observation that received it", () => {
    const run = new HandRunBuilder()
      .op({
        client: 0,
        f: "create",
        value: CREATE,
        invokeUs: 100,
        doneUs: 200,
        result: answer(0),
        server: "n3",
        session: S1,
        zxid: Z1,
      })
      .op({
        client: 0,
        f: "setData",
        value: SET,
        invokeUs: 300,
        doneUs: 400,
        result: answer(1),
        server: "n3",
        session: S1,
        zxid: Z2,
      })
      .observe(450, "c1", {
        kind: "watch-event",
        client: "c1",
        session: S1,
        server: "n3",
        type: "NodeDataChanged",
        path: "/k0",
        zxid: Z2,
        fired: [],
      })
      .build();
    const { outcome, violation } = consistency(run, "watch-order");
    expect(violation.at).toMatchObject({
      node: "n3",
      client: "c1",
      timeUs: 450,
      zxid: Z2,
      observed: "watch-event",
    });
    const told = tell(run, outcome, violation);
    expect(told.story).toContain(
      "c1 received NodeDataChanged /k0 (0x100000002, session 0x10000000001) from n3 (starting) at 0.000 s, which arrived although the session held no watch it fires",
    );
  });
});

/** c1 reads /k0 with a watch; c2 sets it twice, and both changes fire c1's one watch. */
function refiredRun(): HandRun {
  const SET3 = { path: "/k0", data: "3", version: -1 };
  const three = replayWrites([
    writeOf("create", CREATE, S1, Z1),
    writeOf("setData", SET, S2, Z2),
    writeOf("setData", SET3, S2, Z3),
  ]);
  const event = (zxid: number) => ({
    kind: "watch-event",
    client: "c1",
    session: S1,
    server: "n1",
    type: "NodeDataChanged",
    path: "/k0",
    zxid,
    fired: ["data"],
  });
  return new HandRunBuilder()
    .op({
      client: 0,
      f: "create",
      value: CREATE,
      invokeUs: 100,
      doneUs: 200,
      result: three.steps[0]?.expected ?? {},
      server: "n1",
      session: S1,
      zxid: Z1,
    })
    .op({
      client: 0,
      f: "getData",
      value: { path: "/k0", watch: true },
      invokeUs: 300,
      doneUs: 400,
      result: readAt(Z1),
      server: "n1",
      session: S1,
      zxid: Z1,
    })
    .op({
      client: 1,
      f: "setData",
      value: SET,
      invokeUs: 500,
      doneUs: 600,
      result: three.steps[1]?.expected ?? {},
      server: "n2",
      session: S2,
      zxid: Z2,
    })
    .observe(650, "c1", event(Z2))
    .op({
      client: 1,
      f: "setData",
      value: SET3,
      invokeUs: 700,
      doneUs: 800,
      result: three.steps[2]?.expected ?? {},
      server: "n2",
      session: S2,
      zxid: Z3,
    })
    .observe(850, "c1", event(Z3))
    .build();
}

const Z3 = 0x100000003;

describe("a one-shot watch fired twice", () => {
  it("watch-order: told with the read that set the watch, located at the second event", () => {
    const run = refiredRun();
    const { outcome, violation } = consistency(run, "watch-order");
    expect(violation.at).toMatchObject({
      client: "c1",
      node: "n1",
      timeUs: 850,
      zxid: Z3,
      involved: [2],
    });
    const told = tell(run, outcome, violation);
    expect(told.story).toContain(
      "c1 received NodeDataChanged /k0 (0x100000003, session 0x10000000001) from n1 (starting) at 0.001 s, which fired the one-shot watch set by c1's getData /k0 = 1 (served by n1 at 0x100000001) a second time",
    );
  });
});
