// Transactions: what the leader proposes through ZAB and every replica applies (txn/*.jute, TxnHeader).
// A failed write is still a txn (`error`) and consumes a zxid.

import type { Acl } from "../acl/index.js";
import type { ZkCode, ZkErrorCode } from "./error-codes.js";
import type { NodeOwner, SessionId, Stat, ZnodeData, Zxid } from "./znode.js";

export type TxnHeader = {
  readonly sessionId: SessionId;
  readonly zxid: Zxid;
  /** Leader wall-clock time in ms when the request was prepared; becomes ctime/mtime. */
  readonly timeMs: number;
};

/** The parent's new stored cversion travels in the txn so replicas agree on it (CreateTxn.parentCVersion). */
export type CreateTxn = {
  readonly type: "create";
  readonly path: string;
  readonly data: ZnodeData;
  readonly acl: readonly Acl[];
  readonly owner: NodeOwner;
  readonly parentCVersion: number;
};
export type DeleteTxn = { readonly type: "delete"; readonly path: string };
/** `version` is the node's new version, computed at prepare time. */
export type SetDataTxn = {
  readonly type: "setData";
  readonly path: string;
  readonly data: ZnodeData;
  readonly version: number;
};
/** `version` is the node's new aversion. */
export type SetAclTxn = {
  readonly type: "setACL";
  readonly path: string;
  readonly acl: readonly Acl[];
  readonly version: number;
};
export type CheckTxn = { readonly type: "check"; readonly path: string; readonly version: number };
/** In a failed multi, sub-txns after the failing one carry RUNTIMEINCONSISTENCY. */
export type ErrorTxn = { readonly type: "error"; readonly code: ZkErrorCode };
export type MultiSubTxn = CreateTxn | DeleteTxn | SetDataTxn | CheckTxn | ErrorTxn;
export type MultiTxn = { readonly type: "multi"; readonly txns: readonly MultiSubTxn[] };
export type CreateSessionTxn = { readonly type: "createSession"; readonly timeoutMs: number };
/** The ephemerals to delete, collected at prepare time from the tree plus in-flight changes. */
export type CloseSessionTxn = { readonly type: "closeSession"; readonly paths: readonly string[] };

/** CheckTxn only ever appears inside a multi. */
export type Txn =
  | CreateTxn
  | CheckTxn
  | DeleteTxn
  | SetDataTxn
  | SetAclTxn
  | MultiTxn
  | ErrorTxn
  | CreateSessionTxn
  | CloseSessionTxn;

/** A txn with its header: the unit of the ZAB log. */
export type TxnRecord = { readonly header: TxnHeader; readonly txn: Txn };

/** What applying a txn answers (ProcessTxnResult); the server turns it into the client's reply. */
export type TxnResult =
  | { readonly type: "create"; readonly path: string; readonly stat: Stat }
  | { readonly type: "delete"; readonly path: string }
  | { readonly type: "setData"; readonly path: string; readonly stat: Stat }
  | { readonly type: "setACL"; readonly path: string; readonly stat: Stat }
  | { readonly type: "check"; readonly path: string }
  /** `code` is OK only for the ops before the failing one in a failed multi. */
  | { readonly type: "error"; readonly code: ZkCode }
  /** `code` is the first failing op's code, or OK when every op succeeded. */
  | { readonly type: "multi"; readonly code: ZkCode; readonly results: readonly TxnResult[] }
  | { readonly type: "createSession" }
  | { readonly type: "closeSession"; readonly deleted: readonly string[] };
