// Reference §0 gotchas and §1.3-1.5, one test per sentence.
import { describe, expect, it } from "vitest";
import { OPEN_ACL_UNSAFE } from "../../../../protocol/zk/acl/index.js";
import {
  applyTxn,
  dropAppliedChanges,
  emptyTree,
  exists,
  expiredContainers,
  expiredTtls,
  formatSequence,
  getAllChildrenNumber,
  getChildren,
  getEphemerals,
  prepareWrite,
  statOf,
} from "../../../../protocol/zk/data-tree/index.js";
import { harness } from "./harness.js";

const statAt = (tree: Parameters<typeof exists>[0], path: string) => {
  const result = exists(tree, path);
  if (!result.ok) throw new Error(`${path}: ${result.code}`);
  return result.stat;
};

describe("Stat and cversion (§1.4)", () => {
  it("stored cversion counts child creates; clients see 2*stored - numChildren", () => {
    const h = harness();
    h.create("/p");
    h.create("/p/a");
    h.create("/p/b");
    h.write({ op: "delete", path: "/p/a", version: -1 });
    expect(h.tree.nodes.get("/p")?.cversion).toBe(2);
    expect(statAt(h.tree, "/p").cversion).toBe(3);
  });
  it("create sets the parent's pzxid but leaves its mzxid, mtime and version", () => {
    const h = harness();
    h.create("/p");
    h.create("/p/a");
    const stat = statAt(h.tree, "/p");
    expect([stat.czxid, stat.mzxid, stat.pzxid, stat.version]).toEqual([1, 1, 2, 0]);
  });
  it("setData bumps version and mzxid; setACL touches only aversion", () => {
    const h = harness();
    h.create("/n");
    h.write({ op: "setData", path: "/n", data: "\u00fc", version: 0 });
    h.write({ op: "setACL", path: "/n", acl: OPEN_ACL_UNSAFE, version: 0 });
    const stat = statAt(h.tree, "/n");
    expect([stat.version, stat.mzxid, stat.aversion, stat.dataLength]).toEqual([1, 2, 1, 2]);
  });
  it("containers and TTL nodes report ephemeralOwner 0", () => {
    const h = harness();
    h.create("/c", "container", 9);
    h.write({
      op: "create",
      path: "/t",
      data: "",
      acl: OPEN_ACL_UNSAFE,
      mode: "persistent_with_ttl",
      ttlMs: 5,
    });
    h.create("/e", "ephemeral", 9);
    expect(
      [statAt(h.tree, "/c"), statAt(h.tree, "/t"), statAt(h.tree, "/e")].map(
        (s) => s.ephemeralOwner,
      ),
    ).toEqual([0, 0, 9]);
  });
  it("a fresh tree shows / with cversion -1 and the system nodes", () => {
    const tree = emptyTree();
    expect(statAt(tree, "/").cversion).toBe(-1);
    expect(getAllChildrenNumber(tree, "/", []).ok && getChildren(tree, "/zookeeper", []).ok).toBe(
      true,
    );
  });
});

describe("sequence suffix (§1.3)", () => {
  it("path + %010d of the parent's stored cversion, counting deleted and non-sequential children", () => {
    const h = harness();
    h.create("/q");
    h.create("/q/x");
    h.write({ op: "delete", path: "/q/x", version: -1 });
    expect(h.create("/q/s-", "persistent_sequential")).toMatchObject({ path: "/q/s-0000000001" });
  });
  it("formats negative counters like Java's String.format", () => {
    expect(formatSequence(-2147483648)).toBe("-2147483648");
    expect(formatSequence(-5)).toBe("-000000005");
  });
  it("sequential creates in one multi get consecutive numbers", () => {
    const h = harness();
    h.create("/q");
    const seq = {
      op: "create",
      path: "/q/s-",
      data: "",
      acl: OPEN_ACL_UNSAFE,
      mode: "persistent_sequential",
    } as const;
    const result = h.write({ op: "multi", ops: [seq, seq] });
    expect(result).toMatchObject({
      code: "OK",
      results: [{ path: "/q/s-0000000000" }, { path: "/q/s-0000000001" }],
    });
  });
});

describe("check order (§0.5, §1.5)", () => {
  it("delete reports BADVERSION before NOTEMPTY", () => {
    const h = harness();
    h.create("/p");
    h.create("/p/c");
    expect(h.write({ op: "delete", path: "/p", version: 3 })).toEqual({
      type: "error",
      code: "BADVERSION",
    });
    expect(h.write({ op: "delete", path: "/p", version: 0 })).toEqual({
      type: "error",
      code: "NOTEMPTY",
    });
  });
  it("create reports NODEEXISTS before NOCHILDRENFOREPHEMERALS", () => {
    const h = harness();
    h.create("/e", "ephemeral");
    expect(h.create("/e", "ephemeral")).toEqual({ type: "error", code: "NODEEXISTS" });
    expect(h.create("/e/kid")).toEqual({ type: "error", code: "NOCHILDRENFOREPHEMERALS" });
  });
  it("deleting a special path is BADARGUMENTS; creating /zookeeper is NODEEXISTS", () => {
    const h = harness();
    expect(h.write({ op: "delete", path: "/zookeeper", version: -1 })).toEqual({
      type: "error",
      code: "BADARGUMENTS",
    });
    expect(h.create("/zookeeper")).toEqual({ type: "error", code: "NODEEXISTS" });
  });
  it("TTL: a bad ttl is BADARGUMENTS, and without extended types UNIMPLEMENTED comes first", () => {
    const tree = emptyTree();
    const request = {
      op: "create",
      path: "/t",
      data: "",
      acl: OPEN_ACL_UNSAFE,
      mode: "persistent_with_ttl",
      ttlMs: 0,
    } as const;
    const context = { sessionId: 1, auth: [], zxid: 1, timeMs: 0, extendedTypesEnabled: false };
    expect(prepareWrite(tree, [], request, context).record.txn).toEqual({
      type: "error",
      code: "UNIMPLEMENTED",
    });
    expect(
      prepareWrite(tree, [], request, { ...context, extendedTypesEnabled: true }).record.txn,
    ).toEqual({
      type: "error",
      code: "BADARGUMENTS",
    });
  });
  it("session errors come after the TTL checks for create and first for the others", () => {
    const context = {
      sessionId: 1,
      auth: [],
      zxid: 1,
      timeMs: 0,
      extendedTypesEnabled: true,
      sessionError: "SESSIONEXPIRED",
    } as const;
    const prepared = prepareWrite(
      emptyTree(),
      [],
      { op: "delete", path: "/zookeeper", version: -1 },
      context,
    );
    expect(prepared.record.txn).toEqual({ type: "error", code: "SESSIONEXPIRED" });
  });
});

describe("error txns and multi (§1.4, §1.5)", () => {
  it("a failed write still consumes its zxid", () => {
    const h = harness();
    h.create("/a");
    h.create("/a");
    h.create("/b");
    expect(statAt(h.tree, "/b").czxid).toBe(3);
    expect(h.tree.lastZxid).toBe(3);
  });
  it("ops before the failing one report OK, the failing one its code, later ones RUNTIMEINCONSISTENCY", () => {
    const h = harness();
    h.create("/m");
    const result = h.write({
      op: "multi",
      ops: [
        { op: "create", path: "/m/x", data: "", acl: OPEN_ACL_UNSAFE, mode: "persistent" },
        { op: "check", path: "/m", version: 4 },
        { op: "delete", path: "/m", version: -1 },
      ],
    });
    expect(result).toEqual({
      type: "multi",
      code: "BADVERSION",
      results: [
        { type: "error", code: "OK" },
        { type: "error", code: "BADVERSION" },
        { type: "error", code: "RUNTIMEINCONSISTENCY" },
      ],
    });
    expect(exists(h.tree, "/m/x")).toEqual({ ok: false, code: "NONODE" });
  });
  it("prep-time checks see earlier sub-ops: create then setData on the same path works", () => {
    const h = harness();
    const result = h.write({
      op: "multi",
      ops: [
        { op: "create", path: "/x", data: "", acl: OPEN_ACL_UNSAFE, mode: "persistent" },
        { op: "setData", path: "/x", data: "v", version: 0 },
      ],
    });
    expect(result).toMatchObject({ code: "OK" });
    expect(statAt(h.tree, "/x")).toMatchObject({ czxid: 1, mzxid: 1, version: 1 });
  });
});

describe("outstanding changes at the leader", () => {
  it("a request prepared before the previous one is applied sees its effect", () => {
    const tree = emptyTree();
    const context = { sessionId: 1, auth: [], zxid: 1, timeMs: 0, extendedTypesEnabled: true };
    const first = prepareWrite(
      tree,
      [],
      { op: "create", path: "/a", data: "", acl: OPEN_ACL_UNSAFE, mode: "persistent" },
      context,
    );
    const second = prepareWrite(
      tree,
      first.changes,
      { op: "create", path: "/a/b", data: "", acl: OPEN_ACL_UNSAFE, mode: "persistent" },
      { ...context, zxid: 2 },
    );
    expect(second.record.txn.type).toBe("create");
    const applied = applyTxn(applyTxn(tree, first.record).tree, second.record);
    expect(statOf(applied.tree.nodes.get("/a") ?? assertMissing()).numChildren).toBe(1);
    expect(dropAppliedChanges([...first.changes, ...second.changes], 1)).toEqual(second.changes);
  });
});

function assertMissing(): never {
  throw new Error("missing node");
}

describe("sessions, ephemerals, containers and TTLs", () => {
  it("closeSession deletes all the session's ephemerals with one zxid", () => {
    const h = harness();
    h.create("/p");
    h.create("/p/e1", "ephemeral", 7);
    h.create("/p/e2", "ephemeral_sequential", 7);
    h.create("/p/other", "ephemeral", 8);
    expect(getEphemerals(h.tree, 7, "/p/e")).toEqual(["/p/e1", "/p/e20000000001"]);
    const result = h.write({ op: "closeSession" }, 7);
    // In the order of the clone of the session's HashSet (4 bins for 2 paths), not path order.
    expect(result).toEqual({ type: "closeSession", deleted: ["/p/e20000000001", "/p/e1"] });
    expect(statAt(h.tree, "/p")).toMatchObject({ pzxid: h.zxid, numChildren: 1, cversion: 5 });
  });
  it("containers expire once empty after having had a child; TTL nodes once idle past their ttl", () => {
    const h = harness();
    h.create("/c", "container");
    h.create("/unused", "container");
    h.create("/c/kid");
    expect(expiredContainers(h.tree, 10_000)).toEqual([]);
    h.write({ op: "delete", path: "/c/kid", version: -1 });
    expect(expiredContainers(h.tree, 10_000)).toEqual(["/c"]);
    expect(expiredContainers(h.tree, 10_000_000, { maxNeverUsedIntervalMs: 1000 })).toEqual([
      "/c",
      "/unused",
    ]);
    h.write({
      op: "create",
      path: "/t",
      data: "",
      acl: OPEN_ACL_UNSAFE,
      mode: "persistent_with_ttl",
      ttlMs: 100,
    });
    const mtime = statAt(h.tree, "/t").mtime;
    expect(expiredTtls(h.tree, mtime + 100)).toEqual([]);
    expect(expiredTtls(h.tree, mtime + 101)).toEqual(["/t"]);
    expect(h.write({ op: "deleteContainer", path: "/t" })).toEqual({ type: "delete", path: "/t" });
    h.create("/plain");
    expect(h.write({ op: "deleteContainer", path: "/plain" })).toEqual({
      type: "error",
      code: "BADVERSION",
    });
  });
  it("getAllChildrenNumber counts all descendants", () => {
    const h = harness();
    h.create("/a");
    h.create("/a/b");
    h.create("/a/b/c");
    expect(getAllChildrenNumber(h.tree, "/a", [])).toEqual({ ok: true, count: 2 });
    expect(getAllChildrenNumber(h.tree, "/", [])).toEqual({ ok: true, count: 6 });
  });
});
