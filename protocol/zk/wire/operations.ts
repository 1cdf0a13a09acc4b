// The operations a client sends, by ZooDefs.OpCode name (reference §1.5). Writes reuse the data tree's
// request shapes; reads, sync, addWatch and the session-level packets are defined here.

import type {
  CloseSessionRequest,
  CreateRequest,
  DeleteRequest,
  MultiRequest,
  SetAclRequest,
  SetDataRequest,
  Zxid,
} from "../data-tree/index.js";
import type { WatcherType } from "../watches/index.js";

/** Writes a client may send: what the leader prepares (create covers create2/createContainer/createTTL). */
export type ClientWriteOp =
  | CreateRequest
  | DeleteRequest
  | SetDataRequest
  | SetAclRequest
  | MultiRequest
  | CloseSessionRequest;

/** exists arms a data watch on a present node and an exist watch on a missing one (reference §1.5). */
export type ExistsOp = { readonly op: "exists"; readonly path: string; readonly watch: boolean };
export type GetDataOp = { readonly op: "getData"; readonly path: string; readonly watch: boolean };
/** getChildren2: the children and the node's Stat. */
export type GetChildrenOp = {
  readonly op: "getChildren";
  readonly path: string;
  readonly watch: boolean;
};
export type GetAllChildrenNumberOp = { readonly op: "getAllChildrenNumber"; readonly path: string };
export type GetEphemeralsOp = { readonly op: "getEphemerals"; readonly prefix: string };
export type GetAclOp = { readonly op: "getACL"; readonly path: string };
export type ClientReadOp =
  | ExistsOp
  | GetDataOp
  | GetChildrenOp
  | GetAllChildrenNumberOp
  | GetEphemeralsOp
  | GetAclOp;

export const persistentWatchModes = ["persistent", "persistentRecursive"] as const;
export type PersistentWatchMode = (typeof persistentWatchModes)[number];

/** sync(path): the server answers once it has applied everything the leader had proposed (§4.7). */
export type SyncOp = { readonly op: "sync"; readonly path: string };
/** addWatch(path, mode): no existence check; the watch stays until removed (reference §2). */
export type AddWatchOp = {
  readonly op: "addWatch";
  readonly path: string;
  readonly mode: PersistentWatchMode;
};

/**
 * checkWatches (opcode 17) and removeWatches (18): the server answers NOWATCHER when its watch tables hold
 * no such watch; removeWatches also drops the connection's watches of that type on the path. The Java
 * client sends checkWatches to remove one watcher and removeWatches to remove them all.
 */
export type WatchRemovalOp = {
  readonly op: "checkWatches" | "removeWatches";
  readonly path: string;
  readonly watcherType: WatcherType;
};
/** whoAmI (opcode 107): the connection's authenticated identities, no request body. */
export type WhoAmIOp = { readonly op: "whoAmI" };
/** One read of a multiRead: Op.getData / Op.getChildren, never with a watch. */
export type MultiReadSubOp = { readonly op: "getData" | "getChildren"; readonly path: string };
/** multiRead (opcode 22): reads answered one by one, each with its own result or error; no atomicity. */
export type MultiReadOp = { readonly op: "multiRead"; readonly ops: readonly MultiReadSubOp[] };
/** Calls answered by the connection's own server in request order that the consistency check does not model. */
export type SessionCallOp = WatchRemovalOp | WhoAmIOp | MultiReadOp;

/** Operations with a client-assigned xid, answered in order. */
export type ApplicationOp = ClientWriteOp | ClientReadOp | SyncOp | AddWatchOp | SessionCallOp;

/** xid -2. */
export type PingOp = { readonly op: "ping" };
/** xid -4: AuthPacket {type, scheme, auth}. Answered out of band, not in request order. */
export type AuthOp = { readonly op: "auth"; readonly scheme: string; readonly credential: string };
/**
 * xid -8 (setWatches2 when persistent watches exist): the client's outstanding watches after a reconnect.
 * The server fires at once what changed after `relativeZxid` and re-arms the rest (DataTree.setWatches).
 */
export type SetWatchesOp = {
  readonly op: "setWatches";
  readonly relativeZxid: Zxid;
  readonly dataWatches: readonly string[];
  readonly existWatches: readonly string[];
  readonly childWatches: readonly string[];
  readonly persistentWatches: readonly string[];
  readonly persistentRecursiveWatches: readonly string[];
};

/** Everything a RequestPacket may carry. */
export type WireOp = ApplicationOp | PingOp | AuthOp | SetWatchesOp;
export type WireOpName = WireOp["op"];
