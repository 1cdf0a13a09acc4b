// Client operations for the timeline: each invoke paired with its completion by process, laned by client
// under its one label (run.json's workload maps a Jepsen process to its client `c3`; app processes to `app-1`).
import type { HistoryLine } from "../run-data/index.js";
import { compareNodeIds } from "./node-kinds.js";

export const OP_STATUSES = ["ok", "fail", "info"] as const;
export type OpStatus = (typeof OP_STATUSES)[number];

export interface ClientOp {
  readonly startUs: number;
  /** When the completion was recorded; null when the history ends with the operation open. */
  readonly endUs: number | null;
  readonly process: number;
  readonly status: OpStatus;
  readonly f: string;
  readonly invoke: HistoryLine;
  readonly completion: HistoryLine | null;
}

/** Pairs invokes with completions in history order; an invoke never completed stays `info`. */
export function pairClientOps(history: readonly HistoryLine[]): ClientOp[] {
  const open = new Map<number, number>();
  const ops: ClientOp[] = [];
  for (const entry of history) {
    if (entry.process === "nemesis") continue;
    if (entry.type === "invoke") {
      open.set(entry.process, ops.length);
      ops.push({
        startUs: entry.time / 1000,
        endUs: null,
        process: entry.process,
        status: "info",
        f: entry.f,
        invoke: entry,
        completion: null,
      });
      continue;
    }
    const at = open.get(entry.process);
    const op = at === undefined ? undefined : ops[at];
    if (at === undefined || op === undefined) continue;
    open.delete(entry.process);
    ops[at] = { ...op, endUs: entry.time / 1000, status: entry.type, completion: entry };
  }
  return ops;
}

/** Above this many lanes, operations are packed into lanes by time instead of one lane per client. */
export const LANES_MAX = 200;

export interface Lanes {
  readonly names: readonly string[];
  readonly laneOf: readonly number[];
  /** True when lanes are packed by time: a lane then holds several clients' operations. */
  readonly packed: boolean;
}

/** Workload clients (c1, c2, ..) first, then app instances, recipe clients and the rest, by name. */
export function compareLanes(a: string, b: string): number {
  const rank = (name: string) => (/^c\d+$/.test(name) ? 0 : 1);
  return rank(a) - rank(b) || compareNodeIds(a, b);
}

/**
 * One lane per client, by its one label (`c3`, `app-1`, `lock-2`); `extra` names clients that made no
 * history operation (a recipe's lock holders), whose lanes carry only their marks.
 */
export function assignLanes(
  ops: readonly ClientOp[],
  name: (process: number) => string,
  extra: readonly string[] = [],
): Lanes {
  const labels = ops.map((op) => name(op.process));
  const keys = [...new Set([...labels, ...extra])].sort(compareLanes);
  if (keys.length <= LANES_MAX) {
    const index = new Map(keys.map((key, i) => [key, i]));
    return { names: keys, laneOf: labels.map((label) => index.get(label) ?? 0), packed: false };
  }
  return packLanes(ops);
}

/** Greedy interval packing in start order: each operation takes the first lane free when it starts. */
function packLanes(ops: readonly ClientOp[]): Lanes {
  const freeAt: number[] = [];
  const laneOf = ops.map((op) => {
    const end = op.endUs ?? Number.POSITIVE_INFINITY;
    let lane = freeAt.findIndex((free) => free <= op.startUs);
    if (lane < 0) lane = freeAt.length;
    freeAt[lane] = end;
    return lane;
  });
  return { names: freeAt.map((_, i) => `lane ${i}`), laneOf, packed: true };
}
