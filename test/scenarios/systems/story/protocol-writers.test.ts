// The protocol story writers on small hand-made runs: each tells the check's facts in the cluster of that
// moment, with zxids in hex and the clients' labels, and says where it shows (node, time, client, the
// operation involved).
import { describe, expect, it } from "vitest";
import { builtInScenario } from "../../../../scenarios/catalog/index.js";
import type { CheckOutcome, Violation } from "../../../../scenarios/systems/index.js";
import { RunFacts, tellStories } from "../../../../scenarios/systems/story/index.js";
import { PROTOCOL_STORY_WRITERS } from "../../../../scenarios/systems/story/protocol-writers.js";
import { type Json, nodeId } from "../../../../sim/api/index.js";
import type { ObservationRecord } from "../../../../sim/kernel/index.js";
import type { HistoryEntry } from "../../../../sim/record/index.js";

/** app-1's first process (scenarios/apps/process-pool.ts). */
const APP_1 = 100_000_000;

const servers = [nodeId("n1"), nodeId("n2"), nodeId("n3")];

function state(timeMs: number, node: string, role: string): ObservationRecord {
  return { timeUs: timeMs * 1000, node: nodeId(node), observation: { kind: "state", role } };
}

function nemesis(timeMs: number, f: string, value: Json): HistoryEntry {
  return { process: "nemesis", type: "info", f, value, time: timeMs * 1e6 };
}

/** n3 leads until it is cut off at 3 s (and gives up at 3.2 s); n2 leads from 3.5 s. app-1 (process 100_000_000) creates /lock at 1 s. */
const history: HistoryEntry[] = [
  { process: APP_1, type: "invoke", f: "create", value: { path: "/lock", data: "a" }, time: 1e9 },
  {
    process: APP_1,
    type: "ok",
    f: "create",
    value: { path: "/lock" },
    time: 1.002e9,
    server: "n1",
    zxid: 0x100000004,
  },
  nemesis(3000, "partition-start", {
    cuts: [
      ["n3", "n1"],
      ["n1", "n3"],
      ["n3", "n2"],
      ["n2", "n3"],
    ],
  }),
];
const observations: ObservationRecord[] = [
  state(10, "n1", "FOLLOWING"),
  state(10, "n2", "FOLLOWING"),
  state(10, "n3", "LEADING"),
  state(3200, "n3", "LOOKING"),
  state(3200, "n2", "LOOKING"),
  state(3200, "n1", "LOOKING"),
  state(3500, "n2", "LEADING"),
  state(3500, "n1", "FOLLOWING"),
];

function tell(check: CheckOutcome["check"], violation: Violation, endUs = 10_000_000): Violation {
  const scenario = builtInScenario("no-faults");
  if (scenario === undefined) throw new Error("no scenario no-faults");
  const facts = new RunFacts(history, observations, servers, () => undefined);
  const outcome: CheckOutcome = { check, verdict: "fail", violations: [violation], message: "" };
  const told = tellStories([outcome], PROTOCOL_STORY_WRITERS, { facts, scenario, endUs });
  const result = told[0]?.violations[0];
  if (result === undefined) throw new Error("no violation told");
  return result;
}

describe("ZAB story writers", () => {
  it("tell a ZAB invariant with its promise, the checker's facts and the cluster then", () => {
    const told = tell("zab-invariants", {
      check: "Agreement",
      message: "after 0x100000004: n2 delivered 0x200000001, n1 delivered 0x100000005",
      at: { node: "n2", timeUs: 4_000_000, zxid: 0x200000001 },
      story:
        "After 0x100000004, n2 delivered 0x200000001 (x) at 4.000 s while n1 had delivered 0x100000005 (y) at 2.000 s.",
    });
    expect(told.story).toContain(
      "Agreement (servers' delivered histories never fork) broke at 4.000 s on n2",
    );
    expect(told.story).toContain("0x100000005 (y) at 2.000 s");
    expect(told.story).toContain("n3 looking, cut off from n1, n2 since 3.000 s");
    expect(told.story).toContain("n2 leading");
    expect(told.at).toEqual({ node: "n2", timeUs: 4_000_000, zxid: 0x200000001 });
  });

  it("tell an invariant without the checker's facts from its message, at the end of the run if unlocated", () => {
    const told = tell(
      "zab-invariants",
      { check: "ShouldNotHappen.commitInconsistent", message: "n3: COMMIT of 0x100000009" },
      9_000_000,
    );
    expect(told.story).toContain("a peer never reaches a state the protocol rules out");
    expect(told.story).toContain("n3: COMMIT of 0x100000009.");
    expect(told.at?.timeUs).toBe(9_000_000);
  });

  it("locate liveness where the bound ran out, on the one server leading then", () => {
    const message =
      "no write committed within the bound of 2.000 s after the faults healed at 2.000 s (by 4.000 s)";
    const told = tell("liveness", { check: "liveness", message, at: { timeUs: 4_000_000 } });
    expect(told.at).toEqual({ timeUs: 4_000_000, node: "n2" });
    expect(told.story).toContain(
      "When the bound ran out at 4.000 s, n2 was leading but had committed no write in time",
    );
    expect(told.story).toContain("At 10.000 s:");
  });

  it("leave liveness on no node when nobody led when the bound ran out", () => {
    const told = tell("liveness", {
      check: "liveness",
      message: "no write",
      at: { timeUs: 3_300_000 },
    });
    expect(told.at).toEqual({ timeUs: 3_300_000 });
    expect(told.story).toContain("no server was leading");
  });
});

describe("recipe, app and run story writers", () => {
  it("tell a recipe property with its promise and the client's label kept", () => {
    const at = { node: "lock-resource", timeUs: 8_000_535, client: "lock-1" };
    const story =
      "lock-1 and lock-2 both held /lock at 8.001 s: ... its session 0x20000000001 was closed at 0x10000000d.";
    const told = tell("recipes", { check: "lock-exclusion", message: "m", at, story });
    expect(told.story).toContain(
      "lock-exclusion (no two holders' writes interleave at the resource) broke at 8.001 s",
    );
    expect(told.story).toContain("0x20000000001 was closed at 0x10000000d");
    expect(told.at).toEqual(at);
  });

  it("tell an app's failure with the instance's last call, involved by its history line", () => {
    const at = { node: "app-1", timeUs: 1_500_000, client: "app-1", observed: "app-note" };
    const told = tell("app", { check: "app", message: "app-1 held it twice", at });
    expect(told.story).toContain("app-1 at 1.500 s: app-1 held it twice.");
    expect(told.story).toContain("app-1's last call before it: app-1's create /lock = a");
    expect(told.story).toContain("0x100000004");
    expect(told.at).toEqual({ ...at, involved: [0] });
  });

  it("tell a run that stopped, with when and the cluster then", () => {
    const message = "Error: planted (at 3.600000 s simulated, event 42)";
    const told = tell("internal", { check: "internal", message, at: { timeUs: 3_600_000 } });
    expect(told.story).toContain("The run crashed");
    expect(told.story).toContain("at 3.600 s: Error: planted");
    expect(told.story).toContain("n2 leading");
    const stalled = tell("livelock", {
      check: "livelock",
      message: "simulated time stopped at 1.000000 s",
      at: { timeUs: 1_000_000 },
    });
    expect(stalled.story).toContain("Simulated time stopped moving, at 1.000 s");
  });
});
