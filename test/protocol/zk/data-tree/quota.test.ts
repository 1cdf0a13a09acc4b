// Quota statistics, one test per rule of DataTree/StatsTrack/PathTrie (3.8.0; unchanged in 3.9.5).
import { describe, expect, it } from "vitest";
import { OPEN_ACL_UNSAFE } from "../../../../protocol/zk/acl/index.js";
import {
  findMaxPrefix,
  formatStatsTrack,
  getData,
  parseStatsTrack,
  restoredTree,
  statOf,
  type TxnResult,
} from "../../../../protocol/zk/data-tree/index.js";
import { type Harness, harness } from "./harness.js";

const STATS = "/zookeeper/quota/app/zookeeper_stats";
/** What SetQuotaCommand's `setquota -n 5 /app` writes to the limits node. */
const LIMITS = "count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1";

function put(h: Harness, path: string, data: string | null): void {
  h.write({ op: "create", path, data, acl: OPEN_ACL_UNSAFE, mode: "persistent" });
}

/** SetQuotaCommand.createQuota: the quota path's nodes with null data, the limits node, then the stats node. */
function setQuota(h: Harness, path: string): TxnResult {
  let quotaPath = "/zookeeper/quota";
  for (const part of path.split("/").slice(1)) {
    quotaPath += `/${part}`;
    put(h, quotaPath, null);
  }
  put(h, `${quotaPath}/zookeeper_limits`, LIMITS);
  return h.write({
    op: "create",
    path: `${quotaPath}/zookeeper_stats`,
    data: "count=0,bytes=0",
    acl: OPEN_ACL_UNSAFE,
    mode: "persistent",
  });
}

function statsData(h: Harness, path = STATS): string | null {
  const read = getData(h.tree, path, []);
  if (!read.ok) throw new Error(`${path}: ${read.code}`);
  return read.data;
}

describe("StatsTrack text", () => {
  it('toString puts count and bytes first, then "=" and the other keys sorted, each ";k=v"', () => {
    const parsed = parseStatsTrack("countHardLimit=-1;byteHardLimit=-1,bytes=-1,count=5");
    expect(parsed === null ? null : formatStatsTrack(parsed)).toBe(LIMITS);
  });
  it('"Long.parseLong(StringUtils.isEmpty(kv[1]) ? "-1" : kv[1])"; a missing key reads -1', () => {
    const parsed = parseStatsTrack("count==7");
    expect(parsed === null ? null : formatStatsTrack(parsed)).toBe("count=-1,bytes=-1");
  });
  it("a pair without a value or a value that is no long throws in Java: null here", () => {
    expect([parseStatsTrack("count="), parseStatsTrack("count=x"), parseStatsTrack(null)]).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe("PathTrie.findMaxPrefix", () => {
  it("the deepest prefix with a quota; components that trim() to empty are dropped", () => {
    const quotas = new Set(["/a", "/a/b/c"]);
    expect(findMaxPrefix(quotas, "/a/b/c/d")).toBe("/a/b/c");
    expect(findMaxPrefix(quotas, "/a/b")).toBe("/a");
    expect(findMaxPrefix(quotas, "/a/ /b/c")).toBe("/a/b/c");
    expect(findMaxPrefix(quotas, "/x")).toBe("/");
  });
});

describe("DataTree quota statistics", () => {
  it("creating zookeeper_stats recounts the subtree (updateQuotaForPath): count includes the quota root", () => {
    const h = harness();
    put(h, "/app", "ab");
    put(h, "/app/x", "cde");
    setQuota(h, "/app");
    expect(statsData(h)).toBe("count=2,bytes=5");
    expect(statsData(h, "/zookeeper/quota/app/zookeeper_limits")).toBe(LIMITS);
  });
  it("the create reply's Stat is copied before the recount (copyStat before updateQuotaForPath)", () => {
    const h = harness();
    put(h, "/app", "ab");
    const created = setQuota(h, "/app");
    const read = getData(h.tree, STATS, []);
    expect(created.type === "create" && created.stat.dataLength).toBe("count=0,bytes=0".length);
    expect(read.ok && read.stat.dataLength).toBe("count=1,bytes=2".length);
  });
  it('create/delete/setData under the quota: "updateQuotaStat(lastPrefix, bytes, 1)", -1, bytesDiff', () => {
    const h = harness();
    put(h, "/app", "");
    setQuota(h, "/app");
    const before = statOf(h.tree.nodes.get(STATS) ?? expect.unreachable());
    put(h, "/app/a", "hello");
    put(h, "/app/a/b", "\u00fc");
    expect(statsData(h)).toBe("count=3,bytes=7");
    h.write({ op: "setData", path: "/app/a", data: "hi", version: 0 });
    expect(statsData(h)).toBe("count=3,bytes=4");
    h.write({ op: "delete", path: "/app/a/b", version: -1 });
    expect(statsData(h)).toBe("count=2,bytes=2");
    const after = statOf(h.tree.nodes.get(STATS) ?? expect.unreachable());
    // statNode.data is replaced in place: version, mzxid and mtime stay; dataLength follows the data.
    expect([after.version, after.mzxid, after.mtime]).toEqual([
      before.version,
      before.mzxid,
      before.mtime,
    ]);
  });
  it("writes outside the quota'd subtree and under the quota nodes themselves leave the stats alone", () => {
    const h = harness();
    put(h, "/app", "");
    put(h, "/other", "");
    setQuota(h, "/app");
    put(h, "/other/x", "data");
    put(h, "/apple", "data");
    expect(statsData(h)).toBe("count=1,bytes=0");
  });
  it("the stats update fires no watch: only the create's own change is reported", () => {
    const h = harness();
    put(h, "/app", "");
    setQuota(h, "/app");
    const count = h.changes.length;
    put(h, "/app/a", "x");
    expect(h.changes.slice(count).map((change) => change.path)).toEqual(["/app/a"]);
  });
  it("setData rewrites the stats text through StatsTrack even when the size is unchanged", () => {
    const h = harness();
    put(h, "/app", "ab");
    setQuota(h, "/app");
    h.write({ op: "setData", path: STATS, data: "bytes=2;count=1;x=1", version: -1 });
    h.write({ op: "setData", path: "/app", data: "cd", version: -1 });
    expect(statsData(h)).toBe("count=1,bytes=2=;x=1");
  });
  it("the limits node counts before the stats node exists: 'Missing node for stat' only logs", () => {
    const h = harness();
    put(h, "/app", "");
    put(h, "/zookeeper/quota/app", null);
    put(h, "/zookeeper/quota/app/zookeeper_limits", LIMITS);
    put(h, "/app/a", "x");
    put(h, STATS, "count=0,bytes=0");
    expect(statsData(h)).toBe("count=2,bytes=1");
  });
});

describe("DataTree quota statistics: the quota's own nodes, multis and restores", () => {
  it("deleting zookeeper_limits ends the quota (pTrie.deletePath); the stats node stays as it was", () => {
    const h = harness();
    put(h, "/app", "");
    setQuota(h, "/app");
    h.write({ op: "delete", path: "/zookeeper/quota/app/zookeeper_limits", version: -1 });
    put(h, "/app/a", "x");
    expect(statsData(h)).toBe("count=1,bytes=0");
  });
  it("the innermost quota counts: a node under two quotas updates only the deeper one's stats", () => {
    const h = harness();
    put(h, "/app", "");
    put(h, "/app/sub", "");
    setQuota(h, "/app");
    setQuota(h, "/app/sub");
    put(h, "/app/sub/x", "123");
    expect(statsData(h)).toBe("count=2,bytes=0");
    expect(statsData(h, "/zookeeper/quota/app/sub/zookeeper_stats")).toBe("count=2,bytes=3");
  });
  it("a failed multi changes no stats; a successful one counts each sub-op", () => {
    const h = harness();
    put(h, "/app", "");
    setQuota(h, "/app");
    const create = (path: string) =>
      ({ op: "create", path, data: "ab", acl: OPEN_ACL_UNSAFE, mode: "persistent" }) as const;
    h.write({ op: "multi", ops: [create("/app/a"), create("/missing/b")] });
    expect(statsData(h)).toBe("count=1,bytes=0");
    h.write({ op: "multi", ops: [create("/app/a"), create("/app/b")] });
    expect(statsData(h)).toBe("count=3,bytes=4");
  });
  it("a restore recounts every leaf limits node's stats and rebuilds the trie (setupQuota)", () => {
    const h = harness();
    put(h, "/app", "ab");
    setQuota(h, "/app");
    h.write({ op: "setData", path: STATS, data: "count=99,bytes=99;x=1", version: -1 });
    const restored = restoredTree(h.tree.nodes, h.tree.lastZxid);
    const read = getData(restored, STATS, []);
    expect(read.ok && read.data).toBe("count=1,bytes=2");
    expect([...(restored.quotas ?? [])]).toEqual(["/app"]);
  });
});
