// Same seed, same run: the trace hash is a function of scenario, seed and code only (DESIGN.md rule 4).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  buildSelfcheck,
  runSelfcheck,
  streamProtocol,
} from "../../scenarios/kernel-selfcheck/index.js";
import { ms, seconds } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import { NODES, scheduleArbitrary } from "../support/fault-arbitrary.js";

const SHORT = { durationUs: seconds(5) };

describe("determinism", () => {
  it("the same seed gives the same trace hash in the same process", () => {
    for (const seed of [1, 2, 3]) {
      expect(runSelfcheck(seed, SHORT).trace_hash).toBe(runSelfcheck(seed, SHORT).trace_hash);
    }
  });

  it("different seeds give different trace hashes", () => {
    const hashes = Array.from({ length: 20 }, (_, seed) => runSelfcheck(seed, SHORT).trace_hash);
    expect(new Set(hashes).size).toBe(20);
  });

  it("keeping trace entries does not change the hash, and the entries are identical run to run", () => {
    const run = (keepTrace: boolean) => {
      const sim = buildSelfcheck(4, { ...SHORT, keepTrace });
      sim.run({ untilUs: SHORT.durationUs });
      return sim;
    };
    const [a, b, c] = [run(true), run(true), run(false)];
    expect(a.traceHash).toBe(c.traceHash);
    expect(a.traceEntries).toEqual(b.traceEntries);
    expect(a.traceEntries.length).toBe(a.trace.count);
  });

  it("a fresh process computes the same hashes (through the zabsim CLI)", () => {
    const cli = "dist/bin/zabsim.js";
    if (!existsSync(cli))
      throw new Error(`${cli} is missing: run 'npm run build' (npm test does) first`);
    const child = spawnSync(
      process.execPath,
      [cli, "run", "kernel-selfcheck", "--seeds", "1..3", "--json"],
      {
        encoding: "utf8",
      },
    );
    expect(child.status).toBe(0);
    const lines = child.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { seed: number; trace_hash: string });
    expect(lines.map((line) => line.seed)).toEqual([1, 2, 3]);
    for (const line of lines) expect(line.trace_hash).toBe(runSelfcheck(line.seed).trace_hash);
  });

  test.prop([fc.integer({ min: 0, max: 1e9 }), scheduleArbitrary(seconds(2))], { numRuns: 25 })(
    "any seed and fault schedule replays to the same trace",
    (seed, schedule) => {
      const run = () => {
        const sim = new Simulation({ seed, keepTrace: true });
        const protocol = streamProtocol({ periodUs: ms(3), burst: 2, closeChance: 0.01 });
        for (const id of NODES) sim.addNode(id, protocol);
        sim.schedule(schedule);
        sim.run({ untilUs: seconds(3) });
        return sim;
      };
      const [a, b] = [run(), run()];
      expect(a.traceHash).toBe(b.traceHash);
      expect(a.traceEntries).toEqual(b.traceEntries);
      expect(a.history).toEqual(b.history);
    },
  );
});
