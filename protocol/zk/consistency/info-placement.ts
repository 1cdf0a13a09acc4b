// Writes that were sent but never answered (`info`) may or may not have taken effect (reference §2
// "Pending requests on disconnect"). If one did, it took some zxid no answered write holds, after every
// operation that completed before it was invoked and before every later write of its session. Only the
// position relative to the observed zxids matters, so each info write is either absent or placed at one of
// the first free zxids of one gap between them (as many as there are info writes whose window reaches that
// gap, so several can share it) — or at a zxid that a Stat (czxid, mzxid, pzxid) or a watch event revealed
// and no answered write holds. Each write's window is found by binary search and each gap's sharing by a
// sweep, so the cost follows the windows' widths, not the history's length times the info writes.

import type { Json } from "../../../sim/api/index.js";
import { isWrite } from "./zk-call.js";
import type { ZkOperation } from "./zk-operation.js";

/** The zxids an info write may hold: above `lower`, below `upper`. */
export type InfoWindow = { readonly lower: number; readonly upper: number };

/** For each info write, its candidate zxids (null = it never took effect), absent first. */
export function infoCandidates(
  infoWrites: readonly ZkOperation[],
  operations: readonly ZkOperation[],
  eventZxids: readonly number[] = [],
): readonly (readonly (number | null)[])[] {
  const answered = operations.filter((op) => op.zxid !== null);
  const used = new Set(
    answered.flatMap((op) => (isWrite(op.call) && op.zxid !== null ? [op.zxid] : [])),
  );
  // A watch event reveals the zxid of the change that fired it, as a Stat does. Those an answered write
  // holds are no slot for an info write, so they are left out once rather than skipped per window.
  const revealed = sortedUnique([
    ...operations.flatMap((op) => statZxids(op.output)),
    ...eventZxids,
  ]).filter((zxid) => !used.has(zxid));
  const observed = sortedUnique(answered.map((op) => op.zxid ?? 0));
  const windows = infoWindows(infoWrites, answered);
  const sharing = gapSharing(windows, observed);
  return windows.map(({ lower, upper }) => {
    const shown: number[] = [];
    for (let at = firstAbove(revealed, lower); at < revealed.length; at++) {
      const zxid = revealed[at] ?? 0;
      if (zxid >= upper) break;
      shown.push(zxid);
    }
    return [null, ...mergeAscending(shown, gapSlots(lower, upper, observed, sharing, used))];
  });
}

/**
 * The first free zxids of each gap the window reaches, as many as info writes share that gap, ascending.
 * Gap g runs from observed[g - 1] (or `lower` for the first) to observed[g]; gaps past the last end at
 * infinity.
 */
function gapSlots(
  lower: number,
  upper: number,
  observed: readonly number[],
  sharing: readonly number[],
  used: ReadonlySet<number>,
): number[] {
  const slots: number[] = [];
  const first = firstAbove(observed, lower);
  for (let gap = first; gap <= observed.length; gap++) {
    const bound = gap === first ? lower : (observed[gap - 1] ?? 0);
    if (bound >= upper) break;
    const next = observed[gap] ?? Number.POSITIVE_INFINITY;
    let slot = bound;
    for (let offered = 0; offered < (sharing[gap] ?? 0); offered++) {
      slot++;
      // Bounded by the gap: past `next` the zxids of a run of answered writes are all used.
      while (slot <= next && used.has(slot)) slot++;
      if (slot > next || slot >= upper) break;
      slots.push(slot);
    }
  }
  return slots;
}

/** Two ascending lists as one, each value once. */
function mergeAscending(left: readonly number[], right: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const a = left[i] ?? Number.POSITIVE_INFINITY;
    const b = right[j] ?? Number.POSITIVE_INFINITY;
    const value = Math.min(a, b);
    if (a === value) i++;
    if (b === value) j++;
    if (merged.at(-1) !== value) merged.push(value);
  }
  return merged;
}

/**
 * Each info write's window: above the highest zxid of an operation that completed before it was invoked,
 * below the lowest zxid of a later answered write of its session (a session's requests are applied in
 * order; a later one sent through another server makes it SESSIONMOVED instead).
 */
export function infoWindows(
  infoWrites: readonly ZkOperation[],
  answered: readonly ZkOperation[],
): InfoWindow[] {
  const byReturn = [...answered].sort((left, right) => left.returnAt - right.returnAt);
  const returns = byReturn.map((op) => op.returnAt);
  const highest: number[] = [];
  for (const op of byReturn) highest.push(Math.max(highest.at(-1) ?? 0, op.zxid ?? 0));
  const laterWrites = sessionWriteBounds(answered);
  return infoWrites.map((write) => {
    const before = firstAtOrAbove(returns, write.callAt);
    const lower = before === 0 ? 0 : (highest[before - 1] ?? 0);
    const upper =
      write.session === 0
        ? Number.POSITIVE_INFINITY
        : (laterWrites.get(write.session)?.after(write.callAt) ?? Number.POSITIVE_INFINITY);
    return { lower, upper };
  });
}

type SessionBound = { after(callAt: number): number };

/** Per session: the lowest zxid among its answered writes invoked after a point. */
function sessionWriteBounds(answered: readonly ZkOperation[]): Map<number, SessionBound> {
  const writes = new Map<number, ZkOperation[]>();
  for (const op of answered) {
    if (!isWrite(op.call) || op.zxid === null) continue;
    const list = writes.get(op.session);
    if (list === undefined) writes.set(op.session, [op]);
    else list.push(op);
  }
  const bounds = new Map<number, SessionBound>();
  for (const [session, list] of writes) {
    list.sort((left, right) => left.callAt - right.callAt);
    const calls = list.map((op) => op.callAt);
    const lowest: number[] = new Array(list.length);
    let min = Number.POSITIVE_INFINITY;
    for (let at = list.length - 1; at >= 0; at--) {
      min = Math.min(min, list[at]?.zxid ?? min);
      lowest[at] = min;
    }
    bounds.set(session, {
      after: (callAt) => lowest[firstAbove(calls, callAt)] ?? Number.POSITIVE_INFINITY,
    });
  }
  return bounds;
}

/**
 * For each gap (index g: below observed[g]; the last, past every observed zxid), how many info writes'
 * windows reach into it: a difference array over gap indices.
 */
function gapSharing(windows: readonly InfoWindow[], observed: readonly number[]): number[] {
  const delta = new Array<number>(observed.length + 2).fill(0);
  for (const { lower, upper } of windows) {
    const first = firstAbove(observed, lower);
    // The gap holding `upper - 1`: the first whose end is at or above it.
    const last = Number.isFinite(upper) ? firstAtOrAbove(observed, upper - 1) : observed.length;
    if (last < first) continue;
    delta[first] = (delta[first] ?? 0) + 1;
    delta[last + 1] = (delta[last + 1] ?? 0) - 1;
  }
  const sharing: number[] = [];
  let running = 0;
  for (let gap = 0; gap <= observed.length; gap++) {
    running += delta[gap] ?? 0;
    sharing.push(running);
  }
  return sharing;
}

function sortedUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((left, right) => left - right);
}

/** The index of the first element above `value` in an ascending array. */
export function firstAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) > value) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The index of the first element at or above `value` in an ascending array. */
export function firstAtOrAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) >= value) high = middle;
    else low = middle + 1;
  }
  return low;
}

const STAT_ZXIDS: ReadonlySet<string> = new Set(["czxid", "mzxid", "pzxid"]);

// The search asks for the same outputs' zxids once per component and rule: each output is read once.
const STAT_ZXIDS_OF = new WeakMap<object, readonly number[]>();

/** Every czxid, mzxid and pzxid in an answer. */
export function statZxids(value: Json | undefined): readonly number[] {
  if (typeof value !== "object" || value === null) return [];
  const known = STAT_ZXIDS_OF.get(value);
  if (known !== undefined) return known;
  const found = Array.isArray(value)
    ? value.flatMap((item: Json) => statZxids(item))
    : Object.entries(value as { readonly [key: string]: Json }).flatMap(([name, item]) =>
        STAT_ZXIDS.has(name) && typeof item === "number" ? [item] : statZxids(item),
      );
  STAT_ZXIDS_OF.set(value, found);
  return found;
}
