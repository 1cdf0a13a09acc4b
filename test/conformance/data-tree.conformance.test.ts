// Differential test: the simulated data tree against a real ZooKeeper 3.8 on loopback (reference §1).
// Every outcome — result, error code, every Stat field but the times, children, sequence names, ACLs — must
// be equal; zxids are equal too, because the simulator consumes one zxid per txn exactly as the server does.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonical, compareSequence, type Mismatch } from "./compare.js";
import type { Driver } from "./ops.js";
import { createRealDriver } from "./real-driver.js";
import { fixedScenarios, sequenceArb } from "./scenarios.js";
import { createSimDriver } from "./sim-driver.js";
import { type RunningServer, startZooKeeper } from "./zk-server.js";

const RANDOM_SEED = Number(process.env.ZK_CONFORMANCE_SEED ?? 20260501);
const RANDOM_RUNS = Number(process.env.ZK_CONFORMANCE_RUNS ?? 500);

let server: RunningServer | undefined;
let real: Driver;
let sim: Driver;
let rootCzxid = 0;
let rootCounter = 0;
const totals = { compared: 0, mismatches: [] as Mismatch[] };

function drivers(): { real: Driver; sim: Driver } {
  return { real, sim };
}

beforeAll(async () => {
  // No skip: if Java or the package is missing this throws and the suite fails loudly.
  server = await startZooKeeper();
  const realDriver = createRealDriver(server.connectString);
  real = {
    ...realDriver,
    begin: async (root) => {
      rootCzxid = await realDriver.begin(root);
      return rootCzxid;
    },
  };
  sim = createSimDriver(() => rootCzxid);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  console.log(`${totals.compared} operations compared, ${totals.mismatches.length} mismatches`);
  for (const mismatch of totals.mismatches.slice(0, 20)) {
    console.log(canonical(mismatch));
  }
});

async function runAndRecord(name: string, ops: Parameters<typeof compareSequence>[2]) {
  rootCounter++;
  const { real: r, sim: s } = drivers();
  const report = await compareSequence(name, `/seq${rootCounter}`, ops, r, s);
  totals.compared += report.compared;
  totals.mismatches.push(...report.mismatches);
  return report;
}

describe("data tree vs real ZooKeeper 3.8", () => {
  for (const scenario of fixedScenarios) {
    it(scenario.name, async () => {
      const report = await runAndRecord(scenario.name, scenario.ops);
      expect(report.mismatches.map((m) => canonical(m))).toEqual([]);
    });
  }

  it(`random sequences (seed ${RANDOM_SEED}, ${RANDOM_RUNS} runs) give equal outcomes`, async () => {
    const sequences = fc.sample(sequenceArb, { seed: RANDOM_SEED, numRuns: RANDOM_RUNS });
    const mismatches: Mismatch[] = [];
    for (const [index, ops] of sequences.entries()) {
      const report = await runAndRecord(`random #${index} (seed ${RANDOM_SEED})`, ops);
      mismatches.push(...report.mismatches);
    }
    expect(mismatches.map((m) => canonical(m))).toEqual([]);
  }, 600_000);
});
