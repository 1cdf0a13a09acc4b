// Quota statistics (DataTree 3.8.0 to 3.9.5: updateQuotaStat, getMaxPrefixWithQuota, updateQuotaForPath,
// setupQuota; Quotas; PathTrie). Every create, delete and setData under a path with a quota updates
// /zookeeper/quota<path>/zookeeper_stats in place: its data changes, its Stat (version, mzxid, mtime) does not,
// and no watch fires. Enforcement (QUOTAEXCEEDED with zookeeper.enforceQuota) is not modelled: it is off by
// default. The paths with a quota are PathTrie's; they are rebuilt at a snapshot's restore, as deserialize does.
//
// Where the real code throws (a limits node right under /zookeeper/quota: addPath(""); stats data StatsTrack
// cannot parse; trimQuotaPath of a path shorter than /zookeeper/quota), the real server stops on an unexpected
// exception in its apply; here the quota step is skipped and the txn applies otherwise as usual.

import { utf8Length } from "../acl/index.js";
import { formatStatsTrack, parseStatsTrack, withDiffs } from "./stats-track.js";
import { compareNames, type DataTree } from "./tree.js";
import type { ZNode, ZnodeData } from "./znode.js";

/** Quotas.quotaZookeeper, procZookeeper, limitNode, statNode. */
export const QUOTA_ROOT = "/zookeeper/quota";
const PROC_ROOT = "/zookeeper";
export const LIMIT_NODE = "zookeeper_limits";
export const STAT_NODE = "zookeeper_stats";

/** The paths with a quota (PathTrie nodes with `property`), each as PathTrie.split normalizes it. */
export type QuotaPaths = ReadonlySet<string>;

/** What the quota steps read and write of the tree an apply is drafting. */
export type QuotaDraft = {
  /** DataTree.getNode: `nodes.get(path)`, where "" is the root too. */
  node(path: string): ZNode | undefined;
  /** Replaces a node's data only (the stats node's Stat stays). */
  setData(path: string, data: string): void;
  quotas(): QuotaPaths;
  setQuotas(next: QuotaPaths): void;
};

/** PathTrie.split: "/"-separated, dropping components that `trim()` to empty. */
function trieComponents(path: string): string[] {
  return path.split("/").filter((part) => javaTrim(part) !== "");
}

/** Java's String.trim: strips every char <= U+0020 from both ends. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start += 1;
  while (end > start && text.charCodeAt(end - 1) <= 32) end -= 1;
  return text.slice(start, end);
}

/** Quotas.trimQuotaPath: substring(quotaZookeeper.length()); null where Java throws (a shorter path). */
function trimQuotaPath(path: string): string | null {
  return path.length < QUOTA_ROOT.length ? null : path.slice(QUOTA_ROOT.length);
}

/** Quotas.statPath. */
export function statPathOf(path: string): string {
  return `${QUOTA_ROOT}${path}/${STAT_NODE}`;
}

/** PathTrie.findMaxPrefix: the deepest prefix of `path` with a quota, or "/" when none has. */
export function findMaxPrefix(quotas: QuotaPaths, path: string): string {
  let prefix = "";
  let deepest = "/";
  for (const part of trieComponents(path)) {
    prefix += `/${part}`;
    if (quotas.has(prefix)) deepest = prefix;
  }
  return deepest;
}

/** DataTree.getMaxPrefixWithQuota: "do nothing for the root", so "/" (no quota) gives null. */
export function maxPrefixWithQuota(quotas: QuotaPaths, path: string): string | null {
  if (quotas.size === 0) return null;
  const prefix = findMaxPrefix(quotas, path);
  return prefix === "/" || prefix === "" ? null : prefix;
}

function dataBytes(data: ZnodeData): number {
  return data === null ? 0 : utf8Length(data);
}

/**
 * DataTree.updateQuotaStat: the stats node's StatsTrack gets count += countDiff, bytes += bytesDiff; "Missing
 * node for stat" only logs. Its data is written in place, without nodes.preChange/postChange, so the real
 * digest misses it; zabsim's digest counts it (a restored replica must agree with the others).
 */
function updateQuotaStat(
  draft: QuotaDraft,
  lastPrefix: string,
  bytesDiff: number,
  countDiff: number,
) {
  const statPath = statPathOf(lastPrefix);
  const statNode = draft.node(statPath);
  if (statNode === undefined) return;
  const stats = parseStatsTrack(statNode.data);
  if (stats === null) return;
  draft.setData(statPath, formatStatsTrack(withDiffs(stats, bytesDiff, countDiff)));
}

/** DataTree.getCounts: the node itself and every node below it, with their data lengths. */
function countsOf(draft: QuotaDraft, path: string): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  const pending = [path];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    const node = draft.node(next);
    if (node === undefined) continue;
    count += 1;
    bytes += dataBytes(node.data);
    for (const child of node.children) pending.push(`${next}/${child}`);
  }
  return { count, bytes };
}

/** DataTree.updateQuotaForPath: the stats node gets a fresh StatsTrack with count and bytes only. */
function updateQuotaForPath(draft: QuotaDraft, path: string): void {
  const { count, bytes } = countsOf(draft, path);
  const statPath = statPathOf(path);
  if (draft.node(statPath) === undefined) return;
  const stats = new Map([
    ["count", BigInt(count)],
    ["bytes", BigInt(bytes)],
  ]);
  draft.setData(statPath, formatStatsTrack(stats));
}

/** PathTrie.addPath / deletePath; false where Java throws (an empty path, or a delete at the root). */
function withQuota(draft: QuotaDraft, path: string, add: boolean): boolean {
  if (path.length === 0) return false;
  const parts = trieComponents(path);
  if (parts.length === 0) return add;
  const normalized = `/${parts.join("/")}`;
  const next = new Set(draft.quotas());
  if (add) next.add(normalized);
  else next.delete(normalized);
  draft.setQuotas(next);
  return true;
}

/**
 * The quota part of DataTree.createNode, after the node is linked in: a zookeeper_limits child of a path
 * starting with /zookeeper/quota adds its path to the trie, a zookeeper_stats child has its stats recounted;
 * then "getMaxPrefixWithQuota(path)" and "updateQuotaStat(lastPrefix, bytes, 1)".
 */
export function quotaAfterCreate(draft: QuotaDraft, path: string, data: ZnodeData): void {
  const javaParent = path.slice(0, path.lastIndexOf("/"));
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (javaParent.startsWith(QUOTA_ROOT)) {
    const quotaPath = javaParent.slice(QUOTA_ROOT.length);
    if (name === LIMIT_NODE && !withQuota(draft, quotaPath, true)) return;
    if (name === STAT_NODE) updateQuotaForPath(draft, quotaPath);
  }
  const lastPrefix = maxPrefixWithQuota(draft.quotas(), path);
  if (lastPrefix !== null) updateQuotaStat(draft, lastPrefix, dataBytes(data), 1);
}

/**
 * The quota part of DataTree.deleteNode, after the node is gone: a zookeeper_limits child of a path starting
 * with /zookeeper leaves the trie ("pTrie.deletePath(Quotas.trimQuotaPath(parentName))"), then
 * "updateQuotaStat(lastPrefix, bytes, -1)" with the deleted node's data length.
 */
export function quotaAfterDelete(draft: QuotaDraft, path: string, data: ZnodeData): void {
  const javaParent = path.slice(0, path.lastIndexOf("/"));
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (javaParent.startsWith(PROC_ROOT) && name === LIMIT_NODE) {
    const quotaPath = trimQuotaPath(javaParent);
    if (quotaPath === null || !withQuota(draft, quotaPath, false)) return;
  }
  const lastPrefix = maxPrefixWithQuota(draft.quotas(), path);
  if (lastPrefix !== null) updateQuotaStat(draft, lastPrefix, -dataBytes(data), -1);
}

/** The quota part of DataTree.setData: "updateQuotaStat(lastPrefix, bytesDiff, 0)", even when bytesDiff is 0. */
export function quotaAfterSetData(
  draft: QuotaDraft,
  path: string,
  before: ZnodeData,
  after: ZnodeData,
): void {
  const lastPrefix = maxPrefixWithQuota(draft.quotas(), path);
  if (lastPrefix !== null)
    updateQuotaStat(draft, lastPrefix, dataBytes(after) - dataBytes(before), 0);
}

/** Whether a write at `path` can have a quota step at all: with no quota, only one under /zookeeper can. */
export function mayTouchQuota(quotas: QuotaPaths | undefined, path: string): boolean {
  return (quotas !== undefined && quotas.size > 0) || path.startsWith(PROC_ROOT);
}

/**
 * DataTree.setupQuota, called by deserialize with a fresh trie: traverseNode walks /zookeeper/quota; every
 * leaf ending in "/zookeeper_limits" names a path ("path.substring(quotaZookeeper.length(),
 * path.indexOf(endString))") that is recounted ("updateQuotaForPath(realPath)") and then added to the trie.
 * Stops where Java throws (a leaf limits node right under /zookeeper/quota: addPath("")), where the real
 * server fails to load the snapshot.
 */
export function setupQuota(draft: QuotaDraft): void {
  const leaves: string[] = [];
  const pending = [QUOTA_ROOT];
  while (pending.length > 0) {
    const path = pending.pop() as string;
    const node = draft.node(path);
    if (node === undefined) continue;
    if (node.children.length === 0) {
      if (path.endsWith(`/${LIMIT_NODE}`)) leaves.push(path);
      continue;
    }
    for (const child of node.children) pending.push(`${path}/${child}`);
  }
  // The real walk follows HashSet order; the result depends on it only if one quota's subtree held another's
  // stats node, so a sorted walk stands in for it.
  leaves.sort(compareNames);
  for (const leaf of leaves) {
    const realPath = leaf.slice(QUOTA_ROOT.length, leaf.indexOf(`/${LIMIT_NODE}`));
    updateQuotaForPath(draft, realPath);
    if (!withQuota(draft, realPath, true)) return;
  }
}

/**
 * A tree read back from a snapshot, as DataTree.deserialize leaves it: "pTrie.clear()" and, after the
 * nodes, "setupQuota()" (the stats nodes recounted, the trie rebuilt).
 */
export function restoredTree(nodes: ReadonlyMap<string, ZNode>, lastZxid: number): DataTree {
  const copy = new Map(nodes);
  let quotas: QuotaPaths = new Set();
  setupQuota({
    node: (path) => copy.get(path === "" ? "/" : path),
    setData: (path, data) => {
      const node = copy.get(path);
      if (node !== undefined) copy.set(path, { ...node, data });
    },
    quotas: () => quotas,
    setQuotas: (next) => {
      quotas = next;
    },
  });
  return quotas.size === 0 ? { nodes: copy, lastZxid } : { nodes: copy, lastZxid, quotas };
}
