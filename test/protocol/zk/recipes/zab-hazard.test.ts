// The hazard filter of on-zab.property.test.ts: it drops the overlaps of a holder paused past its session
// (the service expired it while it held, before its successor took hold) and keeps every other violation.
import { describe, expect, it } from "vitest";
import { builtInScenario } from "../../../../scenarios/catalog/index.js";
import { runScenario } from "../../../../scenarios/runner/index.js";
import { parseScenario } from "../../../../scenarios/schema/index.js";
import type { Simulation } from "../../../../sim/kernel/index.js";
import { withoutExpiryHazard } from "./zab-hazard.js";

/** zk-election with election-2 (the leader of a term at 1 s on seed 1) stopped for 4 s, past its session. */
function pausedLeader() {
  const base = builtInScenario("zk-election");
  if (base === undefined) throw new Error("no zk-election");
  const pause = { f: "pause", node: "election-2", durationUs: 4_000_000 };
  const parsed = parseScenario({
    ...base,
    nemesis: { kind: "schedule", ops: [{ atMs: 1_000, op: pause }] },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const made: Simulation[] = [];
  const run = runScenario(parsed.scenario, 1, { onSimulation: (s) => made.push(s) });
  const sim = made[0];
  if (sim === undefined) throw new Error("no simulation");
  return { run, sim };
}

describe("the expiry hazard filter", () => {
  it("drops the overlaps of a leader that learnt of its expiry only after its successor led", () => {
    const { run, sim } = pausedLeader();
    expect(run.violations.length).toBeGreaterThan(0);
    expect(run.violations.every((v) => v.check === "election-exclusive")).toBe(true);
    expect(run.violations[0]?.message).toMatch(/^election-2 led term/);
    expect(withoutExpiryHazard(run.violations, sim)).toEqual([]);
  });

  it("keeps an overlap with no expiry of the earlier holder's session before it, and other checks", () => {
    const { run, sim } = pausedLeader();
    const first = run.violations[0];
    if (first === undefined) throw new Error("no violation");
    // The same two sections, the successor taking hold right after the first holder did: no expiry yet.
    const held = /from ([\d.]+) s/.exec(first.message)?.[1] ?? "0";
    const early = { ...first, message: first.message.replace(/from [\d.]+ s$/, `from ${held} s`) };
    const other = { check: "election-term", message: first.message };
    expect(withoutExpiryHazard([early, other], sim)).toEqual([early, other]);
  });
});
