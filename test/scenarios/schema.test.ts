// The scenario schema: defaults, field paths and lines in errors, and the checks that span fields.
import { describe, expect, it } from "vitest";
import { builtInScenario, catalogue, closeNames } from "../../scenarios/catalog/index.js";
import {
  formatIssues,
  lineOfPath,
  parseScenario,
  parseScenarioText,
} from "../../scenarios/schema/index.js";

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
