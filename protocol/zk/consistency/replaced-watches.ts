// ZOOKEEPER-4466 as the watch rules see it. A 3.8 server keeps one mode per (session, path) in each of its two
// watch tables, and a registration replaces it (protocol/zk/watches/watch-modes.ts): a getChildren after
// addWatch(PERSISTENT_RECURSIVE) ends the recursive watch in the child table, and the recursive mode a
// reconnect's setWatches registers after the child watch ends that one (recursive watches get no
// NodeChildrenChanged). So in a 3.8 history a watch owes no event once its session has made a registration on
// the same path that would take events from it (`loses`), before or after it (a reconnect's setWatches may
// register them again in the other order). 3.9 keeps the modes apart, and every watch owes its events.

import type { ZkVersion } from "../../zab/index.js";
import { isOneShot, tablesOf, type WatchKind } from "../watches/index.js";
import type { Arming } from "./watch-registrations.js";

/**
 * Whether a watch of `kind` loses events when the same session registers `other` on its path (3.8): the
 * table they share is left in `other`'s mode. A one-shot loses nothing to a persistent watch (it fires on
 * all the path's own events), nor a one-shot data watch to a recursive one; a one-shot child watch loses
 * NodeChildrenChanged to a recursive one; a persistent watch loses its events after a one-shot there fired,
 * and NodeChildrenChanged to a recursive one; a recursive one loses to a one-shot and its descendants to a
 * persistent one.
 */
function loses(kind: WatchKind, other: WatchKind): boolean {
  const tables = tablesOf(other);
  if (kind === other || !tablesOf(kind).some((table) => tables.includes(table))) return false;
  if (isOneShot(kind)) return kind === "child" && other === "persistentRecursive";
  return true;
}

/**
 * For a 3.8 history: whether `arming`'s watch may have lost its mode, to a registration of the same session
 * on the same path sent before `until` (a position). Always false for 3.9.
 */
export function mayBeReplaced(
  version: ZkVersion,
  arming: Arming,
  armings: readonly Arming[],
  until: number,
): boolean {
  if (version !== "3.8") return false;
  return armings.some(
    (other) =>
      other !== arming &&
      other.op.session === arming.op.session &&
      other.path === arming.path &&
      other.op.callAt < until &&
      loses(arming.kind, other.kind),
  );
}
