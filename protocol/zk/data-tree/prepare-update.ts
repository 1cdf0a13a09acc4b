// Preparing delete, setData, setACL, check and deleteContainer (PrepRequestProcessor.pRequest2Txn), each
// with ZooKeeper's check order. The first failing check is the answer.

import {
  fixupAcl,
  isAllowed,
  PERM_ADMIN,
  PERM_DELETE,
  PERM_READ,
  PERM_WRITE,
} from "../acl/index.js";
import { isSpecialPath, validatePath } from "./path.js";
import { type NodeRecord, type PendingChanges, recordFor } from "./pending.js";
import type { OpPrep, PrepareContext } from "./prepare-context.js";
import type {
  CheckRequest,
  DeleteContainerRequest,
  DeleteRequest,
  SetAclRequest,
  SetDataRequest,
} from "./request.js";
import type { DataTree } from "./tree.js";
import type { CheckTxn, DeleteTxn, SetAclTxn, SetDataTxn } from "./txn.js";

/** `checkAndIncVersion`: -1 matches any version; the next version wraps like a Java int. */
function nextVersion(current: number, expected: number): number | undefined {
  if (expected !== -1 && expected !== current) return undefined;
  return (current + 1) | 0;
}

/** `getParentPathAndValidate`: no '/', a NUL, or a special path is BADARGUMENTS. */
function parentForDelete(path: string): string | undefined {
  const lastSlash = path.lastIndexOf("/");
  if (lastSlash === -1 || path.includes("\u0000") || isSpecialPath(path)) return undefined;
  return lastSlash === 0 ? "/" : path.slice(0, lastSlash);
}

/** session -> special path -> parent exists -> DELETE on parent -> node exists -> version -> children. */
export function prepareDelete(
  tree: DataTree,
  pending: PendingChanges,
  request: DeleteRequest,
  context: PrepareContext,
): OpPrep<DeleteTxn> {
  if (context.sessionError !== undefined) return { ok: false, code: context.sessionError };
  const parentPath = parentForDelete(request.path);
  if (parentPath === undefined) return { ok: false, code: "BADARGUMENTS" };
  const parent = recordFor(tree, pending, parentPath);
  if (parent === undefined) return { ok: false, code: "NONODE" };
  if (!isAllowed(parent.acl, PERM_DELETE, context.auth)) return { ok: false, code: "NOAUTH" };
  const node = recordFor(tree, pending, request.path);
  if (node === undefined) return { ok: false, code: "NONODE" };
  if (nextVersion(node.version, request.version) === undefined) {
    return { ok: false, code: "BADVERSION" };
  }
  if (node.childCount > 0) return { ok: false, code: "NOTEMPTY" };
  return deletion(request.path, parentPath, parent, context);
}

function deletion(
  path: string,
  parentPath: string,
  parent: NodeRecord,
  context: PrepareContext,
): OpPrep<DeleteTxn> {
  return {
    ok: true,
    txn: { type: "delete", path },
    changes: [
      {
        zxid: context.zxid,
        path: parentPath,
        node: { ...parent, childCount: parent.childCount - 1 },
      },
      { zxid: context.zxid, path, node: null },
    ],
  };
}

/** The ContainerManager's reaping: NONODE, NOTEMPTY, and BADVERSION if it is no container or TTL node. */
export function prepareDeleteContainer(
  tree: DataTree,
  pending: PendingChanges,
  request: DeleteContainerRequest,
  context: PrepareContext,
): OpPrep<DeleteTxn> {
  const parentPath = parentForDelete(request.path);
  if (parentPath === undefined) return { ok: false, code: "BADARGUMENTS" };
  const node = recordFor(tree, pending, request.path);
  if (node === undefined) return { ok: false, code: "NONODE" };
  if (node.childCount > 0) return { ok: false, code: "NOTEMPTY" };
  if (node.owner.kind !== "container" && node.owner.kind !== "ttl") {
    return { ok: false, code: "BADVERSION" };
  }
  const parent = recordFor(tree, pending, parentPath);
  if (parent === undefined) return { ok: false, code: "NONODE" };
  return deletion(request.path, parentPath, parent, context);
}

/** session -> path valid -> exists -> WRITE -> version. */
export function prepareSetData(
  tree: DataTree,
  pending: PendingChanges,
  request: SetDataRequest,
  context: PrepareContext,
): OpPrep<SetDataTxn> {
  if (context.sessionError !== undefined) return { ok: false, code: context.sessionError };
  if (!validatePath(request.path).ok) return { ok: false, code: "BADARGUMENTS" };
  const node = recordFor(tree, pending, request.path);
  if (node === undefined) return { ok: false, code: "NONODE" };
  if (!isAllowed(node.acl, PERM_WRITE, context.auth)) return { ok: false, code: "NOAUTH" };
  const version = nextVersion(node.version, request.version);
  if (version === undefined) return { ok: false, code: "BADVERSION" };
  return {
    ok: true,
    txn: { type: "setData", path: request.path, data: request.data, version },
    changes: [{ zxid: context.zxid, path: request.path, node: { ...node, version } }],
  };
}

/** session -> path valid -> ACL valid -> exists -> ADMIN -> aversion. */
export function prepareSetAcl(
  tree: DataTree,
  pending: PendingChanges,
  request: SetAclRequest,
  context: PrepareContext,
): OpPrep<SetAclTxn> {
  if (context.sessionError !== undefined) return { ok: false, code: context.sessionError };
  if (!validatePath(request.path).ok) return { ok: false, code: "BADARGUMENTS" };
  const fixed = fixupAcl(request.acl, context.auth);
  if (!fixed.ok) return fixed;
  const node = recordFor(tree, pending, request.path);
  if (node === undefined) return { ok: false, code: "NONODE" };
  if (!isAllowed(node.acl, PERM_ADMIN, context.auth)) return { ok: false, code: "NOAUTH" };
  const version = nextVersion(node.aversion, request.version);
  if (version === undefined) return { ok: false, code: "BADVERSION" };
  return {
    ok: true,
    txn: { type: "setACL", path: request.path, acl: fixed.acl, version },
    changes: [
      {
        zxid: context.zxid,
        path: request.path,
        node: { ...node, aversion: version, acl: fixed.acl },
      },
    ],
  };
}

/** session -> path valid -> exists -> READ -> version. Only inside a multi. */
export function prepareCheck(
  tree: DataTree,
  pending: PendingChanges,
  request: CheckRequest,
  context: PrepareContext,
): OpPrep<CheckTxn> {
  if (context.sessionError !== undefined) return { ok: false, code: context.sessionError };
  if (!validatePath(request.path).ok) return { ok: false, code: "BADARGUMENTS" };
  const node = recordFor(tree, pending, request.path);
  if (node === undefined) return { ok: false, code: "NONODE" };
  if (!isAllowed(node.acl, PERM_READ, context.auth)) return { ok: false, code: "NOAUTH" };
  if (nextVersion(node.version, request.version) === undefined) {
    return { ok: false, code: "BADVERSION" };
  }
  return {
    ok: true,
    txn: { type: "check", path: request.path, version: request.version },
    changes: [],
  };
}
