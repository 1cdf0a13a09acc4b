// The ZooKeeper server's deterministic core, one folder per idea: data-tree/ (reference §1), acl/ (§1.5 NOAUTH
// rules and the ACL schemes) and watches/ (§2 watch rules). Import from those folders' index files.

export type { Acl, AuthId } from "./acl/index.js";
export type { DataTree, Stat, Txn, TxnRecord, WriteRequest } from "./data-tree/index.js";
export type { WatchEvent, WatchKind } from "./watches/index.js";
