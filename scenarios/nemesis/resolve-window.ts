// Turning a fault window into the kernel's nemesis ops when it starts. The only thing read from the run is the
// leader (for leader-targeted kinds) and the length of a server's txn log (for disk-corrupt); every other choice
// was drawn when the window was planned. Each window yields its start ops and the ops that heal it.
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
import { targetsLeader } from "./fault-kinds.js";
import type { FaultWindow } from "./fault-windows.js";

/** What a window may look at when it starts. */
export interface RunView {
  /** The established leader now, if any. */
  leader(): NodeId | null;
  /** The durable txn-log records of a server now (its log named by the system), or null if none. */
  lastLogRecord(node: NodeId): { readonly log: string; readonly index: number } | null;
}

const CLOCK_SKEW_MAX_US = 2_000_000;
const DRIFT_MAX_PPM = 2_000;
const DELAY_MAX_US = 200_000;
const LOSS_LEVELS = [0.01, 0.05, 0.2] as const;
/** A torn write needs a crash while writes are in flight: crash this soon after arming it. */
const TORN_CRASH_AFTER_US = 1_000;

export function resolveWindow(window: FaultWindow, view: RunView): ScheduledOp[] {
  const target = (targetsLeader(window.kind) ? view.leader() : null) ?? first(window.order);
  const others = window.order.filter((node) => node !== target);
  const order = [target, ...others];
  const { startUs: at, endUs: end } = window;
  switch (window.kind) {
    case "partition-halves":
    case "partition-isolate":
    case "partition-isolate-leader":
    case "partition-majorities-ring":
    case "partition-bridge":
    case "partition-one-way":
      return partition(window, order, at, end);
    case "crash":
    case "crash-leader":
      return downAndUp("crash", target, at, end);
    case "kill":
      return downAndUp("kill", target, at, end);
    case "pause":
    case "pause-leader":
      return [{ atUs: at, op: { f: "pause", node: target, durationUs: end - at } }];
    default:
      return resolveOther(window, order, view);
  }
}

function resolveOther(window: FaultWindow, order: readonly NodeId[], view: RunView): ScheduledOp[] {
  const { startUs: at, endUs: end, amount } = window;
  const target = first(order);
  const peer = order[1] ?? target;
  switch (window.kind) {
    case "clock-skew": {
      const deltaUs = Math.round((amount * 2 - 1) * CLOCK_SKEW_MAX_US);
      return [
        { atUs: at, op: { f: "clock-jump", node: target, deltaUs } },
        { atUs: end, op: { f: "clock-jump", node: target, deltaUs: -deltaUs } },
      ];
    }
    case "clock-drift": {
      const driftPpm = Math.round((amount * 2 - 1) * DRIFT_MAX_PPM);
      return [
        { atUs: at, op: { f: "clock-drift", node: target, driftPpm } },
        { atUs: end, op: { f: "clock-drift", node: target, driftPpm: 0 } },
      ];
    }
    case "link-loss":
    case "link-delay":
      return linkFault(window.kind, target, peer, amount, at, end);
    case "link-reset":
      return [{ atUs: at, op: { f: "link-reset", a: target, b: peer } }];
    case "disk-torn":
      return [
        { atUs: at, op: { f: "disk-torn", node: target } },
        ...downAndUp("crash", target, at + TORN_CRASH_AFTER_US, end),
      ];
    case "disk-corrupt":
      return diskCorrupt(target, view, at, end);
    case "disk-error":
      // One failed fsync: nothing to heal; the server recovers (or not) on its own.
      return [{ atUs: at, op: { f: "disk-error", node: target } }];
    case "rolling-restart":
      return rollingRestart(order, at, end);
    default:
      return [];
  }
}

function first(order: readonly NodeId[]): NodeId {
  const node = order[0];
  if (node === undefined) throw new RangeError("a fault window needs at least one server");
  return node;
}

function partition(
  window: FaultWindow,
  order: readonly NodeId[],
  at: number,
  end: number,
): ScheduledOp[] {
  const shapes: { readonly [kind: string]: () => Partition } = {
    "partition-halves": () => halves(order),
    "partition-isolate": () => isolate(first(order), order),
    "partition-isolate-leader": () => isolate(first(order), order),
    "partition-majorities-ring": () => majoritiesRing(order),
    "partition-bridge": () => bridge(order),
    "partition-one-way": () => oneWay([first(order)], order.slice(1)),
  };
  const make = shapes[window.kind];
  if (make === undefined) return [];
  const shape = window.kind.slice("partition-".length);
  const start: NemesisOp = { f: "partition-start", shape, cuts: make().cuts };
  return [
    { atUs: at, op: start },
    { atUs: end, op: { f: "partition-stop" } },
  ];
}

function downAndUp(f: "crash" | "kill", node: NodeId, at: number, end: number): ScheduledOp[] {
  return [
    { atUs: at, op: { f, node } },
    { atUs: Math.max(end, at + 1), op: { f: "restart", node } },
  ];
}

function linkFault(
  kind: "link-loss" | "link-delay",
  a: NodeId,
  b: NodeId,
  amount: number,
  at: number,
  end: number,
): ScheduledOp[] {
  const links = [[a, b] as const, [b, a] as const];
  const op: NemesisOp =
    kind === "link-loss"
      ? { f: "link-loss", p: LOSS_LEVELS[Math.floor(amount * LOSS_LEVELS.length)] ?? 0.05, links }
      : { f: "link-delay", extraUs: 1_000 + Math.floor(amount * DELAY_MAX_US), links };
  return [
    { atUs: at, op },
    { atUs: end, op: { f: "link-heal" } },
  ];
}

/** Kill first (a kill keeps unsynced writes, so the last record is on disk), then damage it, then restart. */
function diskCorrupt(node: NodeId, view: RunView, at: number, end: number): ScheduledOp[] {
  const record = view.lastLogRecord(node);
  const ops = downAndUp("kill", node, at, end);
  if (record === null) return ops;
  const corrupt: ScheduledOp = { atUs: at, op: { f: "disk-corrupt", node, target: record } };
  return [ops[0] as ScheduledOp, corrupt, ...ops.slice(1)];
}

/** Every server killed and restarted in turn; each is down for 60% of its slot. */
function rollingRestart(order: readonly NodeId[], at: number, end: number): ScheduledOp[] {
  const slotUs = Math.floor((end - at) / order.length);
  if (slotUs < 2) return [];
  return order.flatMap((node, i) =>
    downAndUp(
      "kill",
      node,
      at + i * slotUs,
      at + i * slotUs + Math.max(1, Math.floor(slotUs * 0.6)),
    ),
  );
}
