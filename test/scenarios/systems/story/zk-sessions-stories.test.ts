// The sessions check's stories on hand-made runs: an ephemeral outliving its session (the server's applied
// close and create found in its deliveries, the create in the history), a client that saw the protocol
// broken (the operation it waited for), a watch event that fired no watch (the read that last set one); and
// write-order's two writes with one zxid.
import { describe, expect, it } from "vitest";
import { builtInScenario } from "../../../../scenarios/catalog/index.js";
import type { StoryContext } from "../../../../scenarios/systems/story/index.js";
import { createInHistory, ephemeralTxns } from "../../../../scenarios/systems/story/zk-locate.js";
import { ZK_STORY_WRITERS } from "../../../../scenarios/systems/story/zk-writers.js";
import type { Violation } from "../../../../scenarios/systems/system.js";
import type { Json } from "../../../../sim/api/index.js";
import { type HandRun, HandRunBuilder } from "./zk-hand-run.js";

const S1 = 0x10000000001;
const CLOSE = 0x200000005;
const CREATE = 0x200000006;
const EPHEMERAL = { path: "/k0/e0", data: "x", mode: "ephemeral" };

function deliver(zxid: number, txn: Json) {
  return {
    kind: "deliver",
    zxid,
    prevZxid: zxid - 1,
    value: { header: { sessionId: S1, zxid, timeMs: 0 }, txn },
  };
}

/** c1 sends a create of an ephemeral that times out; n1 applies the session's close, then the create. */
function ephemeralRun(): HandRun {
  const create = {
    type: "create",
    path: "/k0/e0",
    data: "x",
    acl: [],
    owner: { kind: "session", sessionId: S1 },
    parentCVersion: 0,
  };
  return new HandRunBuilder()
    .role(0, "n1", "FOLLOWING")
    .role(0, "n2", "LEADING")
    .op({
      client: 0,
      f: "getData",
      value: { path: "/k0", watch: true },
      invokeUs: 100,
      doneUs: 200,
      result: { data: "" },
      server: "n1",
      session: S1,
      zxid: 0x200000001,
    })
    .op({
      client: 0,
      f: "create",
      value: EPHEMERAL,
      invokeUs: 1_000,
      doneUs: 9_000,
      type: "info",
      result: { error: "CONNECTIONLOSS" },
      session: S1,
    })
    .observe(3_000, "n1", deliver(CLOSE, { type: "closeSession", paths: [] }))
    .observe(3_500, "n1", deliver(CREATE, create))
    .observe(4_000, "c1", {
      kind: "violation",
      client: "c1",
      what: "zxid went backwards",
      server: "n1",
    })
    .observe(5_000, "c1", {
      kind: "watch-event",
      client: "c1",
      session: S1,
      server: "n1",
      type: "NodeDataChanged",
      path: "/k0",
      zxid: 0x200000007,
      fired: [],
    })
    .build();
}

function tell(run: HandRun, check: "sessions" | "zookeeper-consistency", violation: Violation) {
  const scenario = builtInScenario("leader-pauses-expire-sessions");
  if (scenario === undefined) throw new Error("no scenario");
  const outcome = { check, verdict: "fail" as const, violations: [violation], message: "" };
  const context: StoryContext = { facts: run.facts, outcome, scenario, endUs: 10_000 };
  const told = ZK_STORY_WRITERS[check]?.(violation, context);
  if (told === null || told === undefined) throw new Error("no story");
  return told;
}

describe("the sessions check's stories", () => {
  it("EphemeralOwnerAlive: the server's close and create, and the create in the history", () => {
    const run = ephemeralRun();
    const txns = ephemeralTxns(run.observations, "n1", "/k0/e0", S1);
    expect(txns).toEqual({
      close: { zxid: CLOSE, timeUs: 3_000 },
      create: { zxid: CREATE, timeUs: 3_500 },
    });
    expect(createInHistory(run.history, txns.create, "/k0/e0", S1)).toBe(2);
    const violation = {
      check: "EphemeralOwnerAlive",
      message:
        "n1: /k0/e0 outlives its session 0x10000000001 (closed by 0x200000005 at 0.003 s, created by 0x200000006 at 0.004 s)",
      at: { node: "n1", timeUs: 3_500, zxid: CREATE, involved: [2] },
    };
    const told = tell(run, "sessions", violation);
    expect(told.at?.client).toBe("c1");
    expect(told.story).toContain(
      "n1 still holds /k0/e0 at the end of the run, an ephemeral of session 0x10000000001",
    );
    expect(told.story).toContain(
      "c1's create /k0/e0 = x (ephemeral) (no answer: timed out) made it",
    );
    expect(told.story).toContain(
      "the close of session 0x10000000001 (0x200000005) at 0.003 s and then its create (0x200000006)",
    );
  });

  it("ClientProtocol: located at the operation the client was waiting for", () => {
    const run = ephemeralRun();
    const violation = {
      check: "ClientProtocol",
      message: "c1: zxid went backwards from n1 (0x200000001 after 0x200000003)",
      at: { node: "n1", client: "c1", timeUs: 4_000, observed: "violation" },
    };
    const told = tell(run, "sessions", violation);
    expect(told.at).toMatchObject({ process: 1, historyIndex: 2, node: "n1", timeUs: 4_000 });
    expect(told.story).toContain(
      "c1 saw the client protocol broken at 0.004 s while waiting for c1's create /k0/e0",
    );
    expect(told.story).toContain("n1 (following) sent it");
  });

  it("WatchFired: the event, and the read that last set a watch on its path", () => {
    const run = ephemeralRun();
    const violation = {
      check: "WatchFired",
      message: "c1 session 0x10000000001: NodeDataChanged /k0 0x200000007 fired no watch",
      at: { node: "n1", client: "c1", timeUs: 5_000, zxid: 0x200000007, observed: "watch-event" },
    };
    const told = tell(run, "sessions", violation);
    expect(told.at?.involved).toEqual([0]);
    expect(told.story).toContain(
      "c1 received NodeDataChanged /k0 (0x200000007) from n1 (following) at 0.005 s, which fired no watch it held",
    );
    expect(told.story).toContain("Its last watch on /k0 was set by c1's getData /k0 =");
  });
});

describe("write-order stories", () => {
  it("two writes with one zxid are told side by side", () => {
    const run = new HandRunBuilder()
      .op({
        client: 0,
        f: "setData",
        value: { path: "/a", data: "1", version: -1 },
        invokeUs: 100,
        doneUs: 200,
        result: {},
        server: "n1",
        session: S1,
        zxid: 0x100000003,
      })
      .op({
        client: 1,
        f: "setData",
        value: { path: "/a", data: "2", version: -1 },
        invokeUs: 150,
        doneUs: 250,
        result: {},
        server: "n2",
        session: S1,
        zxid: 0x100000003,
      })
      .build();
    const violation = {
      check: "write-order",
      message: "two writes got zxid 0x100000003: ...",
      at: {
        process: 1,
        historyIndex: 1,
        involved: [0],
        node: "n2",
        timeUs: 250,
        zxid: 0x100000003,
      },
    };
    const told = tell(run, "zookeeper-consistency", violation);
    expect(told.at?.client).toBe("c2");
    expect(told.story).toContain(
      "c2's setData /a = 2 (0x100000003, via n2) and c1's setData /a = 1 (0x100000003, via n1) both got zxid 0x100000003",
    );
  });
});
