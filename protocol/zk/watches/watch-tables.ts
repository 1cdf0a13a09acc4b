// The server's two watch tables (DataTree.dataWatches / childWatches) as seen by checkWatches and
// removeWatches (opcodes 17, 18): which watch kinds live in which table, ZooKeeper 3.8's containsWatcher
// and removeWatcher per WatcherType (Children / Data / Any).

import type { WatchKind, WatchTable } from "./rules.js";
import type { Watch, WatchSet } from "./watch-set.js";

export type { WatchTable };

/** WatcherType of removeWatches/checkWatches (Children 1, Data 2, Any 3 on the wire). */
export const watcherTypes = ["children", "data", "any"] as const;
export type WatcherType = (typeof watcherTypes)[number];

/**
 * getData/exists watches (present or missing node) go to dataWatches, getChildren watches to
 * childWatches; addWatch puts a persistent or recursive watch in both (DataTree.addWatch in 3.8.0:
 * "dataWatches.addWatch(basePath, watcher, watcherMode); childWatches.addWatch(basePath, watcher, watcherMode)").
 */
export function tablesOf(kind: WatchKind): readonly WatchTable[] {
  switch (kind) {
    case "data":
    case "exist":
      return ["data"];
    case "child":
      return ["child"];
    case "persistent":
    case "persistentRecursive":
      return ["data", "child"];
  }
}

function tablesNamed(type: WatcherType): readonly WatchTable[] {
  if (type === "any") return ["data", "child"];
  return type === "data" ? ["data"] : ["child"];
}

/** The tables a watch is in: its kind's, or the one a 3.8 server left it in (Watch.table). */
export function tablesOfWatch(watch: Watch): readonly WatchTable[] {
  return watch.table === undefined ? tablesOf(watch.kind) : [watch.table];
}

function inTables(watch: Watch, path: string, tables: readonly WatchTable[]): boolean {
  return watch.path === path && tablesOfWatch(watch).some((table) => tables.includes(table));
}

/**
 * WatchManager.containsWatcher in 3.8.0 asks whether the table has any watcher on the path, not whether
 * this connection's is among them ("Set<Watcher> watchers = watchTable.get(localPath); ... if (watchers !=
 * null) { return true; }"), so a watch another session set on the same server counts.
 */
export function containsWatcher(set: WatchSet, path: string, type: WatcherType): boolean {
  const tables = tablesNamed(type);
  return set.some((watch) => inTables(watch, path, tables));
}

/**
 * WatchManager.removeWatcher(path, watcher) removes this connection's watch from the table and answers
 * whether there was one. A persistent watch lives in both tables; removing it from one leaves it in the
 * other in ZooKeeper, here it is removed whole (the registry has one entry per watch).
 */
export function removeWatcher(
  set: WatchSet,
  owner: number,
  path: string,
  type: WatcherType,
): { readonly set: WatchSet; readonly removed: boolean } {
  const tables = tablesNamed(type);
  const kept = set.filter((watch) => watch.owner !== owner || !inTables(watch, path, tables));
  return kept.length === set.length ? { set, removed: false } : { set: kept, removed: true };
}
