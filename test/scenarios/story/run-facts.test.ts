// The run facts stories are told from: operations by history line with their client, each server's role over
// time (its observations, and the faults that took it down or paused it), and the cuts in force.
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../../scenarios/schema/index.js";
import type { CheckOutcome } from "../../../scenarios/systems/index.js";
import {
  clusterText,
  generalStory,
  opText,
  RunFacts,
  serverText,
  tellStories,
} from "../../../scenarios/systems/story/index.js";
import { type Json, nodeId } from "../../../sim/api/index.js";
import type { ObservationRecord } from "../../../sim/kernel/index.js";
import type { HistoryEntry } from "../../../sim/record/index.js";

const servers = [nodeId("n1"), nodeId("n2"), nodeId("n3")];

function nemesis(timeMs: number, f: string, value: Json): HistoryEntry {
  return { process: "nemesis", type: "info", f, value, time: timeMs * 1e6 };
}

function state(timeMs: number, node: string, role: string): ObservationRecord {
  return { timeUs: timeMs * 1000, node: nodeId(node), observation: { kind: "state", role } };
}

const history: HistoryEntry[] = [
  { process: 1, type: "invoke", f: "setData", value: { path: "/k0", data: "3000016" }, time: 1e9 },
  { process: 3, type: "invoke", f: "getData", value: { path: "/k0" }, time: 1.5e9 },
  { process: 1, type: "ok", f: "setData", value: {}, time: 1.1e9, server: "n3", zxid: 0x10000002b },
  nemesis(2000, "partition-start", {
    cuts: [
      ["n1", "n2"],
      ["n2", "n1"],
      ["n1", "n3"],
      ["n3", "n1"],
    ],
  }),
  {
    process: 3,
    type: "ok",
    f: "getData",
    value: { data: "4000017" },
    time: 2.0565e9,
    server: "n1",
    session: 0x10000000002,
    zxid: 0x10000002a,
  },
  nemesis(3000, "crash", "n2"),
  nemesis(3500, "partition-stop", null),
  nemesis(4000, "pause", "n3"),
  nemesis(4500, "resume", "n3"),
  nemesis(5000, "pause", { node: "lock-1", durationUs: 2_000_000 }),
];
const observations = [
  { timeUs: 0, node: nodeId("n1"), observation: { kind: "start" } },
  state(500, "n1", "FOLLOWING"),
  state(500, "n2", "FOLLOWING"),
  state(500, "n3", "LEADING"),
];
const facts = new RunFacts(history, observations, servers, (p) => (p < 100 ? p % 3 : undefined));

describe("RunFacts", () => {
  it("pairs each invoke with its completion and names its client", () => {
    const read = facts.opAt(1);
    expect(read).toMatchObject({ client: "c1", f: "getData", server: "n1", zxid: 0x10000002a });
    expect(read?.completeUs).toBe(2_056_500);
    expect(facts.opsOf(1).map((op) => op.historyIndex)).toEqual([0]);
    expect(facts.opAt(2)).toBeUndefined();
  });

  it("follows roles through observations, crashes and pauses", () => {
    expect(facts.roleAt("n1", 100_000)).toBe("looking");
    expect(facts.roleAt("n2", 100_000)).toBe("starting");
    expect(facts.roleAt("n2", 2_999_999)).toBe("following");
    expect(facts.roleAt("n2", 3_000_000)).toBe("down");
    expect(facts.roleAt("n3", 4_200_000)).toBe("paused");
    expect(facts.roleAt("n3", 4_500_000)).toBe("leading");
    expect(facts.leadersAt(2_000_000)).toEqual(["n3"]);
    expect(facts.roleAt("lock-1", 6_000_000)).toBe("paused");
    expect(facts.roleAt("lock-1", 7_000_000)).toBe("starting");
    expect(facts.heldBy("lock-1")).toEqual([
      { role: "paused", fromUs: 5_000_000, toUs: 7_000_000 },
    ]);
    expect(facts.heldBy("n2")).toEqual([{ role: "down", fromUs: 3_000_000, toUs: null }]);
    expect(facts.heldBy("n3")).toEqual([{ role: "paused", fromUs: 4_000_000, toUs: 4_500_000 }]);
  });

  it("says whom a node was cut off from, and since when", () => {
    expect(facts.cutOffAt("n1", 1_999_999)).toBeNull();
    expect(facts.cutOffAt("n1", 2_500_000)).toEqual({ from: ["n2", "n3"], sinceUs: 2_000_000 });
    expect(facts.cutOffAt("n2", 2_500_000)).toEqual({ from: ["n1"], sinceUs: 2_000_000 });
    expect(facts.cutOffAt("n1", 3_500_000)).toBeNull();
  });
});

describe("phrases", () => {
  it("tells an operation and a server in a few words, zxids in hex", () => {
    const read = facts.opAt(1);
    const write = facts.opAt(0);
    if (read === undefined || write === undefined) throw new Error("ops missing");
    expect(opText(read)).toBe("c1's getData /k0 = 4000017 (served by n1 at 0x10000002a)");
    expect(opText(write)).toBe("c2's setData /k0 = 3000016 (0x10000002b, via n3)");
    expect(serverText(facts, "n1", 2_056_500)).toBe(
      "n1 (following, cut off from n2, n3 since 2.000 s)",
    );
    expect(clusterText(facts, 3_200_000)).toBe(
      "At 3.200 s: n1 following, cut off from n2, n3 since 2.000 s; n2 down, cut off from n1 since 2.000 s; n3 leading, cut off from n1 since 2.000 s.",
    );
  });
});

describe("tellStories", () => {
  const scenario = {} as Scenario;
  it("gives every violation a story and a place, by its check's writer or the general one", () => {
    const outcomes: CheckOutcome[] = [
      {
        check: "liveness",
        verdict: "fail" as const,
        message: "",
        violations: [{ check: "x", message: "boom", at: { node: "n1", timeUs: 2_500_000 } }],
      },
      {
        check: "sessions",
        verdict: "fail" as const,
        message: "",
        violations: [{ check: "y", message: "bad read", at: { historyIndex: 1 } }],
      },
      { check: "recipes", verdict: "pass", message: "", violations: [] },
    ];
    const told = tellStories(
      outcomes,
      { liveness: () => ({ story: "told by x" }) },
      { facts, scenario, endUs: 9e6 },
    );
    expect(told[0]?.violations[0]).toMatchObject({ story: "told by x", at: { node: "n1" } });
    const general = told[1]?.violations[0];
    expect(general?.at).toMatchObject({ historyIndex: 1, timeUs: 2_056_500, client: "c1" });
    expect(general?.story).toContain("c1's getData /k0 = 4000017 (served by n1 at 0x10000002a)");
    expect(told[2]).toBe(outcomes[2]);
    const bare = generalStory(
      { check: "liveness", message: "no leader" },
      { facts, scenario, endUs: 9e6, outcome: outcomes[0] as CheckOutcome },
    );
    expect(bare.at).toEqual({ timeUs: 9e6 });
    expect(bare.story).toMatch(/^liveness at 9\.000 s: no leader\. At 9\.000 s: /);
  });
});
