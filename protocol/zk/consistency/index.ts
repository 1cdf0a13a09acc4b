// ZooKeeper consistency checking (DESIGN.md checkers §2, reference §2): the ZooKeeper check — writes
// linearizable in zxid order, reads equal to the state at their reply zxid, per-session monotonic zxids,
// watch-event rules — and the znode-tree model for plain linearizability of `linearizable-reads` runs.

export { checkZooKeeper, type ZkCheckOptions, type ZkCheckResult } from "./check-zookeeper.js";
export { type Comparison, comparableText, sameValue } from "./compare-values.js";
export { readValue, recordedValue, writeValue } from "./expected-value.js";
export {
  type ExplainedWrite,
  type ExplainInput,
  explainZkViolation,
  ZK_RULES,
  type ZkExplanation,
} from "./explain.js";
export {
  describeZkOperation,
  type ZkCheckName,
  type ZkViolation,
  type ZkViolationAt,
  zkCheckNames,
} from "./violation.js";
export { replayWrites, type Timeline, treeAt, type WriteToReplay } from "./write-replay.js";
export { isTreeRead, isWrite, type ZkCall } from "./zk-call.js";
export {
  type ZkCompletion,
  type ZkConnected,
  ZkHistoryError,
  type ZkInvoke,
  type ZkRecord,
  type ZkWatchEvent,
} from "./zk-history.js";
export {
  type PositionedConnection,
  type PositionedEvent,
  parseZkHistory,
  type ZkOperation,
  type ZkParsed,
} from "./zk-operation.js";
export {
  type LinearOperation,
  type ZnodeInput,
  ZnodeInputError,
  type ZnodeOp,
  znodeTreeModel,
} from "./znode-tree-model.js";
