// The client's watch bookkeeping (ZKWatchManager): a watch is registered when the reply of the read that
// asked for it arrives (exists: data watch if present, exist watch if NONODE); one-shot watches are removed
// when an event fires them, persistent ones stay; after a reconnect all are re-sent in setWatches, in the
// order they were registered.

import type { ZkCode, Zxid } from "../data-tree/index.js";
import {
  containsWatcher,
  firesOn,
  isOneShot,
  type Watch,
  type WatchEvent,
  type WatcherType,
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

/**
 * Keeps the handle's watches in the order they were registered, because setWatches lists them so: the
 * client imitates node-zookeeper-client 1.1.3, whose WatcherManager keeps "this.dataWatchers = {}" (and
 * childWatchers, existenceWatchers) keyed by path, sends "Object.keys(watchers)" (insertion order) and
 * deletes a path's key when an event fires it. (The Java client would send its HashMaps' key-set order.)
 */
export function registerWatch(
  watches: readonly Watch[],
  watch: Watch | undefined,
): readonly Watch[] {
  if (watch === undefined || containsWatch(watches, watch)) return watches;
  return [...watches, watch];
}

function containsWatch(watches: readonly Watch[], watch: Watch): boolean {
  return watches.some(
    (held) => held.owner === watch.owner && held.path === watch.path && held.kind === watch.kind,
  );
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

/**
 * The kinds ZKWatchManager.removeWatcher takes out per WatcherType: Children only childWatches, Data
 * dataWatches and existWatches, Any those and the persistent ones. (Its containsWatcher looks at the
 * persistent ones for every type, so Data on a path with only a persistent watch ends NOWATCHER.)
 */
function removableKinds(type: WatcherType): readonly WatchKind[] {
  if (type === "children") return ["child"];
  if (type === "data") return ["data", "exist"];
  return ["child", "data", "exist", "persistent", "persistentRecursive"];
}

/**
 * WatchDeregistration.unregister when the reply of checkWatches/removeWatches arrives
 * (ZKWatchManager.removeWatcher): "containsWatcher(clientPath, watcher, watcherType)" first (NOWATCHER
 * whatever the server said); then "if (!local && rc != OK) throw KeeperException.create(rc)"; the watches
 * go "if (rc == OK || (local && rc != OK))", and the call answers OK once some were removed.
 */
export function unregisterWatches(
  watches: readonly Watch[],
  path: string,
  type: WatcherType,
  local: boolean,
  rc: ZkCode,
): { readonly watches: readonly Watch[]; readonly err: ZkCode } {
  if (!containsWatcher(watches, path, type)) return { watches, err: "NOWATCHER" };
  if (!local && rc !== "OK") return { watches, err: rc };
  const kinds = removableKinds(type);
  const kept = watches.filter((watch) => watch.path !== path || !kinds.includes(watch.kind));
  if (kept.length === watches.length) return { watches, err: "NOWATCHER" };
  return { watches: kept, err: "OK" };
}
