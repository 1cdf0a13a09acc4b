// The client's watch bookkeeping (ZKWatchManager): a watch is registered when the reply of the read that
// asked for it arrives (exists: data watch if present, exist watch if NONODE); one-shot watches are removed
// when an event fires them, persistent ones stay; after a reconnect all are re-sent in setWatches.

import type { ZkCode, Zxid } from "../data-tree/index.js";
import {
  armWatch,
  firesOn,
  isOneShot,
  type Watch,
  type WatchEvent,
  type WatchKind,
  watchArmedBy,
} from "../watches/index.js";
import type { ApplicationOp, SetWatchesOp } from "../wire/index.js";

/** The handle has one default watcher; every watch belongs to it. */
const OWNER = 0;

/** The watch a successful (or NONODE for exists) reply registers, if any. */
export function watchRegisteredBy(op: ApplicationOp, err: ZkCode): Watch | undefined {
  if (op.op === "addWatch") {
    return err === "OK" ? { owner: OWNER, path: op.path, kind: op.mode } : undefined;
  }
  if (op.op !== "exists" && op.op !== "getData" && op.op !== "getChildren") return undefined;
  if (!op.watch) return undefined;
  const outcome = err === "OK" ? "ok" : err === "NONODE" || err === "NOAUTH" ? err : undefined;
  if (outcome === undefined) return undefined;
  const kind = watchArmedBy(op.op, outcome);
  return kind === undefined ? undefined : { owner: OWNER, path: op.path, kind };
}

export function registerWatch(
  watches: readonly Watch[],
  watch: Watch | undefined,
): readonly Watch[] {
  return watch === undefined ? watches : armWatch(watches, watch);
}

export type Materialized = {
  readonly watches: readonly Watch[];
  /** The kinds of the watches the event fired, sorted; empty if the handle held none for it. */
  readonly fired: readonly WatchKind[];
};

/** ZKWatchManager.materialize: which watches an event fires, and the registry without the one-shot ones. */
export function materialize(watches: readonly Watch[], event: WatchEvent): Materialized {
  const fired = new Set<WatchKind>();
  const kept: Watch[] = [];
  for (const watch of watches) {
    const fires = firesOn(watch.kind, watch.path, event);
    if (fires) fired.add(watch.kind);
    if (!(fires && isOneShot(watch.kind))) kept.push(watch);
  }
  return { watches: kept, fired: [...fired].sort() };
}

function pathsOf(watches: readonly Watch[], kind: WatchKind): readonly string[] {
  return watches.filter((watch) => watch.kind === kind).map((watch) => watch.path);
}

/** The setWatches packet re-registering everything, or undefined when there is nothing to re-register. */
export function setWatchesOf(
  watches: readonly Watch[],
  relativeZxid: Zxid,
): SetWatchesOp | undefined {
  if (watches.length === 0) return undefined;
  return {
    op: "setWatches",
    relativeZxid,
    dataWatches: pathsOf(watches, "data"),
    existWatches: pathsOf(watches, "exist"),
    childWatches: pathsOf(watches, "child"),
    persistentWatches: pathsOf(watches, "persistent"),
    persistentRecursiveWatches: pathsOf(watches, "persistentRecursive"),
  };
}
