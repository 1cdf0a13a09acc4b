// The ZooKeeper data tree: paths, znodes and Stat, the leader's prepare step (request -> txn or error txn),
// the replicas' apply step (txn -> new tree), local reads, and container/TTL expiry (reference §1).

export { type Applied, applyTxn, type TreeChange } from "./apply.js";
export {
  codeOfNumber,
  type SessionErrorCode,
  type ZkCode,
  type ZkErrorCode,
  zkCodes,
} from "./error-codes.js";
export { type ContainerPolicy, expiredContainers, expiredTtls } from "./expiry.js";
export {
  childNameOf,
  isSpecialPath,
  joinPath,
  type PathCheck,
  parentOf,
  specialPaths,
  validateCreatePath,
  validatePath,
} from "./path.js";
export {
  type ChangeRecord,
  dropAppliedChanges,
  type NodeRecord,
  type PendingChanges,
  recordFor,
} from "./pending.js";
export { type Prepared, prepareWrite } from "./prepare.js";
export type { OpPrep, PrepareContext } from "./prepare-context.js";
export { formatSequence, TTL_MAX_MS } from "./prepare-create.js";
export {
  findMaxPrefix,
  LIMIT_NODE,
  maxPrefixWithQuota,
  QUOTA_ROOT,
  type QuotaPaths,
  restoredTree,
  STAT_NODE,
  statPathOf,
} from "./quota.js";
export {
  exists,
  getAcl,
  getAllChildrenNumber,
  getChildren,
  getData,
  getEphemerals,
  type ReadResult,
} from "./reads.js";
export {
  type CheckRequest,
  type CloseSessionRequest,
  type CreateMode,
  type CreateRequest,
  type CreateSessionRequest,
  createModes,
  type DeleteContainerRequest,
  type DeleteRequest,
  isEphemeralMode,
  isSequentialMode,
  isTtlMode,
  type MultiOp,
  type MultiRequest,
  type SetAclRequest,
  type SetDataRequest,
  type WriteRequest,
} from "./request.js";
export { formatStatsTrack, parseStatsTrack, type StatsTrack } from "./stats-track.js";
export { compareNames, type DataTree, emptyTree, nodeAt } from "./tree.js";
export type {
  CheckTxn,
  CloseSessionTxn,
  CreateSessionTxn,
  CreateTxn,
  DeleteTxn,
  ErrorTxn,
  MultiSubTxn,
  MultiTxn,
  SetAclTxn,
  SetDataTxn,
  Txn,
  TxnHeader,
  TxnRecord,
  TxnResult,
} from "./txn.js";
export {
  formatSessionId,
  type NodeOwner,
  type SessionId,
  type Stat,
  sessionOwnerOf,
  statOf,
  type ZNode,
  type ZnodeData,
  type Zxid,
} from "./znode.js";
