// Drawing fault windows from a generator spec. Every random choice of a window (its kind, times, the order of
// servers it uses, its amount) is drawn here, up front, from the nemesis stream alone; only "the leader" is
// looked up when the window starts (resolve-window.ts). So the plan never depends on how the run unfolds.
import type { NodeId } from "../../sim/api/index.js";
import type { Prng } from "../../sim/prng/index.js";
import type { GeneratedFault } from "./fault-kinds.js";

export interface FaultWindow {
  readonly kind: GeneratedFault;
  readonly startUs: number;
  /** When the fault is healed; never later than the plan's `healByUs`. */
  readonly endUs: number;
  /** The servers in a drawn order: the target is the first (or the leader), peers and sides follow. */
  readonly order: readonly NodeId[];
  /** A drawn number in [0, 1) for the fault's size (clock offset, loss, delay, flap time). */
  readonly amount: number;
}

export interface WindowPlanOptions {
  readonly servers: readonly NodeId[];
  readonly kinds: readonly GeneratedFault[];
  readonly startUs: number;
  readonly healByUs: number;
  readonly meanGapUs: number;
  readonly meanDurationUs: number;
  readonly maxDown?: number | undefined;
  readonly flapUs?: number | undefined;
}

/** Kinds that take a server down or stop it; `maxDown` bounds how many such windows overlap. */
export function takesDown(kind: GeneratedFault): boolean {
  return (
    kind === "crash" ||
    kind === "crash-leader" ||
    kind === "kill" ||
    kind === "pause" ||
    kind === "pause-leader" ||
    kind === "disk-torn" ||
    kind === "disk-corrupt" ||
    kind === "rolling-restart"
  );
}

function isPartition(kind: GeneratedFault): boolean {
  return kind.startsWith("partition-");
}

/**
 * Windows in start order. Partitions never overlap each other (a partition replaces the current one);
 * link faults never overlap each other (link-heal clears them all); down-type windows respect `maxDown`.
 */
export function planWindows(rng: Prng, options: WindowPlanOptions): FaultWindow[] {
  const windows: FaultWindow[] = [];
  let partitionUntil = 0;
  let linkUntil = 0;
  let at = options.startUs + Math.round(rng.exponential(options.meanGapUs));
  while (at < options.healByUs) {
    const kind = rng.pick(options.kinds);
    const length = 1_000 + Math.round(rng.exponential(options.meanDurationUs));
    const window: FaultWindow = {
      kind,
      startUs: at,
      endUs: Math.min(options.healByUs, at + length),
      order: rng.shuffle(options.servers),
      amount: rng.next(),
    };
    at += 1_000 + Math.round(rng.exponential(options.meanGapUs));
    if (window.endUs - window.startUs < 1_000) continue;
    if (isPartition(kind) && window.startUs < partitionUntil) continue;
    if (isLinkFault(kind) && window.startUs < linkUntil) continue;
    if (takesDown(kind) && !roomToTakeDown(windows, window, options.maxDown)) continue;
    if (isPartition(kind)) partitionUntil = window.endUs;
    if (isLinkFault(kind)) linkUntil = window.endUs;
    windows.push(window);
    if (options.flapUs !== undefined && isCrash(kind) && window.amount < 0.5) {
      windows.push(...flap(window, options, at));
    }
  }
  return windows.sort((x, y) => x.startUs - y.startUs);
}

function isLinkFault(kind: GeneratedFault): boolean {
  return kind === "link-loss" || kind === "link-delay";
}

function isCrash(kind: GeneratedFault): boolean {
  return kind === "crash" || kind === "kill" || kind === "crash-leader";
}

function roomToTakeDown(
  windows: readonly FaultWindow[],
  next: FaultWindow,
  maxDown: number | undefined,
): boolean {
  const overlapping = windows.filter((w) => takesDown(w.kind) && w.endUs > next.startUs);
  // One server is never taken down by two windows at once.
  const target = next.order[0];
  if (overlapping.some((w) => w.order[0] === target && !targetsLeaderKind(w.kind))) return false;
  return maxDown === undefined || overlapping.length < maxDown;
}

function targetsLeaderKind(kind: GeneratedFault): boolean {
  return kind === "crash-leader" || kind === "pause-leader";
}

/** A flapping server: crashed again shortly after its restart, while it rejoins and syncs. */
function flap(window: FaultWindow, options: WindowPlanOptions, nextAt: number): FaultWindow[] {
  const flapUs = options.flapUs ?? 0;
  const again = window.endUs + 1 + Math.floor(window.amount * 2 * flapUs);
  const endUs = Math.min(options.healByUs, again + (window.endUs - window.startUs));
  if (endUs - again < 1_000 || again >= nextAt) return [];
  return [{ ...window, kind: window.kind === "kill" ? "kill" : "crash", startUs: again, endUs }];
}
