// Differential test of the client library: the same node-zookeeper-client call sequences driven through
// the REAL package against a real ZooKeeper 3.8 (zk-server.ts) and through zabsim's simulated package
// (lib/node-zookeeper-client) inside an app run on a simulated ensemble. Every callback's arguments and
// every watcher call each client sees must be equal, step by step (library-run.ts says how they are
// normalized; the one documented difference normalized is named there).

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonical } from "./compare.js";
import { fixedSequences, type LibrarySequence, librarySequenceArb } from "./library-calls.js";
import { runRealSequences } from "./library-real.js";
import type { SequenceRecord, StepRecord } from "./library-run.js";
import { runSimulatedSequences } from "./library-sim.js";
import { type RunningServer, startZooKeeper } from "./zk-server.js";

/** ZABSIM_FC_SEED pins the generator as it pins every property test (vitest.setup.ts). */
const SEED = Number(process.env.ZABSIM_FC_SEED || 20260601);
const RANDOM_SEQUENCES = Number(process.env.ZABSIM_NZC_SEQUENCES ?? 180);
/** Sequences per simulated run (each run is a fresh simulation). */
const BATCH_SIZE = Number(process.env.ZABSIM_NZC_BATCH ?? 20);

type Mismatch = {
  readonly sequence: string;
  readonly index: number;
  readonly call: StepRecord["call"];
  readonly real: StepRecord["seen"] | undefined;
  readonly sim: StepRecord["seen"] | undefined;
};

let server: RunningServer | undefined;
const totals = {
  calls: 0,
  events: 0,
  mismatches: [] as Mismatch[],
  codes: new Map<string, number>(),
  /** End steps equal but for the order of the close's deletions (see sameUpToCloseOrder). */
  closeOrderOnly: [] as string[],
};

/**
 * When a session closes, ZooKeeper 3.8 deletes its ephemerals in one closeSession txn in the order of the
 * clone of a Java HashSet (DataTree.getEphemerals). zabsim models that order (protocol/zk/java,
 * data-tree/ephemerals.ts) but rebuilds the set from the nodes left, so it can differ when the session
 * once held more ephemerals. So at the sequence's end (A closes; B's barrier follows) the watcher calls
 * the deletions cause are compared as multisets, and every step that differs only in order is counted
 * and printed, not hidden (none is expected). Anywhere else, order is compared exactly.
 */
function sameUpToCloseOrder(real: StepRecord | undefined, sim: StepRecord | undefined): boolean {
  if (real === undefined || sim === undefined || real.call !== "end" || sim.call !== "end")
    return false;
  const sorted = (seen: StepRecord["seen"]) => ({ A: [...seen.A].sort(), B: [...seen.B].sort() });
  return canonical(sorted(real.seen)) === canonical(sorted(sim.seen));
}

/** Tallies the error names the real side's callbacks carried, to show that errors are frequent. */
function countCodes(record: SequenceRecord): void {
  for (const step of record.steps) {
    for (const line of [...step.seen.A, ...step.seen.B]) {
      if (line.startsWith("barrier")) continue;
      for (const match of line.matchAll(/\\?"name\\?":\\?"([A-Z_]+)/g)) {
        const name = match[1] ?? "?";
        totals.codes.set(name, (totals.codes.get(name) ?? 0) + 1);
      }
    }
  }
}
let sequenceCount = 0;

beforeAll(async () => {
  // No skip: if Java or the package is missing this throws and the suite fails loudly.
  server = await startZooKeeper();
}, 60_000);

afterAll(async () => {
  await server?.stop();
  console.log(
    `${totals.calls} calls compared, ${totals.events} watcher events, ${totals.mismatches.length} mismatches ` +
      `(node-zookeeper-client real vs simulated, ${sequenceCount} sequences, seed ${SEED})`,
  );
  console.log(
    `${totals.closeOrderOnly.length} end steps equal only up to the order of a closing session's deletions ` +
      "(ZooKeeper's HashSet order vs zabsim's model of it)",
  );
  for (const line of totals.closeOrderOnly.slice(0, 3)) console.log(`  ${line}`);
  const codes = [...totals.codes].sort(([a], [b]) => (a < b ? -1 : 1));
  console.log(`errors seen: ${codes.map(([name, count]) => `${name} ${count}`).join(", ")}`);
  for (const mismatch of totals.mismatches.slice(0, 10)) console.log(describeMismatch(mismatch));
});

function describeMismatch(mismatch: Mismatch): string {
  return [
    `${mismatch.sequence} step ${mismatch.index}: ${canonical(mismatch.call)}`,
    `  real: ${canonical(mismatch.real)}`,
    `  sim:  ${canonical(mismatch.sim)}`,
  ].join("\n");
}

function compareRecords(
  sequence: LibrarySequence,
  real: SequenceRecord,
  sim: SequenceRecord,
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const length = Math.max(real.steps.length, sim.steps.length);
  for (let i = 0; i < length; i++) {
    const realStep = real.steps[i];
    const simStep = sim.steps[i];
    if (canonical(realStep) === canonical(simStep)) continue;
    if (sameUpToCloseOrder(realStep, simStep)) {
      totals.closeOrderOnly.push(
        `${sequence.name}: ${canonical(realStep?.seen)} vs ${canonical(simStep?.seen)}`,
      );
    } else {
      mismatches.push({
        sequence: sequence.name,
        index: realStep?.index ?? simStep?.index ?? i,
        call: realStep?.call ?? simStep?.call ?? "end",
        real: realStep?.seen,
        sim: simStep?.seen,
      });
    }
  }
  return mismatches;
}

/** Runs the sequences on both sides (each under its own root) and returns the mismatches. */
async function runBoth(sequences: readonly LibrarySequence[], seed: number): Promise<Mismatch[]> {
  if (server === undefined) throw new Error("the real ZooKeeper did not start");
  const roots = sequences.map((_, i) => `/nzc-${sequenceCount + i}`);
  sequenceCount += sequences.length;
  const real = await runRealSequences(server.connectString, sequences, roots);
  const sim = await runSimulatedSequences(sequences, roots, seed, BATCH_SIZE);
  expect(sim.length).toBe(sequences.length);
  const mismatches: Mismatch[] = [];
  for (const [i, sequence] of sequences.entries()) {
    const realRecord = real[i];
    const simRecord = sim[i];
    if (realRecord === undefined || simRecord === undefined)
      throw new Error(`no record of ${sequence.name}`);
    totals.calls += realRecord.calls;
    countCodes(realRecord);
    totals.events += Math.max(realRecord.events, simRecord.events);
    mismatches.push(...compareRecords(sequence, realRecord, simRecord));
  }
  totals.mismatches.push(...mismatches);
  return mismatches;
}

describe("node-zookeeper-client: the real package on real ZooKeeper vs zabsim's simulated package", () => {
  it("fixed sequences: argument forms, modes, versions, watchers, ephemerals, ACLs, mkdirp, transactions", async () => {
    const mismatches = await runBoth(fixedSequences, SEED);
    expect(mismatches.slice(0, 5).map(describeMismatch)).toEqual([]);
  }, 300_000);

  it(`random sequences (seed ${SEED}, ${RANDOM_SEQUENCES} sequences) give equal callbacks and watcher calls`, async () => {
    const generated = fc.sample(librarySequenceArb, { seed: SEED, numRuns: RANDOM_SEQUENCES });
    const sequences = generated.map((calls, i) => ({ name: `random #${i} (seed ${SEED})`, calls }));
    const mismatches = await runBoth(sequences, SEED + 1_000);
    expect(mismatches.slice(0, 5).map(describeMismatch)).toEqual([]);
  }, 300_000);
});
