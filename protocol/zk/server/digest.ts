// The ZooKeeper database's digest (as ZooKeeper's DataTree digest, ZOOKEEPER-3114): a sum over the znodes of a
// hash of each one's path, data and Stat fields, plus the live sessions and the last applied zxid. A sum, so it
// does not depend on iteration order. ZAB reports it with every delivery and ReplicaAgreement compares
// replicas at equal zxids: a replica holding a txn the others never applied (or missing one) shows at once.
// It scans the whole tree, O(nodes) per delivery, as applying a txn already copies the path map.
import type { ZNode } from "../data-tree/index.js";
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

function nodeHash(path: string, node: ZNode): number {
  let h = mixText(mixText(FNV_OFFSET, path), node.data);
  for (const n of [node.czxid, node.mzxid, node.pzxid, node.ctimeMs, node.mtimeMs])
    h = mixNumber(h, n);
  for (const n of [node.version, node.cversion, node.aversion, ownerKey(node)]) h = mixNumber(h, n);
  return mixText(h, JSON.stringify(node.acl)) >>> 0;
}

export function databaseDigest(db: ZkDatabase): number {
  let sum = 0;
  for (const [path, node] of db.tree.nodes) sum = (sum + nodeHash(path, node)) >>> 0;
  for (const [session, timeoutMs] of db.sessions) {
    sum = (sum + (mixNumber(mixNumber(FNV_OFFSET, session), timeoutMs) >>> 0)) >>> 0;
  }
  return mixNumber(sum, db.tree.lastZxid) >>> 0;
}
