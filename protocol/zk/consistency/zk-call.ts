// The calls the consistency rules reason about: the client library's application operations, with
// `close` as the closeSession write it sends (reference §1.5, §3).

import { assertNever } from "../../../sim/api/index.js";
import type { ApplicationOp, ClientReadOp, ClientWriteOp } from "../wire/index.js";

export type ZkCall = ApplicationOp;

/** A write goes through ZAB and gets its own zxid, even when it answers an error code (reference §1.4). */
export function isWrite(call: ZkCall): call is ClientWriteOp {
  switch (call.op) {
    case "create":
    case "delete":
    case "setData":
    case "setACL":
    case "multi":
    case "closeSession":
      return true;
    case "exists":
    case "getData":
    case "getChildren":
    case "getAllChildrenNumber":
    case "getEphemerals":
    case "getACL":
    case "sync":
    case "addWatch":
    case "checkWatches":
    case "removeWatches":
    case "whoAmI":
    case "multiRead":
      return false;
    default:
      return assertNever(call, "zk call");
  }
}

/**
 * A read answered from one server's local tree whose answer the check verifies. sync, addWatch and the
 * session calls (checkWatches, removeWatches, whoAmI) carry no tree data; multiRead does, but the check
 * does not model it, so its answers are not verified.
 */
export function isTreeRead(call: ZkCall): call is ClientReadOp {
  switch (call.op) {
    case "exists":
    case "getData":
    case "getChildren":
    case "getAllChildrenNumber":
    case "getEphemerals":
    case "getACL":
      return true;
    default:
      return false;
  }
}
