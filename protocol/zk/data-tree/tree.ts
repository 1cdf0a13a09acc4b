// The data tree (DataTree): znodes by path plus the last applied zxid. Treated as immutable: every
// apply returns a new tree that shares unchanged znodes with the old one.

import { OPEN_ACL_UNSAFE, READ_ACL_UNSAFE } from "../acl/index.js";
import type { ZNode, Zxid } from "./znode.js";

export type DataTree = {
  readonly nodes: ReadonlyMap<string, ZNode>;
  /** `lastProcessedZxid`: the highest zxid applied, success or error txn alike. */
  readonly lastZxid: Zxid;
  /**
   * The paths with a quota (DataTree's PathTrie, quota.ts); absent = none. Not in a snapshot: its restore
   * rebuilds them from the zookeeper_limits nodes, as DataTree.deserialize does.
   */
  readonly quotas?: ReadonlySet<string>;
};

function systemNode(children: readonly string[], acl: ZNode["acl"]): ZNode {
  return {
    data: "",
    acl,
    czxid: 0,
    mzxid: 0,
    pzxid: 0,
    ctimeMs: 0,
    mtimeMs: 0,
    version: 0,
    cversion: 0,
    aversion: 0,
    owner: { kind: "none" },
    children,
  };
}

/**
 * A fresh tree as a new standalone server has it: "/", "/zookeeper", "/zookeeper/quota" and the read-only
 * "/zookeeper/config". They are linked in without counting as child creates, so "/" shows cversion -1 and
 * "/zookeeper" cversion -2, as real ZooKeeper does. The config node's aversion is -1 because the
 * DataTree constructor calls setACL(config, READ_ACL_UNSAFE, -1), which stores the -1 as the aversion.
 */
export function emptyTree(): DataTree {
  const nodes = new Map<string, ZNode>([
    ["/", systemNode(["zookeeper"], OPEN_ACL_UNSAFE)],
    ["/zookeeper", systemNode(["config", "quota"], OPEN_ACL_UNSAFE)],
    ["/zookeeper/config", { ...systemNode([], READ_ACL_UNSAFE), aversion: -1 }],
    ["/zookeeper/quota", systemNode([], OPEN_ACL_UNSAFE)],
  ]);
  return { nodes, lastZxid: 0 };
}

export function nodeAt(tree: DataTree, path: string): ZNode | undefined {
  return tree.nodes.get(path);
}

/** Inserts `name` into a sorted list of names (no duplicates), after any equal one, by binary search. */
export function withChild(children: readonly string[], name: string): readonly string[] {
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareNames(children[middle] as string, name) <= 0) low = middle + 1;
    else high = middle;
  }
  return [...children.slice(0, low), name, ...children.slice(low)];
}

export function withoutChild(children: readonly string[], name: string): readonly string[] {
  return children.filter((child) => child !== name);
}

/** Total order on names by UTF-16 code units, so sorting never depends on locale. */
export function compareNames(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}
