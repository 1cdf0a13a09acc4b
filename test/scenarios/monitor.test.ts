// The monitoring probe: every server's four-letter-word status (mntr) read during a run, without changing it.
import { describe, expect, it } from "vitest";
import { builtInScenario } from "../../scenarios/catalog/index.js";
import { runScenario } from "../../scenarios/runner/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";

function scenario(name: string): Scenario {
  const found = builtInScenario(name);
  if (found === undefined) throw new Error(`${name} is missing`);
  return found;
}

describe("monitoring probe", () => {
  it("reads every server every monitorEveryMs and at the end, and probing changes nothing in the run", () => {
    const base = scenario("zk-leader-crash-loop");
    const probed = runScenario(base, 3);
    const quiet = runScenario({ ...base, monitorEveryMs: 0 }, 3);
    expect(probed.traceHash).toBe(quiet.traceHash);
    expect(quiet.monitor.map((s) => s.timeUs)).toEqual([quiet.simTimeUs]);
    const expected = Math.floor(probed.simTimeUs / (base.monitorEveryMs * 1_000)) + 1;
    expect(probed.monitor).toHaveLength(expected);
    for (const sample of probed.monitor)
      expect(sample.servers.map((s) => s.node)).toEqual(["n1", "n2", "n3", "n4", "n5"]);
  });

  it("a crashed server does not answer; at the end of a healed run one leader, one epoch, nobody ahead of it", () => {
    const run = runScenario(scenario("zk-leader-crash-loop"), 3);
    const statuses = run.monitor.flatMap((sample) => sample.servers);
    const down = statuses.filter((s) => s.status === "down");
    expect(down.length).toBeGreaterThan(0);
    expect(down.every((s) => s.stats === null)).toBe(true);
    const last = run.monitor.at(-1)?.servers ?? [];
    expect(last.every((s) => s.status === "up")).toBe(true);
    expect(last.filter((s) => s.stats?.mode === "leader")).toHaveLength(1);
    expect(new Set(last.map((s) => s.stats?.epoch)).size).toBe(1);
    // Writes go on to the end, so a follower may not have applied the newest txn yet; none is ahead.
    const leaderZxid = Number(last.find((s) => s.stats?.mode === "leader")?.stats?.zxid);
    for (const s of last) expect(Number(s.stats?.zxid)).toBeLessThanOrEqual(leaderZxid);
    expect(last.every((s) => typeof s.stats?.connections === "number")).toBe(true);
  });

  it("a ZAB-only run reports each peer's mode, epoch and zxids", () => {
    const run = runScenario(scenario("no-faults"), 1);
    const last = run.monitor.at(-1)?.servers ?? [];
    expect(last.map((s) => s.stats?.mode).sort()).toEqual([
      "follower",
      "follower",
      "follower",
      "follower",
      "leader",
    ]);
    expect(new Set(last.map((s) => s.stats?.epoch))).toEqual(new Set([1]));
  });
});
