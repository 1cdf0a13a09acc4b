// fast-check arbitraries for fault schedules over a small cluster, so properties shrink to few faults.
import { fc } from "@fast-check/vitest";
import { type NodeId, nodeId } from "../../sim/api/index.js";
import type { NemesisOp, ScheduledOp } from "../../sim/nemesis/index.js";
import type { Link } from "../../sim/network/index.js";

export const NODES: readonly NodeId[] = ["n1", "n2", "n3", "n4"].map(nodeId);

const node = fc.constantFrom(...NODES);

/** Any set of directed links among NODES. */
export const cutsArbitrary: fc.Arbitrary<Link[]> = fc.subarray(
  NODES.flatMap((a) => NODES.filter((b) => b !== a).map((b): Link => [a, b])),
);

type Fault = readonly [start: NemesisOp, heal: NemesisOp | null];

/** A fault and what heals it (null: it heals itself or needs nothing). */
const faultArbitrary: fc.Arbitrary<Fault> = fc.oneof(
  cutsArbitrary.map((cuts): Fault => [{ f: "partition-start", cuts }, { f: "partition-stop" }]),
  node.map(
    (n): Fault => [
      { f: "crash", node: n },
      { f: "restart", node: n },
    ],
  ),
  node.map(
    (n): Fault => [
      { f: "kill", node: n },
      { f: "restart", node: n },
    ],
  ),
  node.map(
    (n): Fault => [
      { f: "pause", node: n },
      { f: "resume", node: n },
    ],
  ),
  fc
    .tuple(node, fc.integer({ min: -3_000_000, max: 3_000_000 }))
    .map(([n, deltaUs]): Fault => [{ f: "clock-jump", node: n, deltaUs }, null]),
  fc.tuple(node, fc.integer({ min: -100_000, max: 100_000 })).map(
    ([n, driftPpm]): Fault => [
      { f: "clock-drift", node: n, driftPpm },
      { f: "clock-drift", node: n, driftPpm: 0 },
    ],
  ),
  fc
    .double({ min: 0, max: 0.3, noNaN: true })
    .map((p): Fault => [{ f: "link-loss", p, links: "all" }, { f: "link-heal" }]),
  fc
    .integer({ min: 0, max: 300_000 })
    .map((extraUs): Fault => [{ f: "link-delay", extraUs, links: "all" }, { f: "link-heal" }]),
  fc
    .tuple(node, node)
    .filter(([a, b]) => a !== b)
    .map(([a, b]): Fault => [{ f: "link-reset", a, b }, null]),
);

/** Fault durations from a millisecond to two seconds, short ones as likely as long ones (log-uniform). */
const durationArbitrary = fc
  .double({ min: 3, max: 6.3, noNaN: true })
  .map((e) => Math.round(10 ** e));

/**
 * Up to `maxFaults` faults starting at random times in [0, endUs), each healed after its duration (which may
 * fall after `endUs`), as a time-ordered schedule.
 */
export function scheduleArbitrary(endUs: number, maxFaults = 8): fc.Arbitrary<ScheduledOp[]> {
  return fc
    .array(fc.tuple(fc.integer({ min: 0, max: endUs - 1 }), faultArbitrary, durationArbitrary), {
      maxLength: maxFaults,
    })
    .map((faults) =>
      faults
        .flatMap(([atUs, [start, heal], durationUs]): ScheduledOp[] =>
          heal === null
            ? [{ atUs, op: start }]
            : [
                { atUs, op: start },
                { atUs: atUs + durationUs, op: heal },
              ],
        )
        .sort((a, b) => a.atUs - b.atUs),
    );
}
