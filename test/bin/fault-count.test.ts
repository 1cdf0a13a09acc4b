// Fault counts, one way everywhere: a fault window (a crash with its restart, a partition with its heal, a pause
// with its resume) counts once, a single op once; run.json and `run --json` keep the op count beside it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../bin/main.js";
import { countFaults } from "../../scenarios/nemesis/fault-count.js";
import type { NemesisOp, ScheduledOp } from "../../sim/nemesis/index.js";
import { capture } from "./capture.js";

const at = (atUs: number, op: Record<string, unknown>): ScheduledOp => ({
  atUs,
  op: op as unknown as NemesisOp,
});

describe("countFaults", () => {
  it("counts a group once, and an op alone that ends another's fault as part of it", () => {
    expect(
      countFaults([[at(1, { f: "crash", node: "n2" }), at(2, { f: "restart", node: "n2" })]]),
    ).toBe(1);
    expect(
      countFaults([[at(1, { f: "crash", node: "n2" })], [at(2, { f: "restart", node: "n2" })]]),
    ).toBe(1);
    expect(
      countFaults([[at(1, { f: "pause", node: "n1" })], [at(5, { f: "resume", node: "n1" })]]),
    ).toBe(1);
    expect(
      countFaults([
        [at(1, { f: "partition-start", cuts: [] })],
        [at(2, { f: "partition-stop" })],
        [at(3, { f: "partition-start", cuts: [] })],
        [at(4, { f: "partition-stop" })],
      ]),
    ).toBe(2);
  });

  it("counts single ops once each, and an end with nothing to end as a fault of its own", () => {
    expect(
      countFaults([
        [at(1, { f: "link-reset", a: "n1", b: "n2" })],
        [at(2, { f: "clock-jump", node: "n1", deltaUs: 5 })],
      ]),
    ).toBe(2);
    // A restart of another node than the one crashed ends nothing.
    expect(
      countFaults([[at(1, { f: "crash", node: "n1" })], [at(2, { f: "restart", node: "n2" })]]),
    ).toBe(2);
    // A timed pause ends by itself: a later resume is not part of it.
    expect(
      countFaults([
        [at(1, { f: "pause", node: "n1", durationUs: 1 })],
        [at(5, { f: "resume", node: "n1" })],
      ]),
    ).toBe(2);
    expect(countFaults([])).toBe(0);
  });
});

it("run --json and the seed line count a hand-written crash and its restart as one fault of two ops", async () => {
  const dir = mkdtempSync(join(tmpdir(), "zabsim-faults-"));
  const file = join(dir, "crash.json");
  const ops = [
    { atMs: 1000, op: { f: "crash", node: "n2" } },
    { atMs: 2000, op: { f: "restart", node: "n2" } },
    { atMs: 2500, op: { f: "link-reset", a: "n1", b: "n3" } },
  ];
  writeFileSync(
    file,
    JSON.stringify({ name: "crash-once", durationMs: 4000, nemesis: { kind: "schedule", ops } }),
  );
  const io = capture();
  await main(["run", "--scenario-file", file, "--seed", "1", "--json"], io);
  const result = JSON.parse(io.stdout[0] ?? "{}");
  expect([result.faults, result.fault_ops]).toEqual([2, 3]);
  const text = capture();
  const out = join(dir, "runs");
  await main(["run", "--scenario-file", file, "--seed", "1", "--out", out], text);
  expect(text.stdout[0]).toMatch(/ faults=2 /);
});
