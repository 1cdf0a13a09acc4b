// What the Java client (ZooKeeper.java, release-3.8.0) refuses or answers itself before a call is sent,
// beyond the path checks `decode.ts` makes: the handle follows the Java client's synchronous API.
// node-zookeeper-client has rules of its own (lib/node-zookeeper-client): it sends an empty transaction,
// so its calls say so (`sendEmpty`).

import type { Json } from "../../../sim/api/index.js";
import type { Acl } from "../acl/index.js";
import {
  type CreateMode,
  isTtlMode,
  type MultiOp,
  TTL_MAX_MS,
  validatePath,
  type ZkCode,
} from "../data-tree/index.js";
import type { ApplicationOp } from "../wire/index.js";

/** Refused (never sent, `fail`) with a code, or answered by the client itself (`ok`, no zxid). */
export type LocalRule =
  | { readonly kind: "refuse"; readonly code: ZkCode; readonly reason: string }
  | { readonly kind: "answer"; readonly value: { readonly [key: string]: Json } };

/**
 * EphemeralType.validateTTL: "if (mode.isTTL()) TTL.toEphemeralOwner(ttl)" (ttl in (0, 2^40-1]) "else if
 * (ttl >= 0) throw new IllegalArgumentException("ttl not valid for mode: " + mode)". The calls without a
 * ttl pass -1. An IllegalArgumentException is BADARGUMENTS here, as for a bad path.
 */
function ttlRefusal(mode: CreateMode, ttlMs: number | undefined): LocalRule | null {
  const ttl = ttlMs ?? -1;
  if (isTtlMode(mode)) {
    return ttl > 0 && ttl <= TTL_MAX_MS
      ? null
      : { kind: "refuse", code: "BADARGUMENTS", reason: "ttl must be positive and at most 2^40-1" };
  }
  return ttl >= 0
    ? { kind: "refuse", code: "BADARGUMENTS", reason: `ttl not valid for mode: ${mode}` }
    : null;
}

/** ZooKeeper.validateACL: "if (acl == null || acl.isEmpty() || acl.contains(null)) throw new InvalidACLException()". */
function aclRefusal(acl: readonly Acl[]): LocalRule | null {
  return acl.length === 0 ? { kind: "refuse", code: "INVALIDACL", reason: "empty ACL" } : null;
}

/** Op.Create.validate inside a multi: the path (decode.ts) and "EphemeralType.validateTTL(createMode, ttl)". */
function multiOpRefusal(op: MultiOp): LocalRule | null {
  return op.op === "create" ? ttlRefusal(op.mode, op.ttlMs) : null;
}

/**
 * The Java client's local rules for one operation, in its order:
 * - create: "EphemeralType.validateTTL(createMode, ttl); validateACL(acl);" (the synchronous create);
 * - setACL: "validateACL(acl)";
 * - multi: every "op.validate()", then multiInternal's "if (request.size() == 0) { // nothing to do, early
 *   exit return Collections.emptyList(); }" unless the caller's library sends it (`sendEmpty`);
 * - getEphemerals: "PathUtils.validatePath(prefixPath)".
 */
export function localRule(op: ApplicationOp, sendEmpty: boolean): LocalRule | null {
  switch (op.op) {
    case "create":
      return ttlRefusal(op.mode, op.ttlMs) ?? aclRefusal(op.acl);
    case "setACL":
      return aclRefusal(op.acl);
    case "multi": {
      for (const sub of op.ops) {
        const refusal = multiOpRefusal(sub);
        if (refusal !== null) return refusal;
      }
      return op.ops.length === 0 && !sendEmpty ? { kind: "answer", value: { results: [] } } : null;
    }
    case "getEphemerals": {
      const check = validatePath(op.prefix);
      return check.ok
        ? null
        : { kind: "refuse", code: "BADARGUMENTS", reason: `prefix: ${check.reason}` };
    }
    default:
      return null;
  }
}
