// The ZooKeeper database's digest (as ZooKeeper's DataTree digest, ZOOKEEPER-3114): a sum over the znodes of a
// hash of each one's path, data and Stat fields, plus the live sessions and the last applied zxid. A sum, so it
// does not depend on iteration order. ZAB reports it with every delivery and ReplicaAgreement compares
// replicas at equal zxids: a replica holding a txn the others never applied (or missing one) shows at once.
// Being a sum, it is kept up to date as txns apply (ZkDatabase's `digestSum`): each changed znode's old hash
// is subtracted and its new one added, so a delivery costs the txn's size, not the tree's.
import type { SessionId, ZNode } from "../data-tree/index.js";
import type { ZkDatabase } from "./zk-database.js";

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mixText(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return Math.imul(h ^ 0xff, FNV_PRIME);
}

function mixNumber(hash: number, n: number): number {
  const low = Math.imul(hash ^ (n >>> 0), FNV_PRIME);
  return Math.imul(low ^ (Math.floor(n / 4_294_967_296) >>> 0), FNV_PRIME);
}

function ownerKey(node: ZNode): number {
  switch (node.owner.kind) {
    case "none":
      return 0;
    case "session":
      return node.owner.sessionId;
    case "container":
      return -1;
    case "ttl":
      return -2 - node.owner.ttlMs;
  }
}

export function nodeHash(path: string, node: ZNode): number {
  let h = mixText(mixText(FNV_OFFSET, path), node.data);
  h = mixNumber(h, node.czxid);
  h = mixNumber(h, node.mzxid);
  h = mixNumber(h, node.pzxid);
  h = mixNumber(h, node.ctimeMs);
  h = mixNumber(h, node.mtimeMs);
  h = mixNumber(h, node.version);
  h = mixNumber(h, node.cversion);
  h = mixNumber(h, node.aversion);
  h = mixNumber(h, ownerKey(node));
  return mixText(h, JSON.stringify(node.acl)) >>> 0;
}

export function sessionHash(session: SessionId, timeoutMs: number): number {
  return mixNumber(mixNumber(FNV_OFFSET, session), timeoutMs) >>> 0;
}

/** What the digest sums: every znode's hash and every session's, mod 2^32. */
export interface DigestParts {
  readonly nodes: ReadonlyMap<string, ZNode>;
  readonly sessions: ReadonlyMap<SessionId, number>;
}

/** The sum over the whole tree and every session, from scratch: what `digestSum` is kept equal to. */
export function fullDigestSum(parts: DigestParts): number {
  let sum = 0;
  for (const [path, node] of parts.nodes) sum = (sum + nodeHash(path, node)) >>> 0;
  for (const [session, timeoutMs] of parts.sessions) {
    sum = (sum + sessionHash(session, timeoutMs)) >>> 0;
  }
  return sum;
}

/** The sum after `path` went from `before` to `after` (undefined: no znode there). */
export function withNodeChange(
  sum: number,
  path: string,
  before: ZNode | undefined,
  after: ZNode | undefined,
): number {
  if (before === after) return sum;
  let next = sum;
  if (before !== undefined) next = (next - nodeHash(path, before)) >>> 0;
  if (after !== undefined) next = (next + nodeHash(path, after)) >>> 0;
  return next;
}

/** The sum after a session's timeout went from `before` to `after` (undefined: no such session). */
export function withSessionChange(
  sum: number,
  session: SessionId,
  before: number | undefined,
  after: number | undefined,
): number {
  if (before === after) return sum;
  let next = sum;
  if (before !== undefined) next = (next - sessionHash(session, before)) >>> 0;
  if (after !== undefined) next = (next + sessionHash(session, after)) >>> 0;
  return next;
}

/** The digest of a database whose sum is `sum` and whose last applied zxid is `lastZxid`. */
export function digestOf(sum: number, lastZxid: number): number {
  return mixNumber(sum, lastZxid) >>> 0;
}

/** The digest recounted over the whole database, ignoring its kept sum: what the kept sum is checked against. */
export function databaseDigest(db: ZkDatabase): number {
  return digestOf(fullDigestSum({ nodes: db.tree.nodes, sessions: db.sessions }), db.tree.lastZxid);
}
