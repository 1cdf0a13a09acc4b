// Properties of the simulated ZooKeeper service under random workloads and random faults (crash, kill,
// pause, clock, partitions incl. one-way, link loss, delay and resets, on servers and clients alike):
// every ZAB invariant holds, the client history passes the ZooKeeper consistency check, no client sees a
// zxid go backwards or an xid out of order, no watch fires twice or without a watch, no ephemeral outlives
// its session, and after the faults heal every client completes a write. A planted server bug makes the
// same property fail, so it is not vacuous.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { allFailures, consistencyFailures } from "./checks.js";
import { clientState, completionOf, type ZkSetup } from "./harness.js";
import { runRandom } from "./run-random.js";

/** Runs per CI pass; a longer sweep sets ZABSIM_SEEDS. One run takes ~50-150 ms. */
const RUNS = Number(process.env.ZABSIM_SEEDS ?? 25);
const TIMEOUT_MS = Math.max(60_000, RUNS * 2_000);

/** After healing, every client whose handle is not closed (the workload may call close) completes a write. */
function liveness(s: ZkSetup, finals: readonly number[]): string[] {
  return finals.flatMap((process, index) => {
    const done = completionOf(s, process);
    if (done?.type === "ok" || clientState(s, s.clients[index] ?? "").closing) return [];
    return [`final write ${process} ended ${JSON.stringify(done)}`];
  });
}

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

/**
 * Runs of the first property, and those whose history had too many unanswered writes for the consistency
 * check to decide (the property then checks everything else); the test after it bounds their share.
 */
const decided = { inconclusive: 0, runs: 0 };

test.prop([seeds, fc.integer({ min: 700_000, max: 2_000_000 })], { numRuns: RUNS })(
  "under random faults the service stays consistent, watches fire once, ephemerals die with their sessions, and a write completes after healing",
  (seed, faultGapUs) => {
    const { s, finals } = runRandom(seed, {
      clients: 2,
      opGapMs: 250,
      faultGapUs,
      faultClients: true,
    });
    expect([...allFailures(s, { inconclusiveOk: true }), ...liveness(s, finals)]).toEqual([]);
    decided.runs++;
    if (consistencyFailures(s).length > 0) decided.inconclusive++;
  },
  TIMEOUT_MS,
);

test("the consistency check decides almost every run of the first property", () => {
  expect(decided.runs).toBeGreaterThan(0);
  expect(decided.inconclusive / decided.runs).toBeLessThanOrEqual(0.1);
});

test.prop([seeds, fc.integer({ min: 300_000, max: 800_000 })], { numRuns: Math.ceil(RUNS / 2) })(
  "under heavy faults and load the same holds (a history with too many unanswered writes to place is inconclusive)",
  (seed, faultGapUs) => {
    const { s, finals } = runRandom(seed, {
      clients: 3,
      opGapMs: 150,
      faultGapUs,
      faultClients: true,
    });
    const failures = allFailures(s, { placementsMax: 512, inconclusiveOk: true });
    expect([...failures, ...liveness(s, finals)]).toEqual([]);
  },
  TIMEOUT_MS,
);

test("regression: setWatches' two NodeDeleted for a deleted node, with another catch-up event between, pass", () => {
  // Found by a 500-run sweep of the heavy property (seed -1447642123): on reconnecting, c2 got NodeDeleted
  // /b/y (its data watch), NodeChildrenChanged /b, then NodeDeleted /b/y again (its child watch on /b/y),
  // as DataTree.setWatches sends them; the first fired both watches at the client.
  const { s, finals } = runRandom(2_147_483_636, {
    clients: 3,
    opGapMs: 150,
    faultGapUs: 425_352,
    faultClients: true,
  });
  const failures = allFailures(s, { placementsMax: 512, inconclusiveOk: true });
  expect([...failures, ...liveness(s, finals)]).toEqual([]);
});

test("regression: an exist watch misses a node created and deleted while its session was away (the documented hole)", () => {
  // Found by a 500-run sweep of the heavy property (seed 1179039701): c3's exists watch on /b/y; its
  // server loses its quorum; /b/y is created (committed only in the next epoch's sync) and deleted while
  // c3 reconnects to the same server, whose setWatches finds no /b/y and sends nothing. ZooKeeper's
  // documentation names this one case where a watch is missed.
  const { s, finals } = runRandom(170_895_388, {
    clients: 3,
    opGapMs: 150,
    faultGapUs: 448_814,
    faultClients: true,
  });
  const failures = allFailures(s, { placementsMax: 512, inconclusiveOk: true });
  expect([...failures, ...liveness(s, finals)]).toEqual([]);
});

test("a server that answers before firing watches is caught by the same property", () => {
  const result = fc.check(
    fc.property(seeds, (seed) => {
      const { s } = runRandom(seed, {
        clients: 2,
        opGapMs: 150,
        faultGapUs: 100_000_000,
        faultClients: false,
        bugs: ["reply-before-watch"],
      });
      return allFailures(s).length === 0;
    }),
    { numRuns: 40, seed: 42 },
  );
  expect(result.failed).toBe(true);
});
