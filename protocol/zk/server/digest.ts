// The ZooKeeper database's digest (as ZooKeeper's DataTree digest, ZOOKEEPER-3114): a sum over the znodes of a
// hash of each one's path, data and Stat fields, plus the live sessions and the last applied zxid. A sum, so it
// does not depend on iteration order. ZAB reports it with every delivery and ReplicaAgreement compares
// replicas at equal zxids: a replica holding a txn the others never applied (or missing one) shows at once.
// Being a sum, it is kept up to date as txns apply (ZkDatabase's `digestSum`): each changed znode's old hash
// is subtracted and its new one added, so a delivery costs the txn's size, not the tree's.
import type { Acl } from "../acl/index.js";
import type { DataTree, SessionId, ZNode } from "../data-tree/index.js";

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mixText(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return Math.imul(h ^ 0xff, FNV_PRIME);
}

/** `mixText` without the end marker: the text's characters only. */
function mixChars(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** A string JSON writes between quotes as it is: nothing to escape. */
function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff))
      return false;
  }
  return true;
}

/**
 * `mixText(hash, JSON.stringify(acl))` without building the text, for ACL entries of the usual shape
 * ({perms, scheme, id} in that order, an integer and two strings with nothing to escape); null for any
 * other, which the caller mixes through the text itself.
 */
function mixAclText(hash: number, acl: readonly Acl[]): number | null {
  let h = Math.imul(hash ^ 0x5b, FNV_PRIME); // [
  for (let i = 0; i < acl.length; i++) {
    const entry = acl[i] as Acl;
    if (!isUsualAcl(entry)) return null;
    if (i > 0) h = Math.imul(h ^ 0x2c, FNV_PRIME); // ,
    h = mixChars(h, '{"perms":');
    h = mixChars(h, String(entry.perms));
    h = mixChars(h, ',"scheme":"');
    h = mixChars(h, entry.scheme);
    h = mixChars(h, '","id":"');
    h = mixChars(h, entry.id);
    h = mixChars(h, '"}');
  }
  h = Math.imul(h ^ 0x5d, FNV_PRIME); // ]
  return Math.imul(h ^ 0xff, FNV_PRIME);
}

function isUsualAcl(entry: Acl): boolean {
  if (
    typeof entry !== "object" ||
    entry === null ||
    Object.getPrototypeOf(entry) !== Object.prototype
  )
    return false;
  let index = 0;
  for (const key in entry) {
    if (key !== USUAL_ACL_KEYS[index]) return false;
    index++;
  }
  return (
    index === USUAL_ACL_KEYS.length &&
    Number.isSafeInteger(entry.perms) &&
    typeof entry.scheme === "string" &&
    typeof entry.id === "string" &&
    isPlainText(entry.scheme) &&
    isPlainText(entry.id)
  );
}

const USUAL_ACL_KEYS = ["perms", "scheme", "id"] as const;

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
  const named = mixText(FNV_OFFSET, path);
  // Null data hashes apart from empty data: replicas that disagree on it must not agree here.
  let h = node.data === null ? mixNumber(named, -1) : mixText(named, node.data);
  h = mixNumber(h, node.czxid);
  h = mixNumber(h, node.mzxid);
  h = mixNumber(h, node.pzxid);
  h = mixNumber(h, node.ctimeMs);
  h = mixNumber(h, node.mtimeMs);
  h = mixNumber(h, node.version);
  h = mixNumber(h, node.cversion);
  h = mixNumber(h, node.aversion);
  h = mixNumber(h, ownerKey(node));
  return (mixAclText(h, node.acl) ?? mixText(h, JSON.stringify(node.acl))) >>> 0;
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

/**
 * The digest recounted over the whole database (a ZkDatabase, named by shape so that zk-database.ts, which
 * keeps the sum, and this file do not import each other), ignoring its kept sum: what that is checked against.
 */
export function databaseDigest(db: {
  readonly tree: DataTree;
  readonly sessions: ReadonlyMap<SessionId, number>;
}): number {
  return digestOf(fullDigestSum({ nodes: db.tree.nodes, sessions: db.sessions }), db.tree.lastZxid);
}
