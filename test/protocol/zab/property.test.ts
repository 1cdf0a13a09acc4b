import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { FAULT_KINDS, randomSchedule } from "../../../scenarios/nemesis/index.js";
import { Streams } from "../../../sim/prng/index.js";
import { ensemble, faultEnd, liveness, violations, writeLoad } from "./harness.js";

const HEAL_BY_US = 12_000_000;
/** Runs per CI pass; a nightly-size sweep sets ZABSIM_SEEDS (e.g. `ZABSIM_SEEDS=5000 npx vitest run ...`). */
const RUNS = Number(process.env.ZABSIM_SEEDS ?? 400);
/** A run takes ~30-50 ms on one core; the budget scales with the number of runs. */
const TIMEOUT_MS = Math.max(60_000, RUNS * 200);
const WRITE_EVERY_US = 300_000;

/** Random faults of every kind (crash, kill, pause, clock, partitions incl. one-way, link loss/delay/reset). */
function runWithFaults(seed: number, servers: number, observers: number, meanGapUs: number) {
  const e = ensemble({ seed, servers, observers, config: { committedLogCount: 5, snapCount: 9 } });
  const ops = randomSchedule(new Streams(seed).get("test-nemesis"), {
    nodes: e.servers,
    startUs: 1_000_000,
    healByUs: HEAL_BY_US,
    meanGapUs,
    meanDurationUs: 2_000_000,
    kinds: FAULT_KINDS,
  });
  e.sim.schedule(ops);
  const healedAtUs = Math.max(faultEnd(ops), HEAL_BY_US);
  const endUs = healedAtUs + 30_000_000;
  writeLoad(e, 500_000, endUs, WRITE_EVERY_US);
  e.sim.run({ untilUs: endUs });
  return { found: violations(e), live: liveness(e, healedAtUs, WRITE_EVERY_US) };
}

test.prop(
  [
    fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    fc.constantFrom(3, 5),
    fc.constantFrom(0, 1),
    fc.integer({ min: 500_000, max: 3_000_000 }),
  ],
  { numRuns: RUNS },
)(
  "under random faults every invariant holds, and after healing a write commits within the bound",
  (seed, servers, observers, gap) => {
    const { found, live } = runWithFaults(seed, servers, observers, gap);
    expect(found).toEqual([]);
    expect(live.ok, live.message).toBe(true);
  },
  TIMEOUT_MS,
);
