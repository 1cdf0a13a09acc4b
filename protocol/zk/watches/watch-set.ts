// A pure registry of armed watches and what one event does to it: every matching watch fires, one-shot
// watches are removed, persistent ones stay (reference §2; ZKWatchManager.materialize).

import { compareNames } from "../data-tree/index.js";
import {
  firesOn,
  isOneShot,
  triggersTable,
  type WatchEvent,
  type WatchKind,
  type WatchTable,
} from "./rules.js";

/**
 * `owner` is whoever receives the event (a session, or a watcher inside one). `table` is set only on a
 * server following 3.8 (watch-modes.ts), where a persistent or recursive watch can be left in one of the
 * two tables after a one-shot registration replaced its mode in the other; absent, a persistent or recursive
 * watch is in both.
 */
export type Watch = {
  readonly owner: number;
  readonly path: string;
  readonly kind: WatchKind;
  readonly table?: WatchTable;
};

/** Sorted by (owner, path, kind, table), without duplicates: arming the same watch twice keeps one. */
export type WatchSet = readonly Watch[];

function compareWatches(left: Watch, right: Watch): number {
  if (left.owner !== right.owner) return left.owner < right.owner ? -1 : 1;
  const byPath = compareNames(left.path, right.path);
  if (byPath !== 0) return byPath;
  const byKind = compareNames(left.kind, right.kind);
  return byKind !== 0 ? byKind : compareNames(left.table ?? "", right.table ?? "");
}

/** Whether the watch fires for the event: its kind's rule, within the one table it may be left in. */
export function watchFires(watch: Watch, event: WatchEvent): boolean {
  if (watch.table !== undefined && !triggersTable(watch.table, event.type)) return false;
  return firesOn(watch.kind, watch.path, event);
}

export function armWatch(set: WatchSet, watch: Watch): WatchSet {
  if (set.some((armed) => compareWatches(armed, watch) === 0)) return set;
  return [...set, watch].sort(compareWatches);
}

export type Delivery = {
  readonly set: WatchSet;
  /** Owners notified, ascending, each once per event even if several of its watches matched. */
  readonly notified: readonly number[];
};

export function deliverEvent(set: WatchSet, event: WatchEvent): Delivery {
  const notified: number[] = [];
  const kept: Watch[] = [];
  for (const watch of set) {
    const fires = watchFires(watch, event);
    if (fires && !notified.includes(watch.owner)) notified.push(watch.owner);
    if (!(fires && isOneShot(watch.kind))) kept.push(watch);
  }
  return { set: kept, notified: notified.sort((a, b) => a - b) };
}
