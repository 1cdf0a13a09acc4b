// Watches (reference §2): one-shot data, exist and child watches; persistent and persistent-recursive
// ones; delivery in zxid order before any reply that reflects the change; re-registration on reconnect with
// the catch-up rules (synthesized events carry zxid -1).
import { expect, it } from "vitest";
import { nodeId } from "../../../../sim/api/index.js";
import { clientViolations, consistencyFailures, watchFailures } from "./checks.js";
import { call, completionOf, connectedServer, observed, zkSetup } from "./harness.js";

function events(s: ReturnType<typeof zkSetup>, client = "c2") {
  return observed(s, "watch-event", client).map((o) => `${o.type} ${o.path} ${o.zxid}`);
}

it("a data watch fires NodeDataChanged once, with the zxid of the first change", () => {
  const s = zkSetup({ clientServers: [["n1"], ["n2"]] });
  call(s, 1_500, "create", { path: "/a", data: "0" }, "c1");
  call(s, 1_800, "getData", { path: "/a", watch: true }, "c2");
  const first = call(s, 2_000, "setData", { path: "/a", data: "1" }, "c1");
  call(s, 2_200, "setData", { path: "/a", data: "2" }, "c1");
  s.sim.run({ untilUs: 3_000_000 });
  expect(events(s)).toEqual([`NodeDataChanged /a ${completionOf(s, first)?.zxid}`]);
});

it("exists on a missing node arms a watch that fires NodeCreated; a child watch fires on a new child", () => {
  const s = zkSetup();
  call(s, 1_500, "exists", { path: "/a", watch: true }, "c2");
  const create = call(s, 1_800, "create", { path: "/a" }, "c1");
  call(s, 2_000, "getChildren", { path: "/a", watch: true }, "c2");
  const child = call(s, 2_300, "create", { path: "/a/b" }, "c1");
  s.sim.run({ untilUs: 3_000_000 });
  expect(events(s)).toEqual([
    `NodeCreated /a ${completionOf(s, create)?.zxid}`,
    `NodeChildrenChanged /a ${completionOf(s, child)?.zxid}`,
  ]);
});

it("a persistent recursive watch fires for the node and every descendant, never NodeChildrenChanged", () => {
  const s = zkSetup();
  call(s, 1_500, "addWatch", { path: "/r", mode: "persistentRecursive" }, "c2");
  call(s, 1_700, "create", { path: "/r" }, "c1");
  call(s, 1_800, "create", { path: "/r/a" }, "c1");
  call(s, 1_900, "create", { path: "/r/a/b" }, "c1");
  call(s, 2_000, "setData", { path: "/r/a", data: "x" }, "c1");
  call(s, 2_100, "delete", { path: "/r/a/b" }, "c1");
  s.sim.run({ untilUs: 3_000_000 });
  expect(events(s).map((e) => e.split(" ").slice(0, 2).join(" "))).toEqual([
    "NodeCreated /r",
    "NodeCreated /r/a",
    "NodeCreated /r/a/b",
    "NodeDataChanged /r/a",
    "NodeDeleted /r/a/b",
  ]);
});

it("a session's own write is answered after the event it fires on its own watch", () => {
  const s = zkSetup({ clients: 1 });
  call(s, 1_500, "create", { path: "/a" });
  call(s, 1_600, "getData", { path: "/a", watch: true });
  const write = call(s, 1_700, "setData", { path: "/a", data: "x" });
  s.sim.run({ untilUs: 3_000_000 });
  const [event] = observed(s, "watch-event", "c1");
  expect(event?.zxid).toBe(completionOf(s, write)?.zxid);
  expect(event?.timeUs).toBeLessThanOrEqual(Number(completionOf(s, write)?.time) / 1_000);
  expect(consistencyFailures(s)).toEqual([]);
});

it("the planted reply-before-watch bug answers first, and the consistency check flags it", () => {
  const s = zkSetup({ clients: 1, server: { bugs: ["reply-before-watch"] } });
  call(s, 1_500, "create", { path: "/a" });
  call(s, 1_600, "getData", { path: "/a", watch: true });
  call(s, 1_700, "setData", { path: "/a", data: "x" });
  s.sim.run({ untilUs: 3_000_000 });
  expect(consistencyFailures(s).join("\n")).toContain("no such event arrived first");
});

it("closing a session fires NodeDeleted for its ephemerals to other sessions' watches", () => {
  const s = zkSetup();
  call(s, 1_500, "create", { path: "/e", mode: "ephemeral" }, "c1");
  call(s, 1_700, "exists", { path: "/e", watch: true }, "c2");
  const close = call(s, 1_900, "close", null, "c1");
  s.sim.run({ untilUs: 3_000_000 });
  expect(events(s)).toEqual([`NodeDeleted /e ${completionOf(s, close)?.zxid}`]);
});

it("after a reconnect, setWatches re-arms the watches and fires at once what changed meanwhile", () => {
  const s = zkSetup({ clientServers: [["n1"], ["n2", "n3"]] });
  call(s, 1_500, "create", { path: "/a", data: "0" }, "c1");
  call(s, 1_500, "create", { path: "/b", data: "0" }, "c1");
  call(s, 1_800, "getData", { path: "/a", watch: true }, "c2");
  call(s, 1_800, "getData", { path: "/b", watch: true }, "c2");
  s.sim.run({ untilUs: 1_900_000 });
  const first = connectedServer(s, "c2") ?? nodeId("n2");
  const c2 = nodeId("c2");
  s.sim.schedule([
    {
      atUs: 2_000_000,
      op: {
        f: "partition-start",
        cuts: [
          [c2, first],
          [first, c2],
        ],
      },
    },
  ]);
  call(s, 2_100, "setData", { path: "/a", data: "1" }, "c1");
  const later = call(s, 4_000, "setData", { path: "/b", data: "1" }, "c1");
  s.sim.run({ untilUs: 5_000_000 });
  expect(connectedServer(s, "c2")).not.toBe(first);
  expect(events(s)).toEqual([
    "NodeDataChanged /a -1",
    `NodeDataChanged /b ${completionOf(s, later)?.zxid}`,
  ]);
  expect([...watchFailures(s), ...clientViolations(s), ...consistencyFailures(s)]).toEqual([]);
});

it("an event about a node the session may not READ is not sent, and the watch is spent (conformance)", () => {
  // Found by the differential test against ZooKeeper 3.8 (ServerCnxn.process(event, acl) checks READ):
  // c2 holds an exists watch on /nr, whose ACL is CREATE|DELETE for anyone; its deletion sends nothing.
  const s = zkSetup();
  const createDelete = [{ perms: 4 | 8, scheme: "world", id: "anyone" }];
  call(s, 1_500, "create", { path: "/nr", acl: createDelete }, "c1");
  call(s, 1_600, "create", { path: "/open" }, "c1");
  call(s, 1_800, "exists", { path: "/nr", watch: true }, "c2");
  call(s, 1_800, "getChildren", { path: "/open", watch: true }, "c2");
  call(s, 2_000, "delete", { path: "/nr" }, "c1");
  const child = call(s, 2_200, "create", { path: "/open/kid", acl: createDelete }, "c1");
  s.sim.run({ untilUs: 3_000_000 });
  // The parent's ACL decides NodeChildrenChanged: /open is world-readable, so that one arrives.
  expect(events(s)).toEqual([`NodeChildrenChanged /open ${completionOf(s, child)?.zxid}`]);
  expect(watchFailures(s)).toEqual([]);
  expect(consistencyFailures(s)).toEqual([]);
});

it("a 3.8 server sends every notification with zxid -1 in its reply header; 3.9 sends the txn's (ZOOKEEPER-4655)", () => {
  // 3.8 NIOServerCnxn.process: "new ReplyHeader(ClientCnxn.NOTIFICATION_XID, -1L, 0)"; 3.9.0 (commit
  // 880f606): "new ReplyHeader(ClientCnxn.NOTIFICATION_XID, event.getZxid(), 0)".
  const zxids = (zkVersion: "3.8" | "3.9") => {
    const s = zkSetup({ server: { zkVersion } });
    call(s, 1_500, "create", { path: "/a", data: "0" }, "c1");
    call(s, 1_800, "getData", { path: "/a", watch: true }, "c2");
    const write = call(s, 2_000, "setData", { path: "/a", data: "1" }, "c1");
    s.sim.run({ untilUs: 3_000_000 });
    expect(consistencyFailures(s)).toEqual([]);
    return { events: events(s), write: completionOf(s, write)?.zxid };
  };
  expect(zxids("3.8").events).toEqual(["NodeDataChanged /a -1"]);
  const fixed = zxids("3.9");
  expect(fixed.events).toEqual([`NodeDataChanged /a ${fixed.write}`]);
});

it("a 3.8 server ends a persistent watch's data events once a getData on its path fired (ZOOKEEPER-4466)", () => {
  const changes = (zkVersion: "3.8" | "3.9") => {
    const s = zkSetup({ server: { zkVersion }, clientServers: [["n1"], ["n1"]] });
    call(s, 1_500, "create", { path: "/a", data: "0" }, "c1");
    call(s, 1_600, "addWatch", { path: "/a", mode: "persistent" }, "c2");
    call(s, 1_700, "getData", { path: "/a", watch: true }, "c2");
    call(s, 2_000, "setData", { path: "/a", data: "1" }, "c1");
    call(s, 2_200, "setData", { path: "/a", data: "2" }, "c1");
    call(s, 2_400, "create", { path: "/a/b" }, "c1");
    s.sim.run({ untilUs: 3_000_000 });
    expect(consistencyFailures(s)).toEqual([]);
    return events(s).map((e) => e.split(" ").slice(0, 2).join(" "));
  };
  expect(changes("3.8")).toEqual(["NodeDataChanged /a", "NodeChildrenChanged /a"]);
  expect(changes("3.9")).toEqual([
    "NodeDataChanged /a",
    "NodeDataChanged /a",
    "NodeChildrenChanged /a",
  ]);
});

it("on a 3.8 server, without notification zxids, the check still flags the planted reply-before-watch", () => {
  const s = zkSetup({ clients: 1, server: { zkVersion: "3.8", bugs: ["reply-before-watch"] } });
  call(s, 1_500, "create", { path: "/a" });
  call(s, 1_600, "getData", { path: "/a", watch: true });
  call(s, 1_700, "setData", { path: "/a", data: "x" });
  s.sim.run({ untilUs: 3_000_000 });
  expect(observed(s, "watch-event", "c1").map((o) => o.zxid)).toEqual([-1]);
  expect(consistencyFailures(s).join("\n")).toContain("no such event arrived first");
});
