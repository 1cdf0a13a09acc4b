// A znode as the tree stores it (DataNode + StatPersisted) and the Stat a client sees (DataNode.copyStat).
//
// Data is a JavaScript string; ZooKeeper's byte[] is its UTF-8 encoding, so `dataLength` is the UTF-8 byte
// count. Null data and empty data are the same here (both length 0). Times are milliseconds since the epoch
// of the simulated clock, as the leader stamps them in the txn header.

import { type Acl, utf8Length } from "../acl/index.js";

/** A session id. ZooKeeper's are 64-bit; the simulator's are safe integers, 0 meaning "no session". */
export type SessionId = number;

/** `0x10000000001`, as ZooKeeper logs session ids (`sessionid:0x...`). */
export function formatSessionId(session: SessionId): string {
  return `0x${session.toString(16)}`;
}

/** A zxid as a safe integer: (epoch * 2^32) + counter. Only order and equality matter to the tree. */
export type Zxid = number;

/**
 * What ZooKeeper packs into `ephemeralOwner` (EphemeralType): a plain node, a session's ephemeral,
 * a container (Long.MIN_VALUE), or a TTL node (0xFF high byte + ttl).
 */
export type NodeOwner =
  | { readonly kind: "none" }
  | { readonly kind: "session"; readonly sessionId: SessionId }
  | { readonly kind: "container" }
  | { readonly kind: "ttl"; readonly ttlMs: number };

/**
 * A znode's data: ZooKeeper's byte[] as the string its UTF-8 encoding decodes to, or null when the node
 * was created or set with null data (it reads back as null, not as an empty array; both have length 0).
 */
export type ZnodeData = string | null;

export type ZNode = {
  readonly data: ZnodeData;
  readonly acl: readonly Acl[];
  readonly czxid: Zxid;
  readonly mzxid: Zxid;
  readonly pzxid: Zxid;
  readonly ctimeMs: number;
  readonly mtimeMs: number;
  readonly version: number;
  /** Stored cversion: the number of child creates ever done here (what sequence suffixes use). */
  readonly cversion: number;
  readonly aversion: number;
  readonly owner: NodeOwner;
  /** Child names, kept sorted so every listing is deterministic. */
  readonly children: readonly string[];
};

/**
 * A fresh copy of a znode, field by field in the type's order, for an apply to set the fields it changes:
 * znodes are copied on every write, and a spread of a spread-built object is slow on the hot path.
 */
export function draftNode(node: ZNode): { -readonly [K in keyof ZNode]: ZNode[K] } {
  return {
    data: node.data,
    acl: node.acl,
    czxid: node.czxid,
    mzxid: node.mzxid,
    pzxid: node.pzxid,
    ctimeMs: node.ctimeMs,
    mtimeMs: node.mtimeMs,
    version: node.version,
    cversion: node.cversion,
    aversion: node.aversion,
    owner: node.owner,
    children: node.children,
  };
}

/** The Stat record clients receive; field names as in data/Stat.jute, times in ms. */
export type Stat = {
  readonly czxid: Zxid;
  readonly mzxid: Zxid;
  readonly ctime: number;
  readonly mtime: number;
  readonly version: number;
  /** Visible cversion: 2 * stored - numChildren, i.e. child creates plus child deletes. */
  readonly cversion: number;
  readonly aversion: number;
  readonly ephemeralOwner: SessionId;
  readonly dataLength: number;
  readonly numChildren: number;
  readonly pzxid: Zxid;
};

/** `DataNode.copyStat`: containers and TTL nodes report ephemeralOwner 0 to clients. */
export function statOf(node: ZNode): Stat {
  const numChildren = node.children.length;
  return {
    czxid: node.czxid,
    mzxid: node.mzxid,
    ctime: node.ctimeMs,
    mtime: node.mtimeMs,
    version: node.version,
    cversion: (node.cversion * 2 - numChildren) | 0,
    aversion: node.aversion,
    ephemeralOwner: sessionOwnerOf(node.owner),
    dataLength: node.data === null ? 0 : utf8Length(node.data),
    numChildren,
    pzxid: node.pzxid,
  };
}

/** The owning session of a session ephemeral, else 0. */
export function sessionOwnerOf(owner: NodeOwner): SessionId {
  return owner.kind === "session" ? owner.sessionId : 0;
}
