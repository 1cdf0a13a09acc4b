// ZAB replication (reference §4): the peer, its configuration, its messages and the facts it reports.

// For a host protocol that embeds a peer (the ZooKeeper server): the leader's propose, after its own prepare.
export { propose } from "./broadcast.js";
export { BUG_IDS, type BugId, PLANTED_BUGS, type PlantedBug, plantedBug } from "./bugs.js";
export {
  DEFAULT_ZAB_CONFIG,
  hasQuorum,
  type ZabConfig,
  type ZabOverrides,
  zabConfig,
} from "./config.js";
export { fingerprintRecord } from "./durable.js";
export {
  describeMessage,
  fingerprintMessage,
  type ServerState,
  type Txn,
  type Vote,
  type ZabMessage,
} from "./messages.js";
export { OBSERVATION_KINDS, type ViolationFlag, type ZabObservationKind } from "./observe.js";
export { step, zabPeer } from "./peer.js";
export { type PeerStateView, type PeerSummary, peerStateView, summarizePeer } from "./peer-view.js";
// For a host protocol that copies the peer's records on its own per-message path.
export { draftDb, withDb } from "./records.js";
export type { Env, Out, PeerState, ZabState } from "./state.js";
export {
  type Applied,
  type AppliedTxn,
  DROP_OUTPUTS,
  type Outputs,
  type RegisterState,
  registerMachine,
  type StateMachine,
} from "./state-machine.js";
// For a host protocol whose own packets from a learner are read by the same LearnerHandler loop.
export { touchHandler } from "./timers.js";
export { DEFAULT_ZK_VERSION, isZkVersion, ZK_VERSIONS, type ZkVersion } from "./zk-version.js";
export {
  counterOf,
  describeZxid,
  epochOf,
  formatZxid,
  makeZxid,
  nextZxid,
  type Zxid,
} from "./zxid.js";
