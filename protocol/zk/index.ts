// The ZooKeeper server's deterministic core, one folder per idea: data-tree/ (reference §1), acl/ (§1.5 NOAUTH
// rules and the ACL schemes), watches/ (§2 watch rules), wire/ (the client–server packets) and client/ (the
// client library as a node protocol, §2–§3). Import from those folders' index files.

export type { Acl, AuthId } from "./acl/index.js";
export { type ClientConfig, type ClientState, clientConfig, zkClient } from "./client/index.js";
export type { DataTree, Stat, Txn, TxnRecord, WriteRequest } from "./data-tree/index.js";
export type { WatchEvent, WatchKind } from "./watches/index.js";
export type { WireMessage } from "./wire/index.js";
