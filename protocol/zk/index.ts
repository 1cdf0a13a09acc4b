// The ZooKeeper server's deterministic core, one folder per idea: data-tree/ (reference §1), acl/ (§1.5 NOAUTH
// rules and the ACL schemes), watches/ (§2 watch rules), wire/ (the client–server packets), client/ (the
// client library as a node protocol, §2–§3) and server/ (the server on ZAB). Import from their index files.

export type { Acl, AuthId } from "./acl/index.js";
export { type ClientConfig, type ClientState, clientConfig, zkClient } from "./client/index.js";
export type { DataTree, Stat, Txn, TxnRecord, WriteRequest } from "./data-tree/index.js";
export { type ServerConfig, serverConfig, zkServer } from "./server/index.js";
export type { WatchEvent, WatchKind } from "./watches/index.js";
export type { WireMessage } from "./wire/index.js";
