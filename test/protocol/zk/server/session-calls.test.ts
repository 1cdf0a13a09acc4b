// checkWatches (17), removeWatches (18), whoAmI (107) and multiRead (22) on the simulated ensemble, one
// test per rule of ZooKeeper 3.8's FinalRequestProcessor, DataTree and WatchManager, quoted; and the
// server's watch tables as pure functions (watch-tables.ts).
import { describe, expect, it } from "vitest";
import { generateDigest } from "../../../../protocol/zk/acl/index.js";
import { authInfoOrder, idHash } from "../../../../protocol/zk/server/auth-info-order.js";
import { clientInfos } from "../../../../protocol/zk/server/session-calls.js";
import {
  armWatch,
  containsWatcher,
  removeWatcher,
  type WatchSet,
} from "../../../../protocol/zk/watches/index.js";
import { consistencyFailures } from "./checks.js";
import { answerOf, call, observed, zkSetup } from "./harness.js";

function events(s: ReturnType<typeof zkSetup>, client: string) {
  return observed(s, "watch-event", client).map((o) => `${o.type} ${o.path}`);
}

describe("removeWatches and checkWatches (FinalRequestProcessor, opcodes 17 and 18)", () => {
  it('answers NOWATCHER without a watch: "if (!removed) { ... throw new KeeperException.NoWatcherException(msg)"', () => {
    const s = zkSetup({ clients: 1 });
    call(s, 1_500, "create", { path: "/a" });
    const removed = call(s, 1_600, "removeWatches", { path: "/a", watcherType: "any" });
    const checked = call(s, 1_700, "checkWatches", { path: "/missing", watcherType: "data" });
    s.sim.run({ untilUs: 3_000_000 });
    expect(answerOf(s, removed).error).toBe("NOWATCHER");
    expect(answerOf(s, checked).error).toBe("NOWATCHER");
  });

  it("removing a data watch means the next change fires nothing to the session", () => {
    const s = zkSetup({ clientServers: [["n1"], ["n1"]] });
    call(s, 1_500, "create", { path: "/a", data: "0" }, "c1");
    call(s, 1_600, "getData", { path: "/a", watch: true }, "c2");
    const wrongType = call(
      s,
      1_700,
      "removeWatches",
      { path: "/a", watcherType: "children" },
      "c2",
    );
    const removed = call(s, 1_800, "removeWatches", { path: "/a", watcherType: "data" }, "c2");
    call(s, 1_900, "setData", { path: "/a", data: "1" }, "c1");
    const reflecting = call(s, 2_100, "getData", { path: "/a" }, "c2");
    s.sim.run({ untilUs: 3_000_000 });
    expect(answerOf(s, wrongType).error).toBe("NOWATCHER");
    expect(answerOf(s, removed).error).toBeUndefined();
    expect(answerOf(s, reflecting).data).toBe("1");
    expect(events(s, "c2")).toEqual([]);
    // The ZooKeeper check owes no event to a watch the session removed before the change.
    expect(consistencyFailures(s)).toEqual([]);
  });

  it("checkWatches removes the watch on the client only: the server still sends the event", () => {
    const s = zkSetup({ clientServers: [["n1"], ["n1"]] });
    call(s, 1_500, "create", { path: "/a", data: "0" }, "c1");
    call(s, 1_600, "getData", { path: "/a", watch: true }, "c2");
    const checked = call(s, 1_700, "checkWatches", { path: "/a", watcherType: "data" }, "c2");
    call(s, 1_800, "setData", { path: "/a", data: "1" }, "c1");
    s.sim.run({ untilUs: 3_000_000 });
    expect(answerOf(s, checked).error).toBeUndefined();
    expect(observed(s, "watch-event", "c2").map((o) => o.fired)).toEqual([[]]);
  });
});

describe("the server's watch tables (DataTree.containsWatcher / removeWatch, WatchManager)", () => {
  const set = (...watches: Parameters<typeof armWatch>[1][]): WatchSet =>
    watches.reduce<WatchSet>((acc, watch) => armWatch(acc, watch), []);

  it('containsWatcher counts any connection\'s watch on the path: "if (watchers != null) { return true; }"', () => {
    const watches = set({ owner: 7, path: "/a", kind: "data" });
    expect(containsWatcher(watches, "/a", "data")).toBe(true);
    expect(containsWatcher(watches, "/a", "children")).toBe(false);
    expect(containsWatcher(watches, "/a", "any")).toBe(true);
  });

  it('removeWatcher takes only this connection\'s watch: "if (paths == null || !paths.remove(path)) { return false; }"', () => {
    const watches = set(
      { owner: 7, path: "/a", kind: "data" },
      { owner: 8, path: "/a", kind: "child" },
    );
    expect(removeWatcher(watches, 9, "/a", "any").removed).toBe(false);
    const removal = removeWatcher(watches, 8, "/a", "any");
    expect(removal.removed).toBe(true);
    expect(removal.set).toEqual([{ owner: 7, path: "/a", kind: "data" }]);
  });

  it('an exist watch lives in dataWatches; a persistent watch in both: "dataWatches.addWatch(...); childWatches.addWatch(...)"', () => {
    const watches = set(
      { owner: 1, path: "/m", kind: "exist" },
      { owner: 1, path: "/p", kind: "persistent" },
    );
    expect(containsWatcher(watches, "/m", "data")).toBe(true);
    expect(containsWatcher(watches, "/m", "children")).toBe(false);
    expect(containsWatcher(watches, "/p", "children")).toBe(true);
    expect(removeWatcher(watches, 1, "/p", "data").removed).toBe(true);
  });
});

describe("whoAmI (FinalRequestProcessor: new WhoAmIResponse(AuthUtil.getClientInfos(request.authInfo)))", () => {
  it("answers the connection's identities, a digest user by its name", () => {
    const s = zkSetup({ clients: 1 });
    const before = call(s, 1_500, "whoAmI", null);
    call(s, 1_600, "addAuth", { scheme: "digest", credential: "user1:pw1" });
    const after = call(s, 1_700, "whoAmI", null);
    s.sim.run({ untilUs: 3_000_000 });
    expect(answerOf(s, before).clientInfo).toEqual([{ authScheme: "ip", user: "127.0.0.1" }]);
    expect(answerOf(s, after).clientInfo).toEqual([
      { authScheme: "ip", user: "127.0.0.1" },
      { authScheme: "digest", user: "user1" },
    ]);
  });

  it('lists them in ConcurrentHashMap order: "authInfo = Collections.newSetFromMap(new ConcurrentHashMap<Id, Boolean>())"', () => {
    const ip = { scheme: "ip", id: "127.0.0.1" };
    const user1 = { scheme: "digest", id: "user1:a" };
    const user2 = { scheme: "digest", id: "user2:b" };
    // Id.hashCode: 37 * (37 * 17 + scheme.hashCode()) + id.hashCode(), in int arithmetic.
    expect(idHash({ scheme: "", id: "" })).toBe(37 * 37 * 17);
    const bins = [ip, user1, user2].map((id) => {
      const h = idHash(id);
      return (h ^ (h >>> 16)) & 0x7fffffff & 15;
    });
    const expected = [ip, user1, user2]
      .map((id, index) => ({ id, bin: bins[index] ?? 0, index }))
      .sort((a, b) => a.bin - b.bin || a.index - b.index)
      .map((entry) => entry.id);
    expect(authInfoOrder([ip, user1, user2])).toEqual(expected);
    expect(clientInfos([{ scheme: "digest", id: "super:xyz" }])).toEqual([
      { authScheme: "digest", user: "super" },
    ]);
  });
});

describe("multiRead (FinalRequestProcessor: each readOp in its own try, ErrorResult on KeeperException)", () => {
  it("answers every read on its own: data with Stat, children without, NONODE and NOAUTH per read", () => {
    const s = zkSetup({ clients: 1 });
    const digest = { perms: 31, scheme: "digest", id: generateDigest("user1:pw1") };
    call(s, 1_500, "create", { path: "/a", data: "x" });
    call(s, 1_600, "create", { path: "/a/b" });
    call(s, 1_700, "create", { path: "/s", acl: [digest] });
    const read = call(s, 1_800, "multiRead", {
      ops: [
        { op: "getData", path: "/a" },
        { op: "getChildren", path: "/a" },
        { op: "getData", path: "/none" },
        { op: "getChildren", path: "/s" },
      ],
    });
    s.sim.run({ untilUs: 3_000_000 });
    const results = answerOf(s, read).results as { readonly [key: string]: unknown }[];
    expect(results.map((r) => r.op)).toEqual(["getData", "getChildren", "error", "error"]);
    expect(results[0]?.data).toBe("x");
    expect(results[1]).toEqual({ op: "getChildren", children: ["b"] });
    expect(results.slice(2).map((r) => r.err)).toEqual(["NONODE", "NOAUTH"]);
  });

  it("a multiRead holds only getData and getChildren, as the Java client's Op.getData/Op.getChildren", () => {
    const s = zkSetup({ clients: 1 });
    const bad = call(s, 1_500, "multiRead", { ops: [{ op: "exists", path: "/a" }] });
    s.sim.run({ untilUs: 2_000_000 });
    expect(answerOf(s, bad).error).toBe("BADARGUMENTS");
  });
});
