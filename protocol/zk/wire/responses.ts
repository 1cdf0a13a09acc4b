// What a server answers for each operation (the response records of proto/*.jute), typed by op, and the
// conversion from the data tree's apply result (ProcessTxnResult) to a client response.

import { assertNever } from "../../../sim/api/index.js";
import type { Acl } from "../acl/index.js";
import type { Stat, TxnResult, ZkCode, ZnodeData } from "../data-tree/index.js";

/** One sub-result of a multi: ops before a failing one report OK, the failing one its code (§1.5). */
export type MultiResult =
  | { readonly op: "create"; readonly path: string; readonly stat: Stat }
  | { readonly op: "delete" }
  | { readonly op: "setData"; readonly stat: Stat }
  | { readonly op: "check" }
  | { readonly op: "error"; readonly err: ZkCode };

/** One sub-result of a multiRead (GetDataResult, GetChildrenResult without a Stat, ErrorResult). */
export type MultiReadResult =
  | { readonly op: "getData"; readonly data: ZnodeData; readonly stat: Stat }
  | { readonly op: "getChildren"; readonly children: readonly string[] }
  | { readonly op: "error"; readonly err: ZkCode };

/** ClientInfo of whoAmI: the scheme and the provider's user name for one identity. */
export type ClientInfo = { readonly authScheme: string; readonly user: string };

/** create answers as create2 does (path and Stat). */
export type OpResponse =
  | { readonly op: "create"; readonly path: string; readonly stat: Stat }
  | { readonly op: "delete" }
  | { readonly op: "setData"; readonly stat: Stat }
  | { readonly op: "setACL"; readonly stat: Stat }
  | { readonly op: "multi"; readonly results: readonly MultiResult[] }
  | { readonly op: "closeSession" }
  | { readonly op: "exists"; readonly stat: Stat }
  | { readonly op: "getData"; readonly data: ZnodeData; readonly stat: Stat }
  | {
      readonly op: "getChildren";
      readonly children: readonly string[];
      readonly stat: Stat;
    }
  | { readonly op: "getAllChildrenNumber"; readonly count: number }
  | { readonly op: "getEphemerals"; readonly paths: readonly string[] }
  | { readonly op: "getACL"; readonly acl: readonly Acl[]; readonly stat: Stat }
  | { readonly op: "sync"; readonly path: string }
  | { readonly op: "addWatch" }
  | { readonly op: "checkWatches" }
  | { readonly op: "removeWatches" }
  | { readonly op: "whoAmI"; readonly clientInfo: readonly ClientInfo[] }
  | { readonly op: "multiRead"; readonly results: readonly MultiReadResult[] }
  | { readonly op: "ping" }
  | { readonly op: "auth" }
  | { readonly op: "setWatches" };

export type ResponseOf<Op extends OpResponse["op"]> = Extract<OpResponse, { readonly op: Op }>;

/** A write's outcome as the reply carries it: the first error code, and the response. */
export type WriteOutcome = { readonly err: ZkCode; readonly response: OpResponse | null };

/**
 * FinalRequestProcessor's translation of an applied txn. A failed write answers its error code and no
 * response, except multi, which always carries its per-op results.
 */
export function outcomeOfTxnResult(result: TxnResult): WriteOutcome {
  switch (result.type) {
    case "create":
      return { err: "OK", response: { op: "create", path: result.path, stat: result.stat } };
    case "delete":
      return { err: "OK", response: { op: "delete" } };
    case "setData":
      return { err: "OK", response: { op: "setData", stat: result.stat } };
    case "setACL":
      return { err: "OK", response: { op: "setACL", stat: result.stat } };
    case "error":
      return { err: result.code, response: null };
    case "multi":
      return {
        err: result.code,
        response: { op: "multi", results: result.results.map(multiResultOf) },
      };
    case "closeSession":
      return { err: "OK", response: { op: "closeSession" } };
    case "check":
    case "createSession":
      // Neither is a client write answered on its own: check only appears inside a multi, and
      // createSession is answered by a ConnectResponse.
      return { err: "OK", response: null };
    default:
      return assertNever(result, "txn result");
  }
}

function multiResultOf(result: TxnResult): MultiResult {
  switch (result.type) {
    case "create":
      return { op: "create", path: result.path, stat: result.stat };
    case "delete":
      return { op: "delete" };
    case "setData":
      return { op: "setData", stat: result.stat };
    case "check":
      return { op: "check" };
    case "error":
      return { op: "error", err: result.code };
    case "setACL":
    case "multi":
    case "createSession":
    case "closeSession":
      return { op: "error", err: "RUNTIMEINCONSISTENCY" };
    default:
      return assertNever(result, "multi sub-result");
  }
}
