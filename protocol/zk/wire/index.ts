// The client–server wire protocol of ZooKeeper (ClientCnxn / ServerCnxn): the session handshake, request
// and reply packets with xids, watcher events, and the typed operations and responses (reference §1.5, §3).

export { type ConnectRequest, type ConnectResponse, isExpiredResponse } from "./connect.js";
export {
  JUTE_MAX_BUFFER,
  replyPacketLength,
  requestPacketLength,
  watcherEventLength,
} from "./jute-size.js";
export {
  type AddWatchOp,
  type ApplicationOp,
  type AuthOp,
  type ClientReadOp,
  type ClientWriteOp,
  type ExistsOp,
  type GetAclOp,
  type GetAllChildrenNumberOp,
  type GetChildrenOp,
  type GetDataOp,
  type GetEphemeralsOp,
  type MultiReadOp,
  type MultiReadSubOp,
  type PersistentWatchMode,
  type PingOp,
  persistentWatchModes,
  type SessionCallOp,
  type SetWatchesOp,
  type SyncOp,
  type WatchRemovalOp,
  type WhoAmIOp,
  type WireOp,
  type WireOpName,
} from "./operations.js";
export {
  assertXidFits,
  describeWireMessage,
  fingerprintWireMessage,
  type ReplyPacket,
  type RequestPacket,
  requestPacket,
  reservedXidOf,
  type WatcherEvent,
  type WireMessage,
} from "./packets.js";
export {
  type ClientInfo,
  type MultiReadResult,
  type MultiResult,
  type OpResponse,
  outcomeOfTxnResult,
  type ResponseOf,
  type WriteOutcome,
} from "./responses.js";
export { AUTH_XID, FIRST_XID, NOTIFICATION_XID, PING_XID, SET_WATCHES_XID } from "./xids.js";
