// DataTree.ephemerals: each session's ephemeral paths in a java.util.HashSet, whose iteration order decides
// the order in which a closing session's ephemerals are deleted (and their watches fire).
import { type JavaHashSet, javaHashSetAdd, newJavaHashSet } from "../java/index.js";
import { compareNames } from "./tree.js";
import type { ZNode } from "./znode.js";

/**
 * The session's set as `DataTree.createNode` built it ("list.add(path)" on each ephemeral create), rebuilt
 * from the tree: its ephemerals added in creation order (czxid; creates of one multi by path). Exact
 * unless the session once held more ephemerals than now (the real table never shrinks, so its bins
 * may be more) or two ephemerals of one multi were created out of path order; the
 * set rebuilt at snapshot load (in the snapshot's node order) is not modelled either.
 */
export function sessionEphemerals(
  nodes: ReadonlyMap<string, ZNode>,
  sessionId: number,
): JavaHashSet {
  const owned: [string, ZNode][] = [];
  for (const [path, node] of nodes) {
    if (node.owner.kind === "session" && node.owner.sessionId === sessionId)
      owned.push([path, node]);
  }
  owned.sort(([pathA, a], [pathB, b]) => a.czxid - b.czxid || compareNames(pathA, pathB));
  const set = newJavaHashSet();
  for (const [path] of owned) javaHashSetAdd(set, path);
  return set;
}
