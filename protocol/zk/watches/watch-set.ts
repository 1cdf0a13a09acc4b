// A pure registry of armed watches and what one event does to it: every matching watch fires, one-shot
// watches are removed, persistent ones stay (reference §2; ZKWatchManager.materialize).

import { compareNames } from "../data-tree/index.js";
import { firesOn, isOneShot, type WatchEvent, type WatchKind } from "./rules.js";

/** `owner` is whoever receives the event (a session, or a watcher inside one). */
export type Watch = { readonly owner: number; readonly path: string; readonly kind: WatchKind };

/** Sorted by (owner, path, kind), without duplicates: arming the same watch twice keeps one. */
export type WatchSet = readonly Watch[];

function compareWatches(left: Watch, right: Watch): number {
  if (left.owner !== right.owner) return left.owner < right.owner ? -1 : 1;
  const byPath = compareNames(left.path, right.path);
  return byPath !== 0 ? byPath : compareNames(left.kind, right.kind);
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
    const fires = firesOn(watch.kind, watch.path, event);
    if (fires && !notified.includes(watch.owner)) notified.push(watch.owner);
    if (!(fires && isOneShot(watch.kind))) kept.push(watch);
  }
  return { set: kept, notified: notified.sort((a, b) => a - b) };
}
