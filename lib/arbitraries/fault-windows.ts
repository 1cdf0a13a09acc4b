// Fault windows as fast-check draws them, and the nemesis schedule they become (scenarios/schema's
// `kind: "schedule"` ops). A window is drawn in relative terms (per mille of the fault period, a node by
// index), so the same draw fits any cluster size and duration and shrinks without depending on them: fewer
// windows, earlier, shorter, on lower-numbered nodes. Windows that would overlap one already placed on the
// same node (or, for partitions, any partition: each partition-start replaces the last) are dropped, so a
// schedule never crashes a crashed node or stops a paused one.
import type { NemesisSpec } from "../../scenarios/schema/index.js";
import { assertNever } from "../../sim/api/index.js";

/** The faults the arbitraries draw: a crash and its restart, a pause (a GC pause, SIGSTOP), a partition. */
export const FAULT_KINDS = ["crash", "pause", "partition"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How a partition cuts the servers: one cut off both ways, one that can receive but not send, two halves. */
export const PARTITION_SHAPES = ["isolate", "one-way", "halves"] as const;
export type PartitionShape = (typeof PARTITION_SHAPES)[number];

/** One entry of a `kind: "schedule"` nemesis. */
export type ScheduleItem = Extract<NemesisSpec, { kind: "schedule" }>["ops"][number];

/** The cluster size the arbitraries go up to (the schema allows 9 servers). */
export const SERVERS_MAX = 9;
/** The per-mille scale of a window's start and length. */
export const PER_MILLE = 1_000;

export interface FaultWindow {
  readonly kind: FaultKind;
  /** The server, as an index taken modulo the cluster size (the pivot of a partition). */
  readonly node: number;
  readonly shape: PartitionShape;
  /** Where in the fault period it starts, in per mille. */
  readonly startPerMille: number;
  /** How much of what is left of the fault period it lasts, in per mille (at least minFaultMs). */
  readonly lengthPerMille: number;
}

export interface ScheduleShape {
  readonly servers: number;
  /** Faults start no earlier than this (a first leader gets elected), and every one ends by durationMs. */
  readonly startMs: number;
  readonly durationMs: number;
  /** A fault lasts at least this long, unless durationMs comes first. */
  readonly minFaultMs: number;
  /** At most this many servers crashed or paused at once. */
  readonly maxDown: number;
}

interface Placed {
  readonly window: FaultWindow;
  readonly node: number;
  readonly startMs: number;
  readonly endMs: number;
}

/** The schedule of the windows that fit, in time order; each fault's ops share a `group`. */
export function scheduleOf(windows: readonly FaultWindow[], shape: ScheduleShape): ScheduleItem[] {
  const placed: Placed[] = [];
  for (const window of windows) {
    const candidate = place(window, shape);
    if (fits(candidate, placed, shape.maxDown)) placed.push(candidate);
  }
  return placed
    .flatMap((p, group) => opsOf(p, group, shape.servers))
    .sort((a, b) => a.atMs - b.atMs);
}

function place(window: FaultWindow, shape: ScheduleShape): Placed {
  const period = shape.durationMs - shape.startMs;
  const startMs = shape.startMs + Math.floor((period * window.startPerMille) / PER_MILLE);
  const left = shape.durationMs - startMs;
  const lengthMs = shape.minFaultMs + Math.floor((left * window.lengthPerMille) / PER_MILLE);
  return {
    window,
    node: window.node % shape.servers,
    startMs,
    endMs: Math.min(shape.durationMs, startMs + lengthMs),
  };
}

function fits(candidate: Placed, placed: readonly Placed[], maxDown: number): boolean {
  if (candidate.endMs <= candidate.startMs) return false;
  const overlapping = placed.filter(
    (p) => p.startMs <= candidate.endMs && candidate.startMs <= p.endMs,
  );
  if (candidate.window.kind === "partition")
    return overlapping.every((p) => p.window.kind !== "partition");
  const down = overlapping.filter((p) => p.window.kind !== "partition");
  return down.every((p) => p.node !== candidate.node) && down.length < maxDown;
}

function opsOf(p: Placed, group: number, servers: number): ScheduleItem[] {
  const node = `n${p.node + 1}`;
  switch (p.window.kind) {
    case "crash":
      return [
        { atMs: p.startMs, op: { f: "crash", node }, group },
        { atMs: p.endMs, op: { f: "restart", node }, group },
      ];
    case "pause":
      return [
        {
          atMs: p.startMs,
          op: { f: "pause", node, durationUs: (p.endMs - p.startMs) * 1_000 },
          group,
        },
      ];
    case "partition":
      return [
        {
          atMs: p.startMs,
          op: {
            f: "partition-start",
            cuts: cutsOf(p.window.shape, p.node, servers),
            shape: p.window.shape,
          },
          group,
        },
        { atMs: p.endMs, op: { f: "partition-stop" }, group },
      ];
    default:
      return assertNever(p.window.kind, "fault kind");
  }
}

/** The directed links a partition cuts, `pivot` being the isolated server or where the first half starts. */
export function cutsOf(shape: PartitionShape, pivot: number, servers: number): [string, string][] {
  const name = (i: number) => `n${(i % servers) + 1}`;
  const others = Array.from({ length: servers - 1 }, (_, i) => name(pivot + 1 + i));
  switch (shape) {
    case "isolate":
      return others.flatMap((other): [string, string][] => [
        [name(pivot), other],
        [other, name(pivot)],
      ]);
    case "one-way":
      return others.map((other): [string, string] => [name(pivot), other]);
    case "halves": {
      const half = Math.max(1, Math.floor(servers / 2));
      const first = Array.from({ length: half }, (_, i) => name(pivot + i));
      const second = Array.from({ length: servers - half }, (_, i) => name(pivot + half + i));
      return first.flatMap((a) =>
        second.flatMap((b): [string, string][] => [
          [a, b],
          [b, a],
        ]),
      );
    }
    default:
      return assertNever(shape, "partition shape");
  }
}
