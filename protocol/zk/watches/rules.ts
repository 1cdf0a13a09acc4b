// Which change fires which event on which kind of watch (reference §2 "Watches and ordering";
// DataTree.createNode/deleteNode/setData, ZKWatchManager.materialize, WatchManager.triggerWatch).

import { assertNever } from "../../../sim/api/index.js";
import { parentOf, type TreeChange } from "../data-tree/index.js";

export const watchEventTypes = [
  "NodeCreated",
  "NodeDeleted",
  "NodeDataChanged",
  "NodeChildrenChanged",
] as const;
export type WatchEventType = (typeof watchEventTypes)[number];

/** EventType numbers on the wire. */
export const watchEventNumbers: Readonly<Record<WatchEventType, number>> = {
  NodeCreated: 1,
  NodeDeleted: 2,
  NodeDataChanged: 3,
  NodeChildrenChanged: 4,
};

/** Watch kinds as a client holds them: exist = exists() on a missing node; data = getData/exists on a present one. */
export const watchKinds = ["data", "exist", "child", "persistent", "persistentRecursive"] as const;
export type WatchKind = (typeof watchKinds)[number];

/**
 * The server's two watch tables (DataTree.dataWatches / childWatches): DataTree triggers the data table with
 * NodeCreated, NodeDeleted and NodeDataChanged of a path, the child table with NodeDeleted of a path and
 * NodeChildrenChanged of its parent ("dataWatches.triggerWatch(path, EventType.NodeDeleted);
 * childWatches.triggerWatch(path, EventType.NodeDeleted, processed)").
 */
export type WatchTable = "data" | "child";

export function triggersTable(table: WatchTable, type: WatchEventType): boolean {
  if (type === "NodeDeleted") return true;
  return table === "child" ? type === "NodeChildrenChanged" : type !== "NodeChildrenChanged";
}

/** An event as delivered: a type on a path, stamped with the zxid of the txn that caused it. */
export type WatchEvent = {
  readonly type: WatchEventType;
  readonly path: string;
  readonly zxid: number;
};

/**
 * The events one tree change causes, in ZooKeeper's order: create P -> NodeCreated on P, then
 * NodeChildrenChanged on parent(P); delete P -> NodeDeleted on P, then NodeChildrenChanged on parent(P);
 * setData P -> NodeDataChanged on P. setACL and failed ops cause none (apply emits no change for them).
 */
export function eventsOf(change: TreeChange): readonly WatchEvent[] {
  const own = { path: change.path, zxid: change.zxid };
  const parent = parentOf(change.path);
  const onParent: readonly WatchEvent[] =
    parent === undefined ? [] : [{ type: "NodeChildrenChanged", path: parent, zxid: change.zxid }];
  switch (change.kind) {
    case "nodeCreated":
      return [{ type: "NodeCreated", ...own }, ...onParent];
    case "nodeDeleted":
      return [{ type: "NodeDeleted", ...own }, ...onParent];
    case "nodeDataChanged":
      return [{ type: "NodeDataChanged", ...own }];
    default:
      return assertNever(change.kind, "tree change");
  }
}

/**
 * Whether a watch of `kind` set on `watchPath` fires for `event`:
 * NodeCreated <- exist; NodeDeleted <- data/exist/child; NodeDataChanged <- data/exist;
 * NodeChildrenChanged <- child. A persistent watch gets all four for its own path; a recursive one gets
 * NodeCreated/Deleted/DataChanged for its path and every descendant, never NodeChildrenChanged.
 */
export function firesOn(kind: WatchKind, watchPath: string, event: WatchEvent): boolean {
  switch (kind) {
    case "data":
      return (
        event.path === watchPath &&
        (event.type === "NodeDeleted" || event.type === "NodeDataChanged")
      );
    case "exist":
      return event.path === watchPath && event.type !== "NodeChildrenChanged";
    case "child":
      return (
        event.path === watchPath &&
        (event.type === "NodeChildrenChanged" || event.type === "NodeDeleted")
      );
    case "persistent":
      return event.path === watchPath;
    case "persistentRecursive":
      return event.type !== "NodeChildrenChanged" && isSelfOrDescendant(event.path, watchPath);
    default:
      return assertNever(kind, "watch kind");
  }
}

function isSelfOrDescendant(path: string, ancestor: string): boolean {
  if (path === ancestor || ancestor === "/") return true;
  return path.startsWith(`${ancestor}/`);
}

/** Standard watches are one-shot: removed when they fire. Persistent ones stay until removeWatches. */
export function isOneShot(kind: WatchKind): boolean {
  return kind === "data" || kind === "exist" || kind === "child";
}

/** The reads that arm a watch. */
export type WatchingRead = "exists" | "getData" | "getChildren";

/**
 * Which watch a successful-or-not read arms: exists arms a data watch on a present node and an exist
 * watch on a missing one (DataTree.statNode adds it first); getData/getChildren arm nothing on NONODE
 * (or on NOAUTH: the watch is added only after the read succeeds).
 */
export function watchArmedBy(
  read: WatchingRead,
  outcome: "ok" | "NONODE" | "NOAUTH",
): WatchKind | undefined {
  if (read === "exists") {
    if (outcome === "ok") return "data";
    return outcome === "NONODE" ? "exist" : undefined;
  }
  if (outcome !== "ok") return undefined;
  return read === "getData" ? "data" : "child";
}
