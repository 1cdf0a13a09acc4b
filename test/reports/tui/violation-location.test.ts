// Where `v` lands for each shape of location a checker gives: an operation with a reply, one without, the
// operations involved beside it, a node's step at a time, a zxid alone, an app's note; and a location that
// names only a time falls back to the process the message names.
import { describe, expect, it } from "vitest";
import type { RawViolation } from "../../../reports/tui/model/index.js";
import { clientsRun, STALE_READ, STORY, ZXID } from "./clients-fixture.js";

const located = (violation: RawViolation) => {
  const run = clientsRun([violation]);
  const [v] = run.violations;
  if (v === undefined) throw new Error("no violation");
  return { run, v, opOf: (process: number) => run.operations.find((o) => o.process === process) };
};

describe("a violation located by its operation", () => {
  it("lands on the reply of the operation its history index names, and marks the involved ones", () => {
    const { v, opOf } = located(STALE_READ);
    expect(v.event).toBe(12);
    expect(v.locatedBy).toBe("c3's getData reply");
    expect(v.operations).toEqual([opOf(0)?.id, opOf(8)?.id].sort());
    expect(v.story).toBe(STORY);
  });

  it("uses the history index over a process that names another operation", () => {
    const { v } = located({ ...STALE_READ, at: { historyIndex: 3, process: 0 } });
    expect(v.locatedBy).toBe("c3's getData reply");
  });

  it("lands on the invoke of an operation that never got a reply", () => {
    const { v, opOf } = located({ check: "X", message: "m", at: { historyIndex: 5, zxid: ZXID } });
    expect(v.event).toBe(opOf(13)?.invokeEvent);
    expect(v.locatedBy).toBe("c2's getData invoke (no reply) at zxid 0x100000001");
  });

  it("marks operations named only as involved, landing on the first of them", () => {
    const { v, opOf } = located({ check: "X", message: "m", at: { involved: [0] } });
    expect(v.operations).toEqual([opOf(0)?.id]);
    expect(v.event).toBe(opOf(0)?.completeEvent);
  });
});

describe("a violation located by a step", () => {
  it("lands on the node's first step at or after the time", () => {
    const { v } = located({
      check: "EphemeralOwnerAlive",
      message: "m",
      at: { node: "n2", timeUs: 12_500 },
    });
    expect(v.event).toBe(13);
    expect(v.locatedBy).toBe("n2 at 0.012500s");
  });

  it("takes a client's label for its node when the location names no node", () => {
    const { v } = located({ check: "sessions", message: "m", at: { client: "c1", timeUs: 9_500 } });
    expect(v.event).toBe(10);
  });

  it("lands on the first step that observed a zxid when that is all it says", () => {
    const { v, opOf } = located({ check: "X", message: "m", at: { zxid: ZXID } });
    expect(v.event).toBe(9);
    expect(v.locatedBy).toBe("the first step observing 0x100000001");
    // The operation whose reply carries that zxid is the one involved.
    expect(v.operations).toEqual([opOf(8)?.id]);
  });

  it("lands on the app's note at its time", () => {
    const { v } = located({
      check: "app",
      message: "m",
      at: { timeUs: 12_000, observed: "app-note" },
    });
    expect(v.event).toBe(12);
    expect(v.locatedBy).toBe("a node's app-note at 0.012000s");
  });
});

describe("a violation whose location names only a time and a client", () => {
  it("lands on the operation of the process its message names", () => {
    const { v } = located({ ...STALE_READ, at: { timeUs: 17_000, client: "c3" } });
    expect(v.event).toBe(12);
    expect(v.locatedBy).toBe("c3's getData reply");
  });
});
