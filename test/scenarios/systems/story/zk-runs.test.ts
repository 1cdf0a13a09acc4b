// The ZooKeeper-level violations of real failing runs (test/stories/zk-kinds.ts), each located exactly in
// history.jsonl — the operation that breaks the rule by its invoke line, the operations involved, the server
// and the time it showed — and told with hex zxids and client labels.
import { describe, expect, it } from "vitest";
import { builtInScenario } from "../../../../scenarios/catalog/index.js";
import { runScenario, type ScenarioRun } from "../../../../scenarios/runner/index.js";
import type { Scenario } from "../../../../scenarios/schema/index.js";
import type { Violation } from "../../../../scenarios/systems/system.js";
import type { Json } from "../../../../sim/api/index.js";
import type { HistoryEntry } from "../../../../sim/record/index.js";
import { ZK_KINDS, type ZkKindFixture } from "../../../stories/zk-kinds.js";

function run(fixture: ZkKindFixture): ScenarioRun {
  const scenario = builtInScenario(fixture.scenario);
  if (scenario === undefined) throw new Error(`no scenario ${fixture.scenario}`);
  const bugs = fixture.bugs as Scenario["bugs"];
  return runScenario({ ...scenario, bugs }, fixture.seed);
}

function firstOf(result: ScenarioRun, check: string): Violation {
  const found = result.violations.find((v) => v.check === check);
  if (found === undefined) throw new Error(`no ${check} violation`);
  return found;
}

/** The completion of the operation invoked at `index`. */
function answerOf(history: readonly HistoryEntry[], index: number): HistoryEntry | undefined {
  const process = history[index]?.process;
  return history.find((e, i) => i > index && e.process === process);
}

function field(value: Json | undefined, name: string): Json | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as { readonly [key: string]: Json })[name]
    : undefined;
}

const runs = new Map(ZK_KINDS.map((fixture) => [fixture.kind, run(fixture)]));

function located(kind: string): { result: ScenarioRun; violation: Violation } {
  const fixture = ZK_KINDS.find((f) => f.kind === kind);
  const result = runs.get(kind);
  if (fixture === undefined || result === undefined) throw new Error(`no fixture ${kind}`);
  return { result, violation: firstOf(result, fixture.check) };
}

describe.each(ZK_KINDS)("$kind ($scenario seed $seed)", (fixture) => {
  it("is located where the fixture says, an operation at its invoke line, and told with hex zxids", () => {
    const { result, violation } = located(fixture.kind);
    const at = violation.at ?? {};
    expect(at.client).toBe(fixture.expect.client);
    expect(at.node).toBe(fixture.expect.node);
    expect(at.timeUs).toBe(fixture.expect.nearUs);
    if (at.client === "leader" || fixture.kind.startsWith("sessions/")) {
      // The leader's own write has no history line, and a session's bad state shows at a server's step:
      // the operations involved have lines.
      expect(at.historyIndex).toBeUndefined();
      expect(at.involved?.length).toBeGreaterThan(0);
    } else {
      const invoke = result.history[at.historyIndex ?? -1];
      expect(invoke?.type).toBe("invoke");
      expect(invoke?.process).toBe(at.process);
    }
    for (const index of at.involved ?? []) expect(result.history[index]?.type).toBe("invoke");
    for (const text of fixture.expect.storyIncludes) expect(violation.story).toContain(text);
    expect(violation.story).toMatch(/0x[0-9a-f]{9,}/);
    // No zxid or session id in decimal, in the story or the message (a process number may be long).
    expect(`${violation.story} ${violation.message}`).not.toMatch(/(?<![-\w]|process )\d{10,}\b/);
  });
});

describe("what each located violation points at", () => {
  it("a stale read: the read's answer, and the write it missed among the involved", () => {
    const { result, violation } = located("linearizability");
    const at = violation.at ?? {};
    const index = at.historyIndex ?? -1;
    const read = answerOf(result.history, index);
    expect(result.history[index]?.f).toBe("getData");
    expect(at.timeUs).toBe(Math.floor((read?.time ?? 0) / 1000));
    expect(at.zxid).toBe(read?.zxid);
    const missed = (at.involved ?? []).map((i) => ({
      invoke: result.history[i],
      done: answerOf(result.history, i),
    }));
    const write = missed.find((m) => m.invoke?.f === "setData");
    expect(write?.done?.type).toBe("ok");
    expect(Number(write?.done?.zxid)).toBeGreaterThan(at.zxid ?? 0);
    expect(write?.done?.time ?? 0).toBeLessThan(result.history[index]?.time ?? 0);
  });

  it("watch-order: the reply that reflects the change, and the read that set the watch", () => {
    const { result, violation } = located("zookeeper-consistency/watch-order");
    const at = violation.at ?? {};
    const reply = answerOf(result.history, at.historyIndex ?? -1);
    expect(reply?.zxid).toBe(at.zxid);
    expect(reply?.server).toBe(at.node);
    const setter = result.history[at.involved?.[0] ?? -1];
    expect(field(setter?.value, "watch")).toBe(true);
    expect(field(setter?.value, "path")).toBe("/k1");
    expect(answerOf(result.history, at.involved?.[0] ?? -1)?.session).toBe(reply?.session);
  });

  it("write-order: the write whose answer the replay contradicts, at its own zxid", () => {
    const { result, violation } = located("zookeeper-consistency/write-order");
    const at = violation.at ?? {};
    expect(result.history[at.historyIndex ?? -1]?.f).toBe("setData");
    expect(answerOf(result.history, at.historyIndex ?? -1)?.zxid).toBe(at.zxid);
  });

  it("EphemeralOwnerAlive: the server step, and the create that made the ephemeral", () => {
    const { result, violation } = located("sessions/EphemeralOwnerAlive");
    const at = violation.at ?? {};
    // Shown at the server's step; the create that made the ephemeral is involved, not the place.
    expect(at.historyIndex).toBeUndefined();
    const index = at.involved?.[0] ?? -1;
    const create = result.history[index];
    expect(create?.f).toBe("create");
    expect(field(create?.value, "path")).toBe("/k1/s-");
    expect(at.involved).toEqual([index]);
    expect(answerOf(result.history, index)?.session).toBe(0x10000000001);
  });
});
