// Differential test: the simulated ZooKeeper service — zkServer nodes on ZAB, zkClient nodes, on the
// kernel — against a real ZooKeeper 3.8 on loopback (reference §1–3). Every outcome — result, error code,
// every Stat field but the times (zxids relative to the sequence root's), children, sequence names, ACLs —
// and every watch event each session receives must be equal.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonical, compareSequence, type Mismatch } from "./compare.js";
import type { ConfOp, Driver } from "./ops.js";
import { createRealDriver } from "./real-driver.js";
import { fixedScenarios, sequenceArb, watchSequenceArb } from "./scenarios.js";
import { createSimDriver } from "./sim-driver.js";
import { type RunningServer, startZooKeeper } from "./zk-server.js";

const RANDOM_SEED = Number(process.env.ZK_CONFORMANCE_SEED ?? 20260501);
const RANDOM_RUNS = Number(process.env.ZK_CONFORMANCE_RUNS ?? 500);
/** Sequences over a tree populated first (watch-heavy); defaults to half of RANDOM_RUNS. */
const WATCH_RUNS = Number(process.env.ZK_CONFORMANCE_WATCH_RUNS ?? Math.ceil(RANDOM_RUNS / 2));
/** Servers in the simulated ensemble: 3 by default (reads served by followers); 1 does not come up. */
const SIM_SERVERS = Number(process.env.ZK_CONFORMANCE_SIM_SERVERS ?? 3);

let server: RunningServer | undefined;
let real: Driver;
let sim: Driver;
let rootCounter = 0;
const totals = { compared: 0, events: 0, mismatches: [] as Mismatch[] };

beforeAll(async () => {
  // No skip: if Java or the package is missing this throws and the suite fails loudly.
  server = await startZooKeeper();
  real = createRealDriver(server.connectString);
  sim = createSimDriver({ servers: SIM_SERVERS });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  console.log(
    `${totals.compared} operations compared, ${totals.events} watch events compared, ` +
      `${totals.mismatches.length} mismatches (simulated ensemble of ${SIM_SERVERS})`,
  );
  for (const mismatch of totals.mismatches.slice(0, 20)) {
    console.log(canonical(mismatch));
  }
});

async function runAndRecord(name: string, ops: readonly ConfOp[]) {
  rootCounter++;
  const report = await compareSequence(name, `/seq${rootCounter}`, ops, real, sim);
  totals.compared += report.compared;
  totals.events += report.events;
  totals.mismatches.push(...report.mismatches);
  return report;
}

describe("simulated ZooKeeper service vs real ZooKeeper 3.8", () => {
  for (const scenario of fixedScenarios) {
    it(scenario.name, async () => {
      const report = await runAndRecord(scenario.name, scenario.ops);
      expect(report.mismatches.map((m) => canonical(m))).toEqual([]);
    });
  }

  it(`random sequences (seed ${RANDOM_SEED}, ${RANDOM_RUNS} runs) give equal outcomes and events`, async () => {
    const sequences = fc.sample(sequenceArb, { seed: RANDOM_SEED, numRuns: RANDOM_RUNS });
    const mismatches: Mismatch[] = [];
    for (const [index, ops] of sequences.entries()) {
      const report = await runAndRecord(`random #${index} (seed ${RANDOM_SEED})`, ops);
      mismatches.push(...report.mismatches);
    }
    expect(mismatches.map((m) => canonical(m))).toEqual([]);
  }, 900_000);

  it(`random sequences over a populated tree (seed ${RANDOM_SEED}, ${WATCH_RUNS} runs) give equal outcomes and events`, async () => {
    const sequences = fc.sample(watchSequenceArb, { seed: RANDOM_SEED, numRuns: WATCH_RUNS });
    const mismatches: Mismatch[] = [];
    for (const [index, ops] of sequences.entries()) {
      const report = await runAndRecord(`populated #${index} (seed ${RANDOM_SEED})`, ops);
      mismatches.push(...report.mismatches);
    }
    expect(mismatches.map((m) => canonical(m))).toEqual([]);
  }, 900_000);
});
