// A random fault schedule: faults of every kind the kernel models, drawn from the nemesis stream, each
// healed before `healByUs` so a recovery window follows. Each fault is a (start, heal) pair of ops.
import type { NodeId } from "../../sim/api/index.js";
import type { NemesisOp, ScheduledOp } from "../../sim/nemesis/index.js";
import {
  bridge,
  halves,
  isolate,
  majoritiesRing,
  oneWay,
  type Partition,
} from "../../sim/network/index.js";
import type { Prng } from "../../sim/prng/index.js";

export const FAULT_KINDS = [
  "partition",
  "crash",
  "kill",
  "pause",
  "clock",
  "link-loss",
  "link-delay",
  "link-reset",
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface RandomScheduleOptions {
  readonly nodes: readonly NodeId[];
  readonly startUs: number;
  /** Every fault is healed by this time. */
  readonly healByUs: number;
  /** Mean time between fault starts. */
  readonly meanGapUs: number;
  /** Mean duration of a fault. */
  readonly meanDurationUs: number;
  readonly kinds: readonly FaultKind[];
}

/** Draws a schedule; faults may overlap, but one node is never crashed or paused twice at once. */
export function randomSchedule(rng: Prng, options: RandomScheduleOptions): ScheduledOp[] {
  const ops: ScheduledOp[] = [];
  const busyUntil = new Map<NodeId, number>();
  let partitionUntil = 0;
  let at = options.startUs + Math.round(rng.exponential(options.meanGapUs));
  while (at < options.healByUs) {
    const kind = rng.pick(options.kinds);
    const end = Math.min(
      options.healByUs,
      at + 1 + Math.round(rng.exponential(options.meanDurationUs)),
    );
    if (kind === "partition") {
      if (at >= partitionUntil) {
        ops.push(...partitionFault(rng, options.nodes, at, end));
        partitionUntil = end;
      }
    } else {
      const node = rng.pick(options.nodes);
      if (needsNode(kind) && (busyUntil.get(node) ?? 0) > at) {
        at += Math.round(rng.exponential(options.meanGapUs));
        continue;
      }
      if (needsNode(kind)) busyUntil.set(node, end);
      ops.push(...nodeFault(rng, kind, node, options.nodes, at, end));
    }
    at += 1 + Math.round(rng.exponential(options.meanGapUs));
  }
  return ops.sort((x, y) => x.atUs - y.atUs);
}

function needsNode(kind: FaultKind): boolean {
  return kind === "crash" || kind === "kill" || kind === "pause" || kind === "clock";
}

function partitionFault(
  rng: Prng,
  nodes: readonly NodeId[],
  at: number,
  end: number,
): ScheduledOp[] {
  const order = rng.shuffle(nodes);
  const shapes: readonly [string, () => Partition][] = [
    ["halves", () => halves(order)],
    ["isolate", () => isolate(order[0] as NodeId, nodes)],
    ["majorities-ring", () => majoritiesRing(order)],
    ["bridge", () => bridge(order)],
    ["one-way", () => oneWay(order.slice(0, 1), order.slice(1))],
  ];
  const [shape, make] = rng.pick(shapes);
  const start: NemesisOp = { f: "partition-start", shape, cuts: make().cuts };
  return [
    { atUs: at, op: start },
    { atUs: end, op: { f: "partition-stop" } },
  ];
}

function nodeFault(
  rng: Prng,
  kind: Exclude<FaultKind, "partition">,
  node: NodeId,
  nodes: readonly NodeId[],
  at: number,
  end: number,
): ScheduledOp[] {
  switch (kind) {
    case "crash":
    case "kill":
      return [
        { atUs: at, op: { f: kind, node } },
        { atUs: end, op: { f: "restart", node } },
      ];
    case "pause":
      return [{ atUs: at, op: { f: "pause", node, durationUs: end - at } }];
    case "clock": {
      const deltaUs = rng.int(-2_000_000, 2_000_001);
      return [
        { atUs: at, op: { f: "clock-jump", node, deltaUs } },
        { atUs: at, op: { f: "clock-drift", node, driftPpm: rng.int(-2_000, 2_001) } },
        { atUs: end, op: { f: "clock-drift", node, driftPpm: 0 } },
      ];
    }
    case "link-loss":
    case "link-delay": {
      const other = rng.pick(nodes.filter((n) => n !== node));
      const links = [[node, other] as const, [other, node] as const];
      const op: NemesisOp =
        kind === "link-loss"
          ? { f: "link-loss", p: rng.pick([0.01, 0.05, 0.2]), links }
          : { f: "link-delay", extraUs: rng.int(1_000, 200_000), links };
      return [
        { atUs: at, op },
        { atUs: end, op: { f: "link-heal" } },
      ];
    }
    case "link-reset":
      return [
        {
          atUs: at,
          op: { f: "link-reset", a: node, b: rng.pick(nodes.filter((n) => n !== node)) },
        },
      ];
  }
}
