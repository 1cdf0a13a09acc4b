// Reads answered locally by any server (FinalRequestProcessor): the tree as this replica has applied it.
// Watches are not registered here; the watch rules say which read arms which watch.

import {
  type Acl,
  type AuthId,
  isAllowed,
  maskDigests,
  PERM_ADMIN,
  PERM_READ,
} from "../acl/index.js";
import type { ZkErrorCode } from "./error-codes.js";
import { joinPath } from "./path.js";
import type { DataTree } from "./tree.js";
import { type SessionId, type Stat, statOf, type ZNode, type ZnodeData } from "./znode.js";

export type ReadResult<T> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly code: ZkErrorCode };

function readable(
  tree: DataTree,
  path: string,
  auth: readonly AuthId[],
  perm: number,
):
  | { readonly ok: true; readonly node: ZNode }
  | { readonly ok: false; readonly code: ZkErrorCode } {
  const node = tree.nodes.get(path);
  if (node === undefined) return { ok: false, code: "NONODE" };
  if (!isAllowed(node.acl, perm, auth)) return { ok: false, code: "NOAUTH" };
  return { ok: true, node };
}

/**
 * exists: NONODE when absent (the client shows null, and an exist watch is still armed). It needs no
 * permission: ZooKeeper 3.8.0 returns the Stat of a node its caller cannot READ — the differential test
 * against the real server showed it, although reference §1.5 (written from master) says NOAUTH.
 */
export function exists(tree: DataTree, path: string): ReadResult<{ readonly stat: Stat }> {
  if (path.includes("\u0000")) return { ok: false, code: "BADARGUMENTS" };
  const node = tree.nodes.get(path);
  return node === undefined ? { ok: false, code: "NONODE" } : { ok: true, stat: statOf(node) };
}

export function getData(
  tree: DataTree,
  path: string,
  auth: readonly AuthId[],
): ReadResult<{ readonly data: ZnodeData; readonly stat: Stat }> {
  const found = readable(tree, path, auth, PERM_READ);
  return found.ok ? { ok: true, data: found.node.data, stat: statOf(found.node) } : found;
}

/** getChildren and getChildren2 (the latter also returns the stat). Children are sorted. */
export function getChildren(
  tree: DataTree,
  path: string,
  auth: readonly AuthId[],
): ReadResult<{ readonly children: readonly string[]; readonly stat: Stat }> {
  const found = readable(tree, path, auth, PERM_READ);
  return found.ok ? { ok: true, children: found.node.children, stat: statOf(found.node) } : found;
}

/** All descendants, not only children; for "/" every node but the root (system nodes included). */
export function getAllChildrenNumber(
  tree: DataTree,
  path: string,
  auth: readonly AuthId[],
): ReadResult<{ readonly count: number }> {
  const found = readable(tree, path, auth, PERM_READ);
  if (!found.ok) return found;
  let count = 0;
  const stack = found.node.children.map((name) => joinPath(path, name));
  while (stack.length > 0) {
    const next = stack.pop();
    const node = next === undefined ? undefined : tree.nodes.get(next);
    if (next === undefined || node === undefined) continue;
    count++;
    for (const name of node.children) stack.push(joinPath(next, name));
  }
  return { ok: true, count };
}

/** The calling session's ephemerals whose path starts with `prefix` (a string prefix; "" or "/" = all). */
export function getEphemerals(
  tree: DataTree,
  sessionId: SessionId,
  prefix: string,
): readonly string[] {
  const all = prefix === "" || prefix === "/";
  const paths: string[] = [];
  for (const [path, node] of tree.nodes) {
    if (node.owner.kind !== "session" || node.owner.sessionId !== sessionId) continue;
    if (all || path.startsWith(prefix)) paths.push(path);
  }
  return paths.sort();
}

/** getACL needs READ or ADMIN; without ADMIN digest ids are masked as "user:x". */
export function getAcl(
  tree: DataTree,
  path: string,
  auth: readonly AuthId[],
): ReadResult<{ readonly acl: readonly Acl[]; readonly stat: Stat }> {
  const found = readable(tree, path, auth, PERM_READ | PERM_ADMIN);
  if (!found.ok) return found;
  const acl = isAllowed(found.node.acl, PERM_ADMIN, auth)
    ? found.node.acl
    : maskDigests(found.node.acl);
  return { ok: true, acl, stat: statOf(found.node) };
}
