// The scenario schema: defaults, field paths and lines in errors, and the checks that span fields.
import { describe, expect, it } from "vitest";
import { builtInScenario, catalogue, closeNames } from "../../scenarios/catalog/index.js";
import {
  formatIssues,
  lineOfPath,
  parseScenario,
  parseScenarioText,
} from "../../scenarios/schema/index.js";
import { planWorkload } from "../../scenarios/workload/index.js";
import { Streams } from "../../sim/prng/index.js";

describe("scenario schema", () => {
  it("fills every default from a name alone", () => {
    const parsed = parseScenario({ name: "mine" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.scenario.system).toBe("zab");
    expect(parsed.scenario.cluster).toEqual({ servers: 5, observers: 0 });
    expect(parsed.scenario.zookeeper.tickTimeMs).toBe(100);
    expect(parsed.scenario.clients.mix).toEqual({ write: 1 });
    expect(parsed.scenario.nemesis).toEqual({ kind: "none" });
  });

  it("names the field path and the line of a bad field in a file", () => {
    const text = [
      "{",
      '  "name": "mine",',
      '  "nemesis": {',
      '    "kind": "generator",',
      '    "faults": ["crash", "meteor-strike"]',
      "  }",
      "}",
    ].join("\n");
    const parsed = parseScenarioText(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues[0]?.path).toBe("nemesis.faults[1]");
    expect(parsed.issues[0]?.line).toBe(5);
    expect(formatIssues("my.json", parsed.issues)).toMatch(/^my\.json:5: nemesis\.faults\[1\]: /);
  });

  it("takes ZooKeeper's TTL and container properties with 3.8's defaults, and bounds them", () => {
    const parsed = parseScenario({ name: "mine", system: "zookeeper" });
    expect(parsed.ok && parsed.scenario.zookeeper).toMatchObject({
      extendedTypesEnabled: false,
      containerCheckIntervalMs: 60_000,
      containerMaxPerMinute: 10_000,
      containerMaxNeverUsedIntervalMs: 0,
    });
    const text = '{\n  "name": "x",\n  "zookeeper": { "containerMaxPerMinute": 0 }\n}';
    const bad = parseScenarioText(text);
    expect(bad.ok || formatIssues("x.json", bad.issues)).toMatch(
      /^x\.json:3: zookeeper\.containerMaxPerMinute: must be at least 1/,
    );
  });

  it("refuses unknown fields, bad JSON, and what the zab system cannot do", () => {
    const unknown = parseScenario({ name: "x", clusterr: {} });
    expect(unknown.ok).toBe(false);
    const bad = parseScenarioText('{ "name": "x", }');
    expect(bad.ok || bad.issues[0]?.message).toMatch(/not valid JSON/);
    const reads = parseScenario({ name: "x", clients: { mix: { write: 1, read: 1 } } });
    expect(reads.ok || reads.issues.map((i) => i.path)).toEqual(["clients.mix.read"]);
    const recipes = parseScenario({ name: "x", clients: { recipes: ["lock"] } });
    expect(recipes.ok || recipes.issues[0]?.message).toMatch(/runs no recipes/);
    const zk = parseScenario({ name: "x", system: "zookeeper", clients: { recipes: ["lock"] } });
    expect(zk.ok).toBe(true);
  });

  it("refuses a hand-written schedule naming a node the cluster does not have", () => {
    const parsed = parseScenario({
      name: "x",
      cluster: { servers: 3 },
      nemesis: { kind: "schedule", ops: [{ atMs: 1000, op: { f: "crash", node: "n4" } }] },
    });
    expect(parsed.ok || parsed.issues[0]).toMatchObject({
      path: "nemesis.ops[0].op",
      message: "names unknown node 'n4'",
    });
  });

  it("locates nested paths in JSON text", () => {
    const text = '{\n "a": [\n  1,\n  {"b": 2}\n ]\n}';
    expect(lineOfPath(text, ["a", 1, "b"])).toBe(4);
    expect(lineOfPath(text, ["a", 7])).toBe(2);
  });
});

function issuesOf(input: unknown): string[] {
  const parsed = parseScenario(input);
  return parsed.ok ? [] : parsed.issues.map((i) => `${i.path}: ${i.message}`);
}

describe("scenario limits (every valid scenario runs in bounded time and memory)", () => {
  it("refuses an everyMs below 1 ms, which drew from an empty range", () => {
    expect(issuesOf({ name: "x", clients: { everyMs: 0.000001 } })).toEqual([
      "clients.everyMs: must be at least 1 ms",
    ]);
  });

  it("names the bound of a too-long run, recovery or too-many clients and keys", () => {
    expect(issuesOf({ name: "x", durationMs: 1e15 })).toEqual([
      "durationMs: must be at most 86,400,000 ms (24 h simulated)",
    ]);
    expect(issuesOf({ name: "x", recoveryMs: 1e12 })).toEqual([
      "recoveryMs: must be at most 86,400,000 ms (24 h simulated)",
    ]);
    expect(issuesOf({ name: "x", clients: { count: 65, keys: 1e7 } })).toEqual([
      "clients.count: must be at most 64",
      "clients.keys: must be at most 1,000,000",
    ]);
    expect(issuesOf({ name: "x", zookeeper: { tickTimeMs: 1e9 } })).toEqual([
      "zookeeper.tickTimeMs: must be at most 60,000 ms",
    ]);
  });

  it("refuses a workload too large to plan, naming the estimate and the bound", () => {
    const big = { name: "x", durationMs: 86_400_000, clients: { count: 64, everyMs: 1 } };
    expect(issuesOf(big)[0]).toMatch(
      /^clients\.everyMs: about [\d,]+ client ops .*; at most 10,000,000: raise everyMs/,
    );
    const gaps = {
      name: "x",
      durationMs: 86_400_000,
      nemesis: {
        kind: "generator",
        faults: ["crash"],
        intensity: { meanGapMs: 1, meanDurationMs: 1 },
      },
    };
    expect(issuesOf(gaps)).toEqual([
      "nemesis.intensity.meanGapMs: about 86,399,000 faults ((durationMs - startMs) / meanGapMs); at most 1,000,000: raise meanGapMs",
    ]);
  });
});

describe("scenario limits on schedules, names and nesting", () => {
  it("refuses a schedule op after durationMs (it stretched the run), naming the op; at durationMs is a heal", () => {
    const schedule = (ops: unknown[]) => ({
      name: "x",
      durationMs: 3_000,
      nemesis: { kind: "schedule", ops },
    });
    const crash = (atMs: number) => ({ atMs, op: { f: "crash", node: "n1" } });
    expect(issuesOf(schedule([crash(1), crash(2), crash(3), crash(63_000)]))).toEqual([
      "nemesis.ops[3].atMs: 63000 is after durationMs 3000; faults happen in [0, durationMs]",
    ]);
    expect(issuesOf(schedule([crash(0), crash(3_000)]))).toEqual([]);
    const pause = { atMs: 2_000, op: { f: "pause", node: "n1", durationUs: 2_000_000 } };
    expect(issuesOf(schedule([pause]))).toEqual([
      "nemesis.ops[0].op.durationUs: the pause ends at 4000 ms, after durationMs 3000; every fault is healed by durationMs",
    ]);
    expect(issuesOf(schedule([crash(1e9)]))).toEqual([
      "nemesis.ops[0].atMs: must be at most 86,400,000 ms (24 h simulated)",
    ]);
  });

  it("limits the scenario name to 100 characters (it names run directories)", () => {
    expect(issuesOf({ name: "a".repeat(300) })).toEqual(["name: at most 100 characters"]);
    expect(issuesOf({ name: "a".repeat(100) })).toEqual([]);
    expect(issuesOf({ name: ".." })).toEqual(["name: lowercase letters, digits and dashes"]);
    for (const entry of catalogue()) expect(entry.name.length).toBeLessThanOrEqual(100);
  });

  it("refuses a scenario file nested 100,000 levels deep with a message, not a stack overflow", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const parsed = parseScenarioText(`{"name": "x",\n "description": ${deep}}`);
    expect(parsed.ok || formatIssues("s.json", parsed.issues)).toBe(
      "s.json:2: (document): nested more than 100 levels deep (the limit for a scenario file)",
    );
  });

  it("with keyLifeMs moves every client on to fresh keys each period, and without it keeps the same", () => {
    const plan = (clients: object) => {
      const parsed = parseScenario({
        name: "x",
        clients: { count: 3, everyMs: 50, keys: 2, ...clients },
      });
      if (!parsed.ok) throw new Error("expected a valid scenario");
      return planWorkload(parsed.scenario, new Streams(1), 10_500_000);
    };
    const rotating = plan({ keyLifeMs: 2_000 });
    for (const op of rotating) {
      const period = Math.floor((op.atUs - 500_000) / 2_000_000);
      expect([2 * period, 2 * period + 1]).toContain(op.key);
    }
    expect(new Set(rotating.map((op) => op.key)).size).toBe(10);
    const fixed = plan({});
    expect(new Set(fixed.map((op) => op.key))).toEqual(new Set([0, 1]));
    // Rotation draws nothing: the same ops at the same times, only the keys move.
    expect(fixed.map((op) => [op.atUs, op.f])).toEqual(rotating.map((op) => [op.atUs, op.f]));
  });

  it("plans a workload of hundreds of thousands of ops without overflowing the stack", () => {
    const parsed = parseScenario({ name: "x", clients: { count: 1, everyMs: 1 } });
    if (!parsed.ok) throw new Error("expected a valid scenario");
    const ops = planWorkload(parsed.scenario, new Streams(1), 400_000_000);
    expect(ops.length).toBeGreaterThan(300_000);
  });
});

describe("the built-in catalogue", () => {
  it("has every scenario the issue asks for, each valid", () => {
    const names = catalogue().map((entry) => entry.name);
    for (const name of [
      "no-faults",
      "leader-crash-loop",
      "partition-halves",
      "isolate-leader",
      "majorities-ring",
      "bridge",
      "one-way-partition",
      "leader-pause",
      "clock-skew",
      "flaky-connections",
      "disk-faults",
      "rolling-restarts",
      "swarm",
      "kernel-selfcheck",
    ]) {
      expect(names).toContain(name);
    }
    for (const name of names)
      if (name !== "kernel-selfcheck") expect(builtInScenario(name)).toBeDefined();
  });

  it("suggests close names for a typo", () => {
    expect(closeNames("isolate-leadr")).toContain("isolate-leader");
    expect(closeNames("swarn")[0]).toBe("swarm");
  });
});
