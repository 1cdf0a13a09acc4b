// Preparing create/create2/createContainer/createTTL (PrepRequestProcessor.pRequest2TxnCreate), with its
// check order: TTL enabled -> ttl valid -> session -> path has '/' -> ACL valid -> parent exists -> CREATE on
// parent -> suffix + path valid -> node exists -> parent is a session ephemeral.

import { fixupAcl, isAllowed, PERM_CREATE } from "../acl/index.js";
import { validatePath } from "./path.js";
import { type ChangeRecord, type PendingChanges, recordFor } from "./pending.js";
import type { OpPrep, PrepareContext } from "./prepare-context.js";
import { type CreateRequest, isEphemeralMode, isSequentialMode, isTtlMode } from "./request.js";
import type { DataTree } from "./tree.js";
import type { CreateTxn } from "./txn.js";
import type { NodeOwner } from "./znode.js";

/** EphemeralType.TTL's largest ttl: 2^40 - 1 ms. */
export const TTL_MAX_MS = 2 ** 40 - 1;

export function prepareCreate(
  tree: DataTree,
  pending: PendingChanges,
  request: CreateRequest,
  context: PrepareContext,
): OpPrep<CreateTxn> {
  const ttlCode = checkTtl(request, context);
  if (ttlCode !== undefined) return { ok: false, code: ttlCode };
  if (context.sessionError !== undefined) return { ok: false, code: context.sessionError };
  // validatePathForCreate: only "has a '/'" and "no NUL" here; the full check comes after the suffix.
  const lastSlash = request.path.lastIndexOf("/");
  if (lastSlash === -1 || request.path.includes("\u0000"))
    return { ok: false, code: "BADARGUMENTS" };
  const parentPath = lastSlash === 0 ? "/" : request.path.slice(0, lastSlash);
  const fixed = fixupAcl(request.acl, context.auth);
  if (!fixed.ok) return fixed;
  const parent = recordFor(tree, pending, parentPath);
  if (parent === undefined) return { ok: false, code: "NONODE" };
  if (!isAllowed(parent.acl, PERM_CREATE, context.auth)) return { ok: false, code: "NOAUTH" };
  const path = isSequentialMode(request.mode)
    ? request.path + formatSequence(parent.cversion)
    : request.path;
  if (!validatePath(path).ok) return { ok: false, code: "BADARGUMENTS" };
  if (recordFor(tree, pending, path) !== undefined) return { ok: false, code: "NODEEXISTS" };
  if (parent.owner.kind === "session") return { ok: false, code: "NOCHILDRENFOREPHEMERALS" };
  // Stored cversion is a Java int: it wraps, and the suffix shows the wrapped value.
  const parentCVersion = (parent.cversion + 1) | 0;
  const owner = ownerFor(request, context);
  const changes: readonly ChangeRecord[] = [
    {
      zxid: context.zxid,
      path: parentPath,
      node: { ...parent, childCount: parent.childCount + 1, cversion: parentCVersion },
    },
    {
      zxid: context.zxid,
      path,
      node: { version: 0, cversion: 0, aversion: 0, owner, childCount: 0, acl: fixed.acl },
    },
  ];
  return {
    ok: true,
    txn: { type: "create", path, data: request.data, acl: fixed.acl, owner, parentCVersion },
    changes,
  };
}

/** `validateCreateRequest`: UNIMPLEMENTED without extended types, BADARGUMENTS for a bad ttl. */
function checkTtl(
  request: CreateRequest,
  context: PrepareContext,
): "UNIMPLEMENTED" | "BADARGUMENTS" | undefined {
  if (isTtlMode(request.mode)) {
    if (!context.extendedTypesEnabled) return "UNIMPLEMENTED";
    const ttl = request.ttlMs ?? -1;
    if (!(ttl > 0 && ttl <= TTL_MAX_MS)) return "BADARGUMENTS";
  } else if (request.ttlMs !== undefined && request.ttlMs >= 0) {
    return "BADARGUMENTS";
  }
  return undefined;
}

function ownerFor(request: CreateRequest, context: PrepareContext): NodeOwner {
  if (request.mode === "container") return { kind: "container" };
  if (isTtlMode(request.mode)) return { kind: "ttl", ttlMs: request.ttlMs ?? 0 };
  if (isEphemeralMode(request.mode)) return { kind: "session", sessionId: context.sessionId };
  return { kind: "none" };
}

/** `String.format("%010d", n)` for a Java int: zero-padded to width 10, sign included. */
export function formatSequence(counter: number): string {
  if (counter < 0) return `-${String(-counter).padStart(9, "0")}`;
  return String(counter).padStart(10, "0");
}
