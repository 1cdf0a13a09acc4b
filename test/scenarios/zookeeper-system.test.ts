// The zookeeper system in the scenario runner: deterministic runs, every check wired to real data, and each
// able to fail — the unfenced lock-pause hazard fails lock exclusion, a planted ZAB bug fails the ZAB
// invariants and the ZooKeeper consistency check, a doctored history fails the consistency check.
import { describe, expect, it } from "vitest";
import { checkZooKeeper } from "../../protocol/zk/consistency/index.js";
import { builtInScenario, catalogue } from "../../scenarios/catalog/index.js";
import { runScenario } from "../../scenarios/runner/index.js";
import { parseScenario, type Scenario } from "../../scenarios/schema/index.js";
import { ZkHistoryRecorder } from "../../scenarios/systems/zk-history.js";
import type { Simulation } from "../../sim/kernel/index.js";

function scenario(name: string): Scenario {
  const found = builtInScenario(name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
}

describe("the zookeeper system", () => {
  it("gives the same trace hash and history for the same seed, another for another seed", () => {
    const s = scenario("zk-mixed");
    const [a, b, c] = [
      runScenario(s, 3),
      runScenario(s, 3, { keepTrace: true }),
      runScenario(s, 4),
    ];
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.history).toEqual(b.history);
    expect(c.traceHash).not.toBe(a.traceHash);
  });

  it("runs the default scenario with every check judging real data", () => {
    const run = runScenario(scenario("zk-mixed"), 1);
    expect(run.checks.map((c) => [c.check, c.verdict])).toEqual([
      ["zookeeper-consistency", "pass"],
      ["zab-invariants", "pass"],
      ["liveness", "pass"],
      ["recipes", "pass"],
      ["sessions", "pass"],
    ]);
    const ops = /over (\d+) operations? and (\d+) watch events?/.exec(run.checks[0]?.message ?? "");
    expect(Number(ops?.[1])).toBeGreaterThan(100);
    expect(Number(ops?.[2])).toBeGreaterThan(0);
    const fs = new Set(run.history.map((e) => e.f));
    for (const f of [
      "create",
      "delete",
      "setData",
      "getData",
      "exists",
      "getChildren",
      "multi",
      "sync",
    ])
      expect(fs).toContain(f);
  });
});

describe("the calls node-zookeeper-client lacks, in a workload", () => {
  it("removeWatches, multiRead and whoAmI run beside watches and faults, and every check passes", () => {
    const base = scenario("zk-mixed");
    const mix = { ...base.clients.mix, removeWatches: 2, multiRead: 1, whoAmI: 0.5 };
    const s: Scenario = { ...base, clients: { ...base.clients, mix, watchProbability: 0.8 } };
    for (const seed of [1, 2, 3]) {
      const run = runScenario(s, seed);
      expect(run.checks.map((c) => [c.check, c.verdict, c.message])).toEqual(
        run.checks.map((c) => [c.check, "pass", c.message]),
      );
      const answered = run.history.filter((e) => e.type === "ok").map((e) => e.f);
      for (const f of ["removeWatches", "multiRead", "whoAmI"]) expect(answered).toContain(f);
    }
  });
});

describe("each zookeeper check can fail", () => {
  it("the unfenced lock-pause hazard fails lock exclusion; with fencing it passes", () => {
    const hazard = runScenario(scenario("lock-pause-hazard"), 1);
    expect(hazard.verdict).toBe("fail");
    expect(hazard.violations.map((v) => v.check)).toContain("lock-exclusion");
    expect(hazard.violations[0]?.message).toContain("lock-1 holding");
    const fenced = runScenario(scenario("lock-pause-fenced"), 1);
    expect(fenced.verdict).toBe("pass");
    expect(catalogue().find((e) => e.name === "lock-pause-hazard")?.expectedFailure).toBe(
      "recipes",
    );
  });

  it("a planted ZAB bug fails the ZAB invariants and the consistency check", () => {
    const s: Scenario = {
      ...scenario("zk-partitions"),
      cluster: { servers: 3, observers: 0 },
      bugs: ["commit-without-quorum"],
    };
    const failed = new Set<string>();
    for (let seed = 1; seed <= 10 && failed.size < 2; seed++) {
      for (const c of runScenario(s, seed).checks) if (c.verdict === "fail") failed.add(c.check);
    }
    expect([...failed].sort()).toEqual(["zab-invariants", "zookeeper-consistency"]);
  });

  it("the consistency check fails the run's history once a read answer is changed", () => {
    let recorder: ZkHistoryRecorder | null = null;
    const onSimulation = (sim: Simulation) => {
      recorder = new ZkHistoryRecorder(["c1", "c2", "c3"], () => "", sim.history);
      const listening = recorder;
      sim.addObservationListener((record) => listening.see(record));
    };
    const run = runScenario(scenario("zk-no-faults"), 2, { onSimulation });
    expect(run.verdict).toBe("pass");
    const records = (recorder as ZkHistoryRecorder | null)?.records() ?? [];
    expect(checkZooKeeper(records).valid).toBe(true);
    const read = records.findIndex(
      (r) =>
        r.kind === "complete" &&
        r.type === "ok" &&
        typeof r.value === "object" &&
        r.value !== null &&
        "data" in r.value &&
        !("error" in r.value),
    );
    const doctored = records.map((r, i) =>
      i === read && r.kind === "complete"
        ? { ...r, value: { ...(r.value as object), data: "forged" } }
        : r,
    );
    expect(read).toBeGreaterThan(0);
    expect(checkZooKeeper(doctored).valid).toBe(false);
  });
});

describe("zookeeper scenario validation", () => {
  it("refuses a schedule naming a client node the cluster does not have", () => {
    const parsed = parseScenario({
      name: "x",
      system: "zookeeper",
      nemesis: { kind: "schedule", ops: [{ atMs: 1, op: { f: "pause", node: "lock-1" } }] },
    });
    expect(parsed.ok).toBe(false);
    const ok = parseScenario({
      name: "x",
      system: "zookeeper",
      clients: { recipes: ["lock"] },
      nemesis: { kind: "schedule", ops: [{ atMs: 1, op: { f: "pause", node: "lock-1" } }] },
    });
    expect(ok.ok).toBe(true);
  });
});
