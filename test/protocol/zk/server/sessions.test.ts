// Sessions (reference §3): creation through a txn, timeout negotiation, pings, expiry at the leader in tick
// buckets, closeSession deleting ephemerals in one txn, fresh timeouts after a leader change, re-attaching
// to another server, refusal of a server behind the client, and the client states and events.
import { describe, expect, it } from "vitest";
import { nodeId } from "../../../../sim/api/index.js";
import type { NemesisOp } from "../../../../sim/nemesis/index.js";
import { clientViolations, consistencyFailures } from "./checks.js";
import {
  answerOf,
  call,
  clientState,
  completionOf,
  connectedServer,
  leaderOf,
  observed,
  sessionEvents,
  zkSetup,
} from "./harness.js";

function at(ms: number, op: NemesisOp) {
  return { atUs: ms * 1_000, op };
}

function cut(a: string, b: string): NemesisOp {
  const [x, y] = [nodeId(a), nodeId(b)];
  return {
    f: "partition-start",
    cuts: [
      [x, y],
      [y, x],
    ],
  };
}

it("a new session is created by a createSession txn and its timeout clamped to [2, 20] ticks", () => {
  const s = zkSetup({ clients: 1, client: { sessionTimeoutMs: 50 } });
  const t = zkSetup({ clients: 1, client: { sessionTimeoutMs: 600_000 } });
  s.sim.run({ untilUs: 2_000_000 });
  t.sim.run({ untilUs: 2_000_000 });
  expect(clientState(s).session?.timeoutMs).toBe(200);
  expect(clientState(t).session?.timeoutMs).toBe(2_000);
  const id = clientState(s).session?.sessionId;
  const created = [...s.deliveries.values()].filter((d) => d.record.txn.type === "createSession");
  expect(created.map((d) => d.record.header.sessionId)).toEqual([id]);
  expect(sessionEvents(s)).toEqual(["SyncConnected"]);
});

it("pings keep an idle session alive far beyond its timeout", () => {
  const s = zkSetup({ clients: 1 });
  const e = call(s, 1_500, "create", { path: "/e", mode: "ephemeral" });
  const read = call(s, 12_000, "exists", { path: "/e" });
  s.sim.run({ untilUs: 12_500_000 });
  expect(completionOf(s, e)?.type).toBe("ok");
  expect(sessionEvents(s)).toEqual(["SyncConnected"]);
  expect(observed(s, "session-expired")).toEqual([]);
  expect(answerOf(s, read).error).toBeUndefined();
});

it("closeSession deletes all of the session's ephemerals with one zxid", () => {
  const s = zkSetup();
  call(s, 1_500, "create", { path: "/e1", mode: "ephemeral" });
  call(s, 1_500, "create", { path: "/e2", mode: "ephemeral_sequential" });
  const close = call(s, 1_600, "close", null);
  const after = [
    call(s, 2_500, "exists", { path: "/e1" }, "c2"),
    call(s, 2_500, "getEphemerals", { prefix: "/" }, "c2"),
  ];
  s.sim.run({ untilUs: 3_000_000 });
  expect(completionOf(s, close)?.type).toBe("ok");
  const closing = [...s.deliveries.values()].filter((d) => d.record.txn.type === "closeSession");
  // The paths in the order of the clone of the session's HashSet (DataTree.getEphemerals), as a JVM lists them.
  expect(closing.map((d) => d.record.txn)).toEqual([
    { type: "closeSession", paths: ["/e20000000001", "/e1"] },
  ]);
  expect(answerOf(s, after[0] ?? 0).error).toBe("NONODE");
  expect(sessionEvents(s, "c1")).toEqual(["SyncConnected", "Closed"]);
});

it("a session whose client is gone expires at the leader T to T + 2 ticks after its last touch, taking its ephemerals", () => {
  const s = zkSetup();
  call(s, 1_500, "create", { path: "/e", mode: "ephemeral" });
  s.sim.schedule([at(2_000, { f: "crash", node: nodeId("c1") })]);
  // The last touch is between the create (1.5 s) and the crash (2 s); T = 1.5 s, tickTime 100 ms.
  const before = call(s, 2_900, "exists", { path: "/e" }, "c2");
  const after = call(s, 4_200, "exists", { path: "/e" }, "c2");
  s.sim.run({ untilUs: 5_000_000 });
  expect(answerOf(s, before).error).toBeUndefined();
  expect(answerOf(s, after).error).toBe("NONODE");
  const [expired] = observed(s, "session-expired");
  expect(expired?.node).toBe(leaderOf(s));
  expect(expired?.timeUs).toBeGreaterThanOrEqual(1_500_000 + 1_500_000);
  expect(expired?.timeUs).toBeLessThanOrEqual(2_000_000 + 1_500_000 + 200_000 + 100_000);
});

it("after a leader change every session gets a fresh full timeout", () => {
  const s = zkSetup({ clientServers: [["n1"], ["n1", "n2"]] });
  call(s, 1_500, "create", { path: "/e", mode: "ephemeral" });
  s.sim.schedule([
    at(2_000, { f: "crash", node: nodeId("c1") }),
    at(2_300, { f: "crash", node: nodeId("n3") }),
  ]);
  s.sim.run({ untilUs: 8_000_000 });
  const serving = observed(s, "zk-serving").filter(
    (o) => o.serving === true && o.role === "LEADING" && o.timeUs > 2_300_000,
  );
  const [expired] = observed(s, "session-expired");
  expect(serving.length).toBeGreaterThan(0);
  // The old leader would have expired the session near 3.5 s; the new one gives it 1.5 s from its start.
  expect(expired?.timeUs).toBeGreaterThanOrEqual((serving[0]?.timeUs ?? 0) + 1_500_000);
});

it("a client cut off from its server re-attaches its session to another one (revalidation)", () => {
  const s = zkSetup({ clientServers: [["n1", "n2"]], clients: 1 });
  const e = call(s, 1_500, "create", { path: "/e", mode: "ephemeral" });
  s.sim.run({ untilUs: 1_400_000 });
  const first = connectedServer(s);
  const sessionId = clientState(s).session?.sessionId;
  s.sim.schedule([at(2_000, cut("c1", first ?? "n1"))]);
  const read = call(s, 4_000, "exists", { path: "/e" });
  s.sim.run({ untilUs: 5_000_000 });
  expect(completionOf(s, e)?.type).toBe("ok");
  expect(connectedServer(s)).not.toBe(first);
  expect(clientState(s).session?.sessionId).toBe(sessionId);
  expect(sessionEvents(s)).toEqual(["SyncConnected", "Disconnected", "SyncConnected"]);
  expect(answerOf(s, read).error).toBeUndefined();
});

it("a session that expired while its client was away is answered Expired on reconnect", () => {
  const s = zkSetup({ clients: 1 });
  s.sim.schedule([
    at(2_000, {
      f: "partition-start",
      cuts: ["n1", "n2", "n3"]
        .map(nodeId)
        .flatMap((n) => [[nodeId("c1"), n] as const, [n, nodeId("c1")] as const]),
    }),
    at(5_000, { f: "partition-stop" }),
  ]);
  s.sim.run({ untilUs: 7_000_000 });
  expect(sessionEvents(s)).toEqual(["SyncConnected", "Disconnected", "Expired", "SyncConnected"]);
});

/**
 * Never go back in time (reference §2): c1 writes through the leader n3 while n1 lags 1.5 s behind (its
 * link from the leader is slow); then c1 loses n3 and tries n1, which has not applied c1's write yet.
 * (Were n1 to accept, its REVALIDATE answer would come after the COMMIT on the same FIFO link, so the
 * refusal matters for a server following a deposed leader, not for a merely slow follower.)
 */
function laggingFollower() {
  const s = zkSetup({
    clients: 1,
    clientServers: [["n1", "n3"]],
    server: { zab: { syncLimit: 50 } },
  });
  s.sim.schedule([
    at(0, cut("c1", "n1")),
    at(1_500, { f: "partition-stop" }),
    at(1_600, { f: "link-delay", extraUs: 1_500_000, links: [[nodeId("n3"), nodeId("n1")]] }),
    at(2_300, { f: "link-reset", a: nodeId("c1"), b: nodeId("n3") }),
  ]);
  const write = call(s, 2_000, "create", { path: "/a", data: "new" });
  const read = call(s, 2_400, "exists", { path: "/a" });
  s.sim.run({ untilUs: 6_000_000 });
  return { s, write, read };
}

describe("never going back in time", () => {
  it("a server refuses a client that has seen a newer zxid than it applied", () => {
    const { s, write, read } = laggingFollower();
    expect(completionOf(s, write)?.server).toBe("n3");
    const refused = observed(s, "connect-refused");
    expect(refused.map((o) => [o.server, o.client])).toContainEqual(["n1", "c1"]);
    expect(Number(refused[0]?.lastZxidSeen)).toBeGreaterThan(Number(refused[0]?.serverZxid));
    expect(answerOf(s, read).error).toBeUndefined();
    expect(clientViolations(s)).toEqual([]);
    expect(consistencyFailures(s)).toEqual([]);
  });
});

/**
 * SESSIONMOVED end to end (reference §3; ZOOKEEPER-710): c1 (kept off n2 at first, so it attaches to n1)
 * writes through n1, whose link to the leader n3
 * is slow (2 s); c1 hears nothing back (n1 → c1 is cut), moves to n2 within its session and re-attaches
 * there, so the leader makes n2 the session's owner. The write n1 forwarded reaches the leader only then:
 * checkSession finds another owner, the txn is an error txn, and the tree does not change.
 */
function movedSession() {
  const s = zkSetup({
    clients: 1,
    clientServers: [["n1", "n2"]],
    server: { zab: { syncLimit: 50 } },
  });
  s.sim.schedule([
    at(0, cut("c1", "n2")),
    at(1_500, { f: "partition-stop" }),
    at(1_900, { f: "link-delay", extraUs: 2_000_000, links: [[nodeId("n1"), nodeId("n3")]] }),
    at(1_950, { f: "partition-start", cuts: [[nodeId("n1"), nodeId("c1")]] }),
    at(5_000, { f: "partition-stop" }),
    at(5_000, { f: "link-heal" }),
  ]);
  const write = call(s, 2_000, "create", { path: "/moved", data: "x" });
  const read = call(s, 6_000, "exists", { path: "/moved" });
  s.sim.run({ untilUs: 7_000_000 });
  return { s, write, read };
}

describe("a session that moved to another server", () => {
  it("refuses a request that still comes through the old server: SESSIONMOVED, and nothing changes", () => {
    const { s, write, read } = movedSession();
    expect(leaderOf(s)).toBe("n3");
    expect(connectedServer(s)).toBe("n2");
    const moved = [...s.deliveries.values()].filter(
      (d) => d.record.txn.type === "error" && JSON.stringify(d.record).includes("SESSIONMOVED"),
    );
    expect(moved).toHaveLength(1);
    expect(moved[0]?.record.header.sessionId).toBe(clientState(s).session?.sessionId);
    expect(completionOf(s, write)?.type).toBe("info");
    expect(answerOf(s, read).error).toBe("NONODE");
    expect(clientViolations(s)).toEqual([]);
    expect(consistencyFailures(s)).toEqual([]);
  });
});
