// What the leader's ContainerManager would reap (ContainerManager.getCandidates). The server submits a
// deleteContainer request for each; prepare re-checks, so a child created meanwhile makes it NOTEMPTY.

import type { DataTree } from "./tree.js";

export type ContainerPolicy = {
  /** `znode.container.maxNeverUsedIntervalMs`: 0 (the 3.8 default) keeps never-used containers forever. */
  readonly maxNeverUsedIntervalMs: number;
};

/** Empty containers that once had a child (stored cversion > 0), or never-used ones past the limit. */
export function expiredContainers(
  tree: DataTree,
  nowMs: number,
  policy: ContainerPolicy = { maxNeverUsedIntervalMs: 0 },
): readonly string[] {
  const paths: string[] = [];
  for (const [path, node] of tree.nodes) {
    if (node.owner.kind !== "container" || node.children.length > 0) continue;
    const neverUsedTooLong =
      policy.maxNeverUsedIntervalMs !== 0 && nowMs - node.mtimeMs > policy.maxNeverUsedIntervalMs;
    if (node.cversion > 0 || neverUsedTooLong) paths.push(path);
  }
  return paths.sort();
}

/** Childless TTL nodes not modified for longer than their ttl. */
export function expiredTtls(tree: DataTree, nowMs: number): readonly string[] {
  const paths: string[] = [];
  for (const [path, node] of tree.nodes) {
    if (node.owner.kind !== "ttl" || node.children.length > 0) continue;
    if (node.owner.ttlMs !== 0 && nowMs - node.mtimeMs > node.owner.ttlMs) paths.push(path);
  }
  return paths.sort();
}
