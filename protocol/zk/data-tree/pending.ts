// Outstanding changes at the leader (PrepRequestProcessor.ChangeRecord / outstandingChanges): the effect of
// txns prepared but not yet applied, so that a request prepared right after another sees its effect.

import type { Acl } from "../acl/index.js";
import type { DataTree } from "./tree.js";
import type { NodeOwner, Zxid } from "./znode.js";

/** The part of a znode that prepare-time checks read. */
export type NodeRecord = {
  readonly version: number;
  /** Stored cversion (child creates). */
  readonly cversion: number;
  readonly aversion: number;
  readonly owner: NodeOwner;
  readonly childCount: number;
  readonly acl: readonly Acl[];
};

/** `node: null` records a pending delete. */
export type ChangeRecord = {
  readonly zxid: Zxid;
  readonly path: string;
  readonly node: NodeRecord | null;
};

/** In preparation order; a later record for a path shadows earlier ones. */
export type PendingChanges = readonly ChangeRecord[];

/**
 * `getRecordForPath`: the latest pending record for `path`, else the tree's node; undefined when the
 * node does not exist (or its pending record is a delete).
 */
export function recordFor(
  tree: DataTree,
  pending: PendingChanges,
  path: string,
): NodeRecord | undefined {
  for (let index = pending.length - 1; index >= 0; index--) {
    const change = pending[index];
    if (change !== undefined && change.path === path) return change.node ?? undefined;
  }
  const node = tree.nodes.get(path);
  if (node === undefined) return undefined;
  return {
    version: node.version,
    cversion: node.cversion,
    aversion: node.aversion,
    owner: node.owner,
    childCount: node.children.length,
    acl: node.acl,
  };
}

/**
 * After the txn with `zxid` is applied locally, its records (and older ones) are no longer outstanding
 * (FinalRequestProcessor removes every record with zxid <= the applied zxid).
 */
export function dropAppliedChanges(pending: PendingChanges, zxid: Zxid): PendingChanges {
  return pending.filter((change) => change.zxid > zxid);
}
