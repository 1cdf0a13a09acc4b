// Reference §2 "Watches and ordering", one test per sentence quoted.
import { describe, expect, it } from "vitest";
import { OPEN_ACL_UNSAFE } from "../../../../protocol/zk/acl/index.js";
import {
  armWatch,
  deliverEvent,
  eventsOf,
  firesOn,
  type WatchEvent,
  type WatchKind,
  watchArmedBy,
} from "../../../../protocol/zk/watches/index.js";
import { harness } from "../data-tree/harness.js";

const event = (type: WatchEvent["type"], path: string): WatchEvent => ({ type, path, zxid: 1 });

describe("which change fires what", () => {
  it("create P: NodeCreated to data/exist watches on P; NodeChildrenChanged to child watches on parent(P)", () => {
    expect(
      eventsOf({ kind: "nodeCreated", path: "/a/b", zxid: 4, acl: [], parentAcl: [] }),
    ).toEqual([
      { type: "NodeCreated", path: "/a/b", zxid: 4 },
      { type: "NodeChildrenChanged", path: "/a", zxid: 4 },
    ]);
    expect(firesOn("exist", "/a/b", event("NodeCreated", "/a/b"))).toBe(true);
    expect(firesOn("child", "/a", event("NodeChildrenChanged", "/a"))).toBe(true);
  });
  it("delete P: NodeDeleted to data watches on P and to child watches on P; NodeChildrenChanged on parent(P)", () => {
    expect(
      eventsOf({ kind: "nodeDeleted", path: "/a", zxid: 2, acl: [], parentAcl: [] }).map((e) => [
        e.type,
        e.path,
      ]),
    ).toEqual([
      ["NodeDeleted", "/a"],
      ["NodeChildrenChanged", "/"],
    ]);
    expect(firesOn("data", "/a", event("NodeDeleted", "/a"))).toBe(true);
    expect(firesOn("child", "/a", event("NodeDeleted", "/a"))).toBe(true);
  });
  it("setData P: NodeDataChanged to data watches on P. setACL: nothing. Failed ops: nothing.", () => {
    const h = harness();
    h.create("/n");
    h.changes.length = 0;
    h.write({ op: "setData", path: "/n", data: "v", version: -1 });
    h.write({ op: "setACL", path: "/n", acl: OPEN_ACL_UNSAFE, version: -1 });
    h.write({ op: "setData", path: "/n", data: "v", version: 99 });
    h.create("/n");
    expect(h.changes.map((c) => c.kind)).toEqual(["nodeDataChanged"]);
    expect(firesOn("data", "/n", event("NodeDataChanged", "/n"))).toBe(true);
    expect(firesOn("child", "/n", event("NodeDataChanged", "/n"))).toBe(false);
  });
  it("NodeCreated <- exists; NodeDeleted <- exists/getData/getChildren; NodeDataChanged <- exists/getData; NodeChildrenChanged <- getChildren", () => {
    const table: Record<WatchEvent["type"], readonly WatchKind[]> = {
      NodeCreated: ["exist"],
      NodeDeleted: ["data", "exist", "child"],
      NodeDataChanged: ["data", "exist"],
      NodeChildrenChanged: ["child"],
    };
    for (const [type, kinds] of Object.entries(table)) {
      const standard: WatchKind[] = ["data", "exist", "child"];
      const firing = standard.filter((kind) =>
        firesOn(kind, "/x", event(type as WatchEvent["type"], "/x")),
      );
      expect(firing).toEqual(kinds);
    }
  });
  it("a failed multi changes nothing and fires nothing", () => {
    const h = harness();
    h.changes.length = 0;
    h.write({
      op: "multi",
      ops: [
        { op: "create", path: "/x", data: "", acl: OPEN_ACL_UNSAFE, mode: "persistent" },
        { op: "check", path: "/x", version: 5 },
      ],
    });
    expect(h.changes).toEqual([]);
  });
});

describe("which read arms which watch", () => {
  it("exists(watch) on a missing node arms a watch; getData/getChildren on a missing node do not", () => {
    expect(watchArmedBy("exists", "NONODE")).toBe("exist");
    expect(watchArmedBy("getData", "NONODE")).toBeUndefined();
    expect(watchArmedBy("getChildren", "NONODE")).toBeUndefined();
  });
  it("getData and exists -> data watch; getChildren -> child watch", () => {
    expect(watchArmedBy("exists", "ok")).toBe("data");
    expect(watchArmedBy("getData", "ok")).toBe("data");
    expect(watchArmedBy("getChildren", "ok")).toBe("child");
  });
});

describe("one-shot and persistent watches", () => {
  it("standard watches are one-shot", () => {
    const set = armWatch([], { owner: 1, path: "/a", kind: "data" });
    const first = deliverEvent(set, event("NodeDataChanged", "/a"));
    expect(first.notified).toEqual([1]);
    expect(deliverEvent(first.set, event("NodeDataChanged", "/a")).notified).toEqual([]);
  });
  it("one watcher registered several ways on the same path is invoked once per notification", () => {
    let set = armWatch([], { owner: 1, path: "/a", kind: "data" });
    set = armWatch(set, { owner: 1, path: "/a", kind: "child" });
    const delivery = deliverEvent(set, event("NodeDeleted", "/a"));
    expect(delivery.notified).toEqual([1]);
    expect(delivery.set).toEqual([]);
  });
  it("PERSISTENT gets NodeCreated, NodeDeleted, NodeDataChanged for the node and NodeChildrenChanged for its children, and stays", () => {
    const set = armWatch([], { owner: 2, path: "/p", kind: "persistent" });
    for (const type of [
      "NodeCreated",
      "NodeDeleted",
      "NodeDataChanged",
      "NodeChildrenChanged",
    ] as const) {
      const delivery = deliverEvent(set, event(type, "/p"));
      expect(delivery.notified).toEqual([2]);
      expect(delivery.set).toEqual(set);
    }
    expect(deliverEvent(set, event("NodeCreated", "/p/kid")).notified).toEqual([]);
  });
  it("PERSISTENT_RECURSIVE fires for the node and every descendant, never NodeChildrenChanged", () => {
    expect(firesOn("persistentRecursive", "/p", event("NodeCreated", "/p/a/b"))).toBe(true);
    expect(firesOn("persistentRecursive", "/p", event("NodeDataChanged", "/p"))).toBe(true);
    expect(firesOn("persistentRecursive", "/p", event("NodeChildrenChanged", "/p"))).toBe(false);
    expect(firesOn("persistentRecursive", "/p", event("NodeCreated", "/pq"))).toBe(false);
    expect(firesOn("persistentRecursive", "/", event("NodeDeleted", "/z"))).toBe(true);
  });
});
