// How a server registers a session's watch on a path that session already watches, per release line.
// 3.9 (ZOOKEEPER-4466, commit a64dbf5, "Support different watch modes on same path", first in 3.9.0):
// WatchManager keeps a WatchStats per (watcher, path), a set of modes, so a one-shot, a persistent and a
// recursive watch on one path live side by side. 3.8 (3.8.0 to 3.8.6): WatcherModeManager keeps one mode per
// (watcher, path) in each of the two tables, and a registration replaces it: "if (mode ==
// WatcherMode.DEFAULT_WATCHER_MODE) { removeWatcher(watcher, path); } else { ... watcherModes.put(new
// Key(watcher, path), mode) }" — a getData after addWatch(PERSISTENT) turns the data table's entry back into
// a one-shot, and addWatch(PERSISTENT) after addWatch(PERSISTENT_RECURSIVE) ends the recursive one.

import type { ZkVersion } from "../../zab/index.js";
import { isOneShot, type WatchTable } from "./rules.js";
import { armWatch, type Watch, type WatchSet } from "./watch-set.js";
import { tablesOf, tablesOfWatch } from "./watch-tables.js";

/** Registers `watch` as a server of this release line does (DataTree.addWatch / getData / statNode). */
export function registerWatch(version: ZkVersion, set: WatchSet, watch: Watch): WatchSet {
  return version === "3.8" ? replaceModes(set, watch) : armWatch(set, watch);
}

/**
 * 3.8's WatcherModeManager: in each table the new registration goes to, the owner's earlier watch on the
 * path is replaced (a one-shot kind is the DEFAULT mode: an earlier persistent watch there becomes it); in
 * the other table the earlier watch stays, so a persistent watch may be left in one table only.
 */
function replaceModes(set: WatchSet, watch: Watch): WatchSet {
  const replaced = tablesOf(watch.kind);
  const kept: Watch[] = [];
  for (const armed of set) {
    if (armed.owner !== watch.owner || armed.path !== watch.path) {
      kept.push(armed);
      continue;
    }
    const left = tablesOfWatch(armed).filter((table) => !replaced.includes(table));
    const only: WatchTable | undefined = left[0];
    if (only === undefined) continue;
    // A one-shot kind lives in one table, so what is left of it is all of it.
    if (isOneShot(armed.kind) || left.length > 1) kept.push(armed);
    else kept.push({ owner: armed.owner, path: armed.path, kind: armed.kind, table: only });
  }
  return armWatch(kept, watch);
}
