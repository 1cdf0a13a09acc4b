// The simulated ZooKeeper server on top of ZAB (reference §2–§4): sessions, the request pipeline, watches,
// admin commands, container/TTL reaping. `zkServer(serverConfig(servers, {...}))` is a node's protocol.
export { ADMIN_COMMANDS, type AdminCommand, serverStats } from "./admin.js";
export {
  hasServerBug,
  negotiateTimeoutMs,
  SERVER_BUGS,
  type ServerBug,
  type ServerConfig,
  type ServerOptions,
  serverConfig,
} from "./config.js";
export {
  describeServerMessage,
  type ForwardedOp,
  fingerprintServerMessage,
  type PeerMessage,
  type ServerMessage,
} from "./messages.js";
export { zkServer } from "./server.js";
export { expiryBucketMs } from "./session-tracker.js";
export type {
  Connection,
  LeaderSide,
  PendingRequest,
  Serving,
  TrackedSession,
  ZkServerState,
} from "./state.js";
export { SERVER_TICK_TIMER } from "./ticks.js";
export {
  type AppliedEntry,
  txnRecordOf,
  type ZkDatabase,
  zkDatabaseMachine,
} from "./zk-database.js";
