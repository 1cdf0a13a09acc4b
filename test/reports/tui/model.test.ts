import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  CHECKPOINT_EVERY,
  cluesOf,
  diffStates,
  IntervalIndex,
  lastStepOf,
  parseGoto,
  serverRow,
} from "../../../reports/tui/model/index.js";
import { AGREEMENT, fixtureRun } from "./fixture.js";

describe("IntervalIndex", () => {
  test.prop(
    [
      fc.array(fc.tuple(fc.nat(3 * CHECKPOINT_EVERY), fc.nat(CHECKPOINT_EVERY)), {
        maxLength: 200,
      }),
      fc.nat(4 * CHECKPOINT_EVERY),
    ],
    { numRuns: 100 },
  )("aliveAt equals a brute-force scan at any step", (spans, probe) => {
    const sorted = [...spans].sort((a, b) => a[0] - b[0]);
    const index = new IntervalIndex<number>();
    sorted.forEach(([start, length], i) => {
      const id = index.open(i, start);
      if (length > 0) index.close(id, start + length);
    });
    index.seal(4 * CHECKPOINT_EVERY);
    const expected = sorted.flatMap(([start, length], i) =>
      start <= probe && (length === 0 || start + length > probe) ? [i] : [],
    );
    expect(index.aliveAt(probe)).toEqual(expected);
  });

  it("answers a 100,000-step index from checkpoints, without scanning from the start", () => {
    const index = new IntervalIndex<number>();
    for (let step = 0; step < 100_000; step++) index.close(index.open(step, step), step + 5);
    index.seal(100_000);
    expect(index.aliveAt(99_999)).toEqual([99_995, 99_996, 99_997, 99_998, 99_999]);
    expect(index.aliveAt(50_000)).toEqual([49_996, 49_997, 49_998, 49_999, 50_000]);
  });

  it("rejects starts out of order", () => {
    const index = new IntervalIndex<number>();
    index.open(1, 5);
    expect(() => index.open(2, 4)).toThrow(/out of order/);
  });
});

describe("the replay model", () => {
  const run = fixtureRun();

  it("indexes each node's steps and finds the last one at or before a step", () => {
    expect(lastStepOf(run, 1, 3)).toBe(1);
    expect(lastStepOf(run, 1, 4)).toBe(4);
    expect(lastStepOf(run, 2, 1)).toBe(-1);
  });

  it("shows a node down after its crash, and marks what changed in the step", () => {
    const before = serverRow(run, 2, 4);
    const after = serverRow(run, 2, 5);
    expect(before.status).toBe("up");
    expect(after.status).toBe("down");
    expect(after.summary).toBeNull();
    expect(after.changed.has("status")).toBe(true);
    expect(serverRow(run, 1, 4).changed).toEqual(new Set(["role", "committed"]));
    expect(serverRow(run, 1, 4).stepped).toBe(true);
  });

  it("tracks messages in flight until delivered or lost", () => {
    expect(run.messages.aliveAt(3).map((m) => `${m.from}->${m.to}`)).toEqual(["n1->n2", "n1->n3"]);
    expect(run.messages.aliveAt(4).map((m) => `${m.from}->${m.to}`)).toEqual(["n1->n3"]);
    expect(run.messages.aliveAt(5)).toEqual([]);
  });

  it("pairs client operations with their completions", () => {
    expect(run.operations.map((op) => op.outcome)).toEqual(["ok", "fail", "info"]);
    expect(run.operations[0]?.zxid).toBe(2 ** 32 + 1);
    expect(run.operations[0]?.invokeEvent).toBe(6);
  });

  it("locates a violation at the step that made it, with the operation it involves", () => {
    const [violation] = run.violations;
    expect(violation?.event).toBe(4);
    expect(violation?.locatedBy).toContain("n2's deliver of 0x100000001");
    expect(violation?.operations).toEqual([0]);
  });

  it("reads clues from checker messages", () => {
    const clues = cluesOf(
      "n2 established epoch 2 with last zxid 4294967316, missing committed 4294967317",
      ["n1", "n2"],
    );
    expect(clues).toMatchObject({
      node: 1,
      epoch: 2,
      kind: "leader-established",
      zxidsAfterNode: [4294967316, 4294967317],
    });
    expect(cluesOf("n1 at 1234us: stateInconsistent", ["n1"]).timeUs).toBe(1234);
  });

  it("parses go-to targets as steps or times", () => {
    expect(parseGoto(run, "3")).toBe(3);
    expect(parseGoto(run, "999")).toBe(6);
    expect(parseGoto(run, "2ms")).toBe(2);
    expect(parseGoto(run, "0.0045s")).toBe(5);
    expect(parseGoto(run, "soon")).toBeNull();
  });

  it("diffs two states path by path: a changed line as old then new, changes first", () => {
    const lines = diffStates(
      { a: 1, b: { c: [1, 2] }, gone: true },
      { a: 1, b: { c: [1, 3] }, added: "x" },
    );
    expect(lines).toEqual([
      { mark: "-", text: "b.c: [1,2]" },
      { mark: "+", text: "b.c: [1,3]" },
      { mark: "+", text: 'added: "x"' },
      { mark: "-", text: "gone: true" },
      { mark: " ", text: "a: 1" },
    ]);
  });
});

describe("violations that say where they are", () => {
  it("lands on the failing operation's reply, not on a zxid the message happens to mention", () => {
    // The message names n2's delivery; the structured location names process 0's write.
    const run = fixtureRun([{ ...AGREEMENT, at: { process: 0, zxid: 2 ** 32 + 1 } }]);
    const [violation] = run.violations;
    expect(violation?.event).toBe(run.operations[0]?.completeEvent);
    expect(violation?.locatedBy).toBe("c1's write reply at zxid 0x100000001");
    expect(violation?.operations).toEqual([0]);
  });

  it("lands on a node's step at a time, preferring the one that observed the zxid", () => {
    const run = fixtureRun([
      {
        check: "X",
        message: "no clue in here",
        at: { node: "n2", timeUs: 4000, zxid: 2 ** 32 + 1 },
      },
      { check: "Y", message: "nor here", at: { node: "n1", timeUs: 3500 } },
      { check: "Z", message: "nor here", at: { zxid: 2 ** 32 + 1 } },
    ]);
    expect(run.violations.map((v) => v.event)).toEqual([4, 6, 4]);
    expect(run.violations[0]?.locatedBy).toBe("n2's step observing 0x100000001");
    expect(run.violations[1]?.locatedBy).toBe("n1 at 0.003500s");
  });

  it("falls back to reading the message when the location names nothing in the run", () => {
    const run = fixtureRun([{ ...AGREEMENT, at: { process: 99 } }]);
    expect(run.violations[0]?.event).toBe(4);
    expect(run.violations[0]?.locatedBy).toContain("n2's deliver of 0x100000001");
  });
});
