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

const opArbitrary: fc.Arbitrary<NemesisOp> = fc.oneof(
  cutsArbitrary.map((cuts): NemesisOp => ({ f: "partition-start", cuts })),
  fc.constant<NemesisOp>({ f: "partition-stop" }),
  node.map((n): NemesisOp => ({ f: "crash", node: n })),
  node.map((n): NemesisOp => ({ f: "kill", node: n })),
  node.map((n): NemesisOp => ({ f: "restart", node: n })),
  fc
    .tuple(node, fc.integer({ min: 1, max: 3_000_000 }))
    .map(([n, d]): NemesisOp => ({ f: "pause", node: n, durationUs: d })),
  fc
    .tuple(node, fc.integer({ min: -3_000_000, max: 3_000_000 }))
    .map(([n, d]): NemesisOp => ({ f: "clock-jump", node: n, deltaUs: d })),
  fc
    .tuple(node, fc.integer({ min: -100_000, max: 100_000 }))
    .map(([n, p]): NemesisOp => ({ f: "clock-drift", node: n, driftPpm: p })),
  fc
    .double({ min: 0, max: 0.3, noNaN: true })
    .map((p): NemesisOp => ({ f: "link-loss", p, links: "all" })),
  fc
    .integer({ min: 0, max: 300_000 })
    .map((extraUs): NemesisOp => ({ f: "link-delay", extraUs, links: "all" })),
  fc.constant<NemesisOp>({ f: "link-heal" }),
  fc
    .tuple(node, node)
    .filter(([a, b]) => a !== b)
    .map(([a, b]): NemesisOp => ({ f: "link-reset", a, b })),
);

/** Up to `maxOps` faults at random times in [0, endUs), in time order. */
export function scheduleArbitrary(endUs: number, maxOps = 12): fc.Arbitrary<ScheduledOp[]> {
  return fc
    .array(fc.tuple(fc.integer({ min: 0, max: endUs - 1 }), opArbitrary), { maxLength: maxOps })
    .map((ops) => ops.map(([atUs, op]) => ({ atUs, op })).sort((a, b) => a.atUs - b.atUs));
}
