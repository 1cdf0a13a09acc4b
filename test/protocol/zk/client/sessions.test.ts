// Reference §3 "Sessions", one test per quoted sentence, through the real kernel and fake servers.
import { describe, expect, it } from "vitest";
import { nodeId } from "../../../../sim/api/index.js";
import {
  call,
  clientState,
  completionOf,
  completions,
  connectedServer,
  observed,
  sessionEvents,
  setup,
} from "./harness.js";

describe("§3 creation and timeout negotiation", () => {
  it("client connects with sessionId 0 -> server picks id; the ConnectResponse establishes the session", () => {
    const s = setup({ servers: 3 });
    const create = call(s, 100, "create", { path: "/a", data: "x" });
    const read = call(s, 200, "getData", { path: "/a" });
    s.sim.run({ untilUs: 1_000_000 });
    const session = clientState(s).session;
    expect(session?.sessionId).toBeGreaterThan(0);
    expect(sessionEvents(s)).toEqual(["SyncConnected"]);
    expect(completionOf(s, create)).toMatchObject({ type: "ok", value: { path: "/a" } });
    expect(completionOf(s, read)).toMatchObject({
      type: "ok",
      value: { data: "x" },
      session: session?.sessionId,
      server: connectedServer(s),
      zxid: 2,
    });
  });

  it("clamp requested to [minSessionTimeout, maxSessionTimeout], defaults 2×tickTime and 20×tickTime", () => {
    const high = setup({ client: { sessionTimeoutMs: 60_000 } });
    high.sim.run({ untilUs: 100_000 });
    expect(clientState(high).session?.timeoutMs).toBe(20 * 200);
    const low = setup({ client: { sessionTimeoutMs: 10 } });
    low.sim.run({ untilUs: 100_000 });
    expect(clientState(low).session?.timeoutMs).toBe(2 * 200);
  });
});

describe("§3 client timers", () => {
  it("a PING is sent when nothing was sent for readTimeout/2 (≈T/3): an idle session stays alive", () => {
    const s = setup({ servers: 1 });
    s.sim.run({ untilUs: 100_000 });
    const sessionId = clientState(s).session?.sessionId ?? 0;
    s.sim.run({ untilUs: 30_000_000 });
    expect(s.world.sessions.has(sessionId)).toBe(true);
    expect(sessionEvents(s)).toEqual(["SyncConnected"]);
  });

  it("if nothing received for readTimeout the connection is declared dead and the client moves to another server", () => {
    const s = setup({ servers: 3 });
    s.sim.run({ untilUs: 500_000 });
    const first = connectedServer(s);
    const sessionId = clientState(s).session?.sessionId;
    s.sim.schedule([{ atUs: 600_000, op: { f: "pause", node: first, durationUs: 10_000_000 } }]);
    s.sim.run({ untilUs: 5_000_000 });
    expect(sessionEvents(s)).toEqual(["SyncConnected", "Disconnected", "SyncConnected"]);
    const disconnectedAt = observed(s, "session-event")[1]?.timeUs ?? 0;
    // readTimeout = 2/3 of the negotiated 3 s, counted from the last packet heard (a ping reply or the handshake).
    expect(disconnectedAt).toBeGreaterThanOrEqual(600_000 + 2_000_000 - 1_000_000);
    expect(disconnectedAt).toBeLessThanOrEqual(600_000 + 2_000_000 + 10_000);
    expect(connectedServer(s)).not.toBe(first);
    expect(clientState(s).session?.sessionId).toBe(sessionId);
  });
});

describe("§2 pending requests on disconnect", () => {
  it("Pending requests on disconnect all fail with CONNECTIONLOSS; they are not resent", () => {
    const s = setup({ servers: 2 });
    s.sim.run({ untilUs: 500_000 });
    const server = connectedServer(s);
    const sent = call(s, 1_000, "create", { path: "/p", data: "1" });
    s.sim.schedule([{ atUs: 1_000_050, op: { f: "crash", node: server } }]);
    s.sim.run({ untilUs: 6_000_000 });
    expect(completionOf(s, sent)).toMatchObject({
      type: "info",
      value: { error: "CONNECTIONLOSS" },
    });
    // The write was lost with the connection, and it is not resent after the reconnect.
    expect(s.world.tree.nodes.has("/p")).toBe(false);
    expect(sessionEvents(s)).toEqual(["SyncConnected", "Disconnected", "SyncConnected"]);
  });

  it("requests submitted while connecting wait for the handshake and are sent after it", () => {
    const s = setup({ servers: 1 });
    const early = call(s, 0, "create", { path: "/e" });
    s.sim.run({ untilUs: 500_000 });
    expect(completionOf(s, early)).toMatchObject({ type: "ok", value: { path: "/e" } });
  });

  it("a request queued behind a failing connection attempt was never sent: fail with CONNECTIONLOSS", () => {
    const s = setup({ servers: 1 });
    s.sim.schedule([{ atUs: 400_000, op: { f: "crash", node: nodeId("n1") } }]);
    s.sim.run({ untilUs: 3_000_000 });
    const queued = call(s, 3_000, "getData", { path: "/" });
    s.sim.run({ untilUs: 8_000_000 });
    expect(completionOf(s, queued)).toMatchObject({
      type: "fail",
      value: { error: "CONNECTIONLOSS" },
    });
  });
});

describe("§3 expiry", () => {
  it("Expired if the server answers the reconnect with negotiated timeout 0 (session unknown) -> handle CLOSED, all further ops SESSIONEXPIRED", () => {
    const s = setup({ servers: 2, client: { renewExpiredSession: false } });
    const eph = call(s, 100, "create", { path: "/eph", mode: "ephemeral" });
    s.sim.run({ untilUs: 500_000 });
    const cuts = s.servers.flatMap((n) => [[n, nodeId("c1")] as const, [nodeId("c1"), n] as const]);
    s.sim.schedule([
      { atUs: 1_000_000, op: { f: "partition-start", cuts } },
      { atUs: 9_000_000, op: { f: "partition-stop" } },
    ]);
    s.sim.run({ untilUs: 12_000_000 });
    const later = call(s, 12_000, "getData", { path: "/" });
    s.sim.run({ untilUs: 13_000_000 });
    expect(completionOf(s, eph)).toMatchObject({ type: "ok" });
    expect(sessionEvents(s)).toEqual(["SyncConnected", "Disconnected", "Expired"]);
    expect(clientState(s).handle).toBe("CLOSED");
    expect(s.world.tree.nodes.has("/eph")).toBe(false);
    expect(completionOf(s, later)).toMatchObject({
      type: "fail",
      value: { error: "SESSIONEXPIRED" },
    });
  });

  it("The client only learns of expiry when it reconnects; with renewal it then starts a new session", () => {
    const s = setup({ servers: 1 });
    s.sim.run({ untilUs: 500_000 });
    const old = clientState(s).session?.sessionId;
    const cuts = [[nodeId("n1"), nodeId("c1")] as const, [nodeId("c1"), nodeId("n1")] as const];
    s.sim.schedule([
      { atUs: 1_000_000, op: { f: "partition-start", cuts } },
      { atUs: 9_000_000, op: { f: "partition-stop" } },
    ]);
    s.sim.run({ untilUs: 8_900_000 });
    expect(s.world.sessions.has(old ?? 0)).toBe(false);
    expect(sessionEvents(s)).toEqual(["SyncConnected", "Disconnected"]);
    s.sim.run({ untilUs: 12_000_000 });
    expect(sessionEvents(s)).toEqual(["SyncConnected", "Disconnected", "Expired", "SyncConnected"]);
    expect(clientState(s).session?.sessionId).not.toBe(old);
    expect(clientState(s).sessionCount).toBe(2);
  });
});

describe("§2 never go back in time", () => {
  it("refuses the connection if lastZxidSeen > dataTree.lastProcessedZxid; the client tries the next server", () => {
    const s = setup({ servers: 2 });
    const write = call(s, 100, "create", { path: "/w" });
    s.sim.run({ untilUs: 500_000 });
    const first = connectedServer(s);
    const behind = s.servers.find((n) => n !== first) ?? first;
    s.world.frozenZxid.set(behind, 0);
    s.sim.schedule([
      { atUs: 600_000, op: { f: "crash", node: first } },
      { atUs: 1_500_000, op: { f: "restart", node: first } },
    ]);
    s.sim.run({ untilUs: 10_000_000 });
    expect(completionOf(s, write)).toMatchObject({ type: "ok", zxid: 2 });
    const refusals = s.sim.observations.filter((r) => r.observation.kind === "connect-refused");
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((r) => r.node === behind)).toBe(true);
    expect(sessionEvents(s)).toEqual(["SyncConnected", "Disconnected", "SyncConnected"]);
    expect(connectedServer(s)).toBe(first);
  });
});

describe("§3 close and auth", () => {
  it("closeSession (client close()) deletes the session's ephemerals; the handle is CLOSED", () => {
    const s = setup({ servers: 1 });
    call(s, 100, "create", { path: "/e1", mode: "ephemeral" });
    const close = call(s, 200, "close", null);
    const after = call(s, 300, "exists", { path: "/e1" });
    s.sim.run({ untilUs: 1_000_000 });
    expect(completionOf(s, close)).toMatchObject({ type: "ok" });
    expect(s.world.tree.nodes.has("/e1")).toBe(false);
    expect(sessionEvents(s)).toEqual(["SyncConnected", "Closed"]);
    expect(completionOf(s, after)).toMatchObject({
      type: "fail",
      value: { error: "SESSIONEXPIRED" },
    });
  });

  it("an unknown auth scheme fails: AuthFailed, and the handle refuses everything after", () => {
    const s = setup({ servers: 1 });
    const auth = call(s, 100, "addAuth", { scheme: "kerberos", credential: "x" });
    const after = call(s, 300, "getData", { path: "/" });
    s.sim.run({ untilUs: 1_000_000 });
    expect(completionOf(s, auth)).toMatchObject({ type: "ok", value: { error: "AUTHFAILED" } });
    expect(sessionEvents(s)).toEqual(["SyncConnected", "AuthFailed"]);
    expect(completionOf(s, after)).toMatchObject({ type: "fail", value: { error: "AUTHFAILED" } });
  });

  it("digest credentials are re-sent on a new connection, so NOAUTH does not come back after a reconnect", () => {
    const s = setup({ servers: 2 });
    call(s, 100, "addAuth", { scheme: "digest", credential: "u:p" });
    call(s, 200, "create", { path: "/s", acl: [{ perms: 31, scheme: "auth", id: "" }] });
    s.sim.run({ untilUs: 500_000 });
    s.sim.schedule([{ atUs: 600_000, op: { f: "crash", node: connectedServer(s) } }]);
    s.sim.run({ untilUs: 5_000_000 });
    const read = call(s, 5_000, "getData", { path: "/s" });
    s.sim.run({ untilUs: 6_000_000 });
    expect(completionOf(s, read)).toMatchObject({ type: "ok", value: { data: "" } });
  });

  it("arguments the Java client rejects before sending (a bad path) fail with BADARGUMENTS", () => {
    const s = setup({ servers: 1 });
    const bad = call(s, 100, "create", { path: "no-slash" });
    s.sim.run({ untilUs: 500_000 });
    expect(completionOf(s, bad)).toMatchObject({ type: "fail", value: { error: "BADARGUMENTS" } });
    expect(completions(s)).toHaveLength(1);
  });
});
