// The server's watch manager (WatchManager, reference §2): watches live with the connection that set them;
// applying a txn fires, in zxid order, the events its changes cause to the sessions connected here; a
// reconnecting client re-registers its watches with setWatches and gets at once the events it missed
// (DataTree.setWatches; synthesized events carry zxid -1). The release line decides how a second
// registration on a watched path combines with the first (watch-modes.ts, ZOOKEEPER-4466) and which zxid a
// notification's reply header carries (notificationZxid, ZOOKEEPER-4655).

import type { ZkVersion } from "../../zab/index.js";
import type { Acl } from "../acl/index.js";
import type { DataTree, SessionId } from "../data-tree/index.js";
import {
  deliverEvent,
  eventsOf,
  registerWatch,
  type WatchEventType,
  type WatchSet,
} from "../watches/index.js";
import type { SetWatchesOp, WatcherEvent } from "../wire/index.js";
import type { AppliedEntry } from "./zk-database.js";

/**
 * An event for a session, with the ACL of the node it is about (the parent's for NodeChildrenChanged):
 * the connection sends it only if its auth may READ that node (ServerCnxn.process(event, acl)); the
 * one-shot watch is spent either way.
 */
export type Notification = {
  readonly sessionId: SessionId;
  readonly event: WatcherEvent;
  readonly acl: readonly Acl[];
};

function wireEvent(type: WatchEventType, path: string, zxid: number): WatcherEvent {
  return { type: "WatcherEvent", xid: -1, zxid, eventType: type, state: "SyncConnected", path };
}

/**
 * The zxid in a notification's reply header. 3.9.0 added it (ZOOKEEPER-4655, commit 880f606, "Communicate the
 * Zxid that triggered a WatchEvent to fire"): WatchManager.triggerWatch(path, type, zxid) builds "new
 * WatchedEvent(type, KeeperState.SyncConnected, path, zxid)" and NIOServerCnxn.process sends "new
 * ReplyHeader(ClientCnxn.NOTIFICATION_XID, event.getZxid(), 0)". 3.8's process sends "new
 * ReplyHeader(ClientCnxn.NOTIFICATION_XID, -1L, 0)" for every event.
 */
export function notificationZxid(version: ZkVersion, txnZxid: number): number {
  return version === "3.8" ? -1 : txnZxid;
}

/** The events one applied txn fires, and the watch set without the one-shot watches that fired. */
export function fireWatches(
  watches: WatchSet,
  entry: AppliedEntry,
  version: ZkVersion,
): { readonly watches: WatchSet; readonly notifications: readonly Notification[] } {
  if (entry.changes.length === 0 || watches.length === 0) return { watches, notifications: [] };
  let set = watches;
  const notifications: Notification[] = [];
  for (const change of entry.changes) {
    for (const event of eventsOf(change)) {
      const delivery = deliverEvent(set, event);
      set = delivery.set;
      const acl = event.type === "NodeChildrenChanged" ? change.parentAcl : change.acl;
      for (const sessionId of delivery.notified) {
        const wire = wireEvent(event.type, event.path, notificationZxid(version, event.zxid));
        notifications.push({ sessionId, event: wire, acl });
      }
    }
  }
  return { watches: set, notifications };
}

export function dropSessionWatches(watches: WatchSet, sessionId: SessionId): WatchSet {
  if (!watches.some((w) => w.owner === sessionId)) return watches;
  return watches.filter((w) => w.owner !== sessionId);
}

/**
 * DataTree.setWatches: data watch -> NodeDeleted if gone, NodeDataChanged if mzxid > relativeZxid; exist
 * watch -> NodeCreated if present; child watch -> NodeDeleted if gone, NodeChildrenChanged if pzxid >
 * relativeZxid; otherwise re-armed. Persistent watches are re-armed without catch-up. The lists are
 * registered in that order (data, exist, child, persistent, recursive), so on a 3.8 server a persistent
 * watch re-armed with a one-shot on the same path replaces the one-shot's mode (watch-modes.ts).
 */
export function setWatches(
  tree: DataTree,
  watches: WatchSet,
  owner: SessionId,
  op: SetWatchesOp,
  version: ZkVersion,
): { readonly watches: WatchSet; readonly events: readonly WatcherEvent[] } {
  const rel = op.relativeZxid;
  const events: WatcherEvent[] = [];
  let set = watches;
  const arm = (
    path: string,
    kind: "data" | "exist" | "child" | "persistent" | "persistentRecursive",
  ) => {
    set = registerWatch(version, set, { owner, path, kind });
  };
  for (const path of op.dataWatches) {
    const node = tree.nodes.get(path);
    if (node === undefined) events.push(wireEvent("NodeDeleted", path, -1));
    else if (node.mzxid > rel) events.push(wireEvent("NodeDataChanged", path, -1));
    else arm(path, "data");
  }
  for (const path of op.existWatches) {
    if (tree.nodes.has(path)) events.push(wireEvent("NodeCreated", path, -1));
    else arm(path, "exist");
  }
  for (const path of op.childWatches) {
    const node = tree.nodes.get(path);
    if (node === undefined) events.push(wireEvent("NodeDeleted", path, -1));
    else if (node.pzxid > rel) events.push(wireEvent("NodeChildrenChanged", path, -1));
    else arm(path, "child");
  }
  for (const path of op.persistentWatches) arm(path, "persistent");
  for (const path of op.persistentRecursiveWatches) arm(path, "persistentRecursive");
  return { watches: set, events };
}
