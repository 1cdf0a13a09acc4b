// Applying a txn at a replica (DataTree.processTxn): deterministic, the same on every server. A txn that
// no longer fits the tree (a replayed create of an existing node, say) answers an error code and changes
// nothing, as ZooKeeper's processTxn does; lastZxid advances either way.

import { assertNever } from "../../../sim/api/index.js";
import type { Acl } from "../acl/index.js";
import { javaHashSetKeys, javaHashSetRemove } from "../java/index.js";
import { sessionEphemerals } from "./ephemerals.js";
import type { ZkCode } from "./error-codes.js";
import { LayeredMap, type MapDraft } from "./layered-map.js";
import { childNameOf, parentOf } from "./path.js";
import {
  mayTouchQuota,
  type QuotaDraft,
  quotaAfterCreate,
  quotaAfterDelete,
  quotaAfterSetData,
} from "./quota.js";
import { type DataTree, withChild, withoutChild } from "./tree.js";
import type { MultiTxn, Txn, TxnHeader, TxnRecord, TxnResult } from "./txn.js";
import { draftNode, type Stat, statOf, type ZNode } from "./znode.js";

/**
 * A change that watches react to; the watch rules map it to events on the node and its parent. `acl` is
 * the node's ACL and `parentAcl` its parent's ([] for the root) at the change: a server sends an event
 * only to a session that may READ the node the event is about (the parent for NodeChildrenChanged), as
 * ServerCnxn.process(WatchedEvent, List<ACL>) checks in ZooKeeper 3.8.0-deb12u2 and later releases.
 */
export type TreeChange = {
  readonly kind: "nodeCreated" | "nodeDeleted" | "nodeDataChanged";
  readonly path: string;
  readonly zxid: number;
  readonly acl: readonly Acl[];
  readonly parentAcl: readonly Acl[];
};

export type Applied = {
  readonly tree: DataTree;
  readonly result: TxnResult;
  /** In the order they happened; empty for error txns, failed multis and setACL. */
  readonly changes: readonly TreeChange[];
  /**
   * Every path whose znode the apply replaced, added or removed (a path may repeat), so a summary of the
   * tree (the server's digest) can be updated from these paths alone.
   */
  readonly touched: readonly string[];
};

/**
 * What one apply works on: the tree's nodes, copied at the first write (an error txn, a session txn or a
 * check writes nothing, and its tree shares the nodes of the one before). The copy never escapes unfinished.
 */
type Draft = {
  readonly base: ReadonlyMap<string, ZNode>;
  copy: MapDraft<ZNode> | null;
  readonly changes: TreeChange[];
  readonly touched: string[];
  /** The paths with a quota as the apply has left them (a new set when one changes). */
  quotas: ReadonlySet<string> | undefined;
};

export function applyTxn(tree: DataTree, record: TxnRecord): Applied {
  const draft: Draft = {
    base: tree.nodes,
    copy: null,
    changes: [],
    touched: [],
    quotas: tree.quotas,
  };
  const result = applyInto(draft, record.header, record.txn);
  const lastZxid = Math.max(tree.lastZxid, record.header.zxid);
  const nodes = draft.copy === null ? tree.nodes : draft.copy.done();
  return {
    tree:
      draft.quotas === undefined ? { nodes, lastZxid } : { nodes, lastZxid, quotas: draft.quotas },
    result,
    changes: draft.changes,
    touched: draft.touched,
  };
}

/** The nodes as the apply has left them so far. */
function nodesOf(draft: Draft): Pick<ReadonlyMap<string, ZNode>, "get" | "has"> {
  return draft.copy ?? draft.base;
}

/** Every write to the draft goes through these two, so `touched` misses none. */
function put(draft: Draft, path: string, node: ZNode): void {
  draft.copy ??= LayeredMap.over(draft.base).edit();
  draft.copy.set(path, node);
  draft.touched.push(path);
}

function remove(draft: Draft, path: string): void {
  draft.copy ??= LayeredMap.over(draft.base).edit();
  draft.copy.delete(path);
  draft.touched.push(path);
}

/** The quota steps' view of the draft (quota.ts); made only for a write that may have one. */
function quotaDraftOf(draft: Draft): QuotaDraft {
  return {
    node: (path) => nodesOf(draft).get(path === "" ? "/" : path),
    setData: (path, data) => {
      const node = nodesOf(draft).get(path);
      if (node === undefined) return;
      const next = draftNode(node);
      next.data = data;
      put(draft, path, next);
    },
    quotas: () => draft.quotas ?? new Set(),
    setQuotas: (next) => {
      draft.quotas = next;
    },
  };
}

function applyInto(draft: Draft, header: TxnHeader, txn: Txn): TxnResult {
  switch (txn.type) {
    case "create":
      return createNode(draft, header, txn);
    case "delete": {
      const code = deleteNode(draft, txn.path, header.zxid);
      return code === "OK" ? { type: "delete", path: txn.path } : { type: "error", code };
    }
    case "setData": {
      const before = nodesOf(draft).get(txn.path);
      const result = updateNode(
        draft,
        txn.path,
        (node) => {
          const next = draftNode(node);
          next.data = txn.data;
          next.version = txn.version;
          next.mzxid = header.zxid;
          next.mtimeMs = header.timeMs;
          return next;
        },
        "setData",
        header.zxid,
      );
      if (before !== undefined && mayTouchQuota(draft.quotas, txn.path))
        quotaAfterSetData(quotaDraftOf(draft), txn.path, before.data, txn.data);
      return result;
    }
    case "setACL":
      return updateNode(
        draft,
        txn.path,
        (node) => {
          const next = draftNode(node);
          next.acl = txn.acl;
          next.aversion = txn.version;
          return next;
        },
        "setACL",
        header.zxid,
      );
    case "check":
      return { type: "check", path: txn.path };
    case "error":
      return { type: "error", code: txn.code };
    case "multi":
      return applyMulti(draft, header, txn);
    case "createSession":
      return { type: "createSession" };
    case "closeSession":
      return { type: "closeSession", deleted: killSession(draft, header, txn.paths) };
    default:
      return assertNever(txn, "txn");
  }
}

/** `DataTree.createNode`: the parent's cversion and pzxid move only forward (replay safety). */
function createNode(draft: Draft, header: TxnHeader, txn: Txn & { type: "create" }): TxnResult {
  const parentPath = parentOf(txn.path);
  const parent = parentPath === undefined ? undefined : nodesOf(draft).get(parentPath);
  if (parentPath === undefined || parent === undefined) return { type: "error", code: "NONODE" };
  const name = childNameOf(txn.path);
  if (nodesOf(draft).has(txn.path)) return { type: "error", code: "NODEEXISTS" };
  const advances = txn.parentCVersion > parent.cversion;
  const linked = draftNode(parent);
  linked.children = withChild(parent.children, name);
  linked.cversion = advances ? txn.parentCVersion : parent.cversion;
  linked.pzxid = advances ? header.zxid : parent.pzxid;
  put(draft, parentPath, linked);
  const node: ZNode = {
    data: txn.data,
    acl: txn.acl,
    czxid: header.zxid,
    mzxid: header.zxid,
    pzxid: header.zxid,
    ctimeMs: header.timeMs,
    mtimeMs: header.timeMs,
    version: 0,
    cversion: 0,
    aversion: 0,
    owner: txn.owner,
    children: [],
  };
  put(draft, txn.path, node);
  // The reply's Stat is taken before the quota step ("child.copyStat(outputStat)" comes first).
  const stat = statOf(node);
  if (mayTouchQuota(draft.quotas, txn.path))
    quotaAfterCreate(quotaDraftOf(draft), txn.path, txn.data);
  draft.changes.push({
    kind: "nodeCreated",
    path: txn.path,
    zxid: header.zxid,
    acl: node.acl,
    parentAcl: parent.acl,
  });
  return { type: "create", path: txn.path, stat };
}

/** `DataTree.deleteNode`: the parent's stored cversion is untouched; its pzxid only grows. */
function deleteNode(draft: Draft, path: string, zxid: number): ZkCode {
  const node = nodesOf(draft).get(path);
  const parentPath = parentOf(path);
  const parent = parentPath === undefined ? undefined : nodesOf(draft).get(parentPath);
  if (node === undefined || parentPath === undefined || parent === undefined) return "NONODE";
  // Prepare guarantees this; deleting a parent would orphan its children, so refuse instead.
  if (node.children.length > 0) return "NOTEMPTY";
  remove(draft, path);
  const unlinked = draftNode(parent);
  unlinked.children = withoutChild(parent.children, childNameOf(path));
  unlinked.pzxid = Math.max(parent.pzxid, zxid);
  put(draft, parentPath, unlinked);
  if (mayTouchQuota(draft.quotas, path)) quotaAfterDelete(quotaDraftOf(draft), path, node.data);
  draft.changes.push({ kind: "nodeDeleted", path, zxid, acl: node.acl, parentAcl: parent.acl });
  return "OK";
}

function updateNode(
  draft: Draft,
  path: string,
  update: (node: ZNode) => ZNode,
  type: "setData" | "setACL",
  zxid: number,
): TxnResult {
  const node = nodesOf(draft).get(path);
  if (node === undefined) return { type: "error", code: "NONODE" };
  const next = update(node);
  put(draft, path, next);
  // setACL fires no watch (reference §1.4); setData fires NodeDataChanged.
  if (type === "setData") {
    const parentPath = parentOf(path);
    const parent = parentPath === undefined ? undefined : nodesOf(draft).get(parentPath);
    const parentAcl = parent?.acl ?? [];
    draft.changes.push({ kind: "nodeDataChanged", path, zxid, acl: next.acl, parentAcl });
  }
  const stat: Stat = statOf(next);
  return { type, path, stat };
}

/**
 * A multi with an error sub-txn changes nothing: ops before the failing one report OK, the failing one
 * its code, later ones RUNTIMEINCONSISTENCY (already in their sub-txns). Otherwise every sub-txn applies
 * with the multi's zxid, in order.
 */
function applyMulti(draft: Draft, header: TxnHeader, txn: MultiTxn): TxnResult {
  const failed = txn.txns.some((sub) => sub.type === "error");
  const results: TxnResult[] = [];
  let seenError = false;
  let code: ZkCode = "OK";
  for (const sub of txn.txns) {
    let result: TxnResult;
    if (failed && sub.type !== "error") {
      result = { type: "error", code: seenError ? "RUNTIMEINCONSISTENCY" : "OK" };
    } else {
      if (sub.type === "error") seenError = true;
      result = applyInto(draft, header, sub);
    }
    if (result.type === "error" && result.code !== "OK" && code === "OK") code = result.code;
    results.push(result);
  }
  return { type: "multi", code, results };
}

/**
 * `DataTree.killSession`: "deleteNodes(session, zxid, paths2DeleteInTxn)", then the session's own set
 * ("ephemerals.remove(session)") less those paths, in that set's order: any ephemeral the txn missed.
 */
function killSession(draft: Draft, header: TxnHeader, paths: readonly string[]): readonly string[] {
  // A closeSession is a txn of its own (never inside a multi), so nothing is written yet.
  if (draft.copy !== null) throw new Error("killSession: the draft was written before it");
  const local = sessionEphemerals(draft.base, header.sessionId);
  const deleted: string[] = [];
  for (const path of paths) {
    if (deleteNode(draft, path, header.zxid) === "OK") deleted.push(path);
    javaHashSetRemove(local, path);
  }
  for (const path of javaHashSetKeys(local)) {
    if (deleteNode(draft, path, header.zxid) === "OK") deleted.push(path);
  }
  return deleted;
}
