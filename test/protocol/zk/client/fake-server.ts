// A fake ZooKeeper server for client tests: it speaks the wire protocol of protocol/zk/wire over the
// kernel's connections, against the FakeWorld its ensemble shares. Sessions expire on its own tick timer;
// watches fire through protocol/zk/watches. Not a model of the server pipeline: no ZAB, no forwarding.
import type { SessionId } from "../../../../protocol/zk/data-tree/index.js";
import {
  assertXidFits,
  type ConnectRequest,
  describeWireMessage,
  type RequestPacket,
  type WireMessage,
} from "../../../../protocol/zk/wire/index.js";
import {
  assertNever,
  type Effect,
  type Input,
  type Micros,
  ms,
  type NodeContext,
  type NodeId,
  type NodeProtocol,
} from "../../../../sim/api/index.js";
import { applyWrite, execute } from "./fake-ops.js";
import { dropWatches, type FakeWorld, serverZxid } from "./fake-world.js";

/** The connections of one fake server, by client node: volatile, lost in a crash. */
export type FakeServerState = { readonly connections: { readonly [client: string]: SessionId } };

type Out = Effect<WireMessage>[];
const TICK_TIMER = "fake-server/tick";

export function fakeServer(world: FakeWorld): NodeProtocol<FakeServerState, WireMessage> {
  return {
    name: "fake-zk-server",
    init: (ctx) => {
      // The crash took this server's connections, and with them the watches registered on them.
      for (const session of [...world.sessions.values()].filter((s) => s.server === ctx.self)) {
        session.server = null;
        session.client = null;
        dropWatches(world, session.sessionId);
      }
      world.outboxes.delete(ctx.self);
      return {
        state: { connections: {} },
        effects: [{ kind: "set-timer", timer: TICK_TIMER, afterUs: tickUs(world) }],
      };
    },
    step: (state, input, ctx) => {
      const out: Out = [];
      let next = closeDeadConnections(world, state, ctx, out);
      drainOutbox(world, next, ctx, out);
      next = stepServer(world, next, input, ctx, out);
      drainOutbox(world, next, ctx, out);
      return { state: next, effects: out };
    },
    describeMessage: describeWireMessage,
  };
}

function tickUs(world: FakeWorld): Micros {
  return ms(world.tickMs);
}

function stepServer(
  world: FakeWorld,
  state: FakeServerState,
  input: Input<WireMessage>,
  ctx: NodeContext,
  out: Out,
): FakeServerState {
  switch (input.kind) {
    case "message":
      return onMessage(world, state, input.from, input.msg, ctx, out);
    case "disconnected":
      return detach(world, state, input.peer, ctx);
    case "timer":
      expireSessions(world, ctx);
      out.push({ kind: "set-timer", timer: TICK_TIMER, afterUs: tickUs(world) });
      return closeDeadConnections(world, state, ctx, out);
    case "request":
    case "fsync-done":
      return state;
    default:
      return assertNever(input, "input");
  }
}

function onMessage(
  world: FakeWorld,
  state: FakeServerState,
  from: NodeId,
  msg: WireMessage,
  ctx: NodeContext,
  out: Out,
): FakeServerState {
  switch (msg.type) {
    case "ConnectRequest":
      return onConnect(world, detach(world, state, from, ctx), from, msg, ctx, out);
    case "RequestPacket":
      return onRequest(world, state, from, msg, ctx, out);
    case "ConnectResponse":
    case "ReplyPacket":
    case "WatcherEvent":
      out.push({ kind: "close", peer: from });
      return detach(world, state, from, ctx);
    default:
      return assertNever(msg, "wire message");
  }
}

/** processConnectRequest: refuse a client ahead of us; create, re-attach, or answer expired (timeOut 0). */
function onConnect(
  world: FakeWorld,
  state: FakeServerState,
  client: NodeId,
  msg: ConnectRequest,
  ctx: NodeContext,
  out: Out,
): FakeServerState {
  const zxid = serverZxid(world, ctx.self);
  if (msg.lastZxidSeen > zxid) {
    out.push({
      kind: "observe",
      observation: {
        kind: "connect-refused",
        server: ctx.self,
        client,
        lastZxidSeen: msg.lastZxidSeen,
        serverZxid: zxid,
      },
    });
    out.push({ kind: "close", peer: client });
    return state;
  }
  const timeOutMs = Math.min(
    world.maxSessionTimeoutMs,
    Math.max(world.minSessionTimeoutMs, msg.timeOutMs),
  );
  let sessionId = msg.sessionId;
  if (sessionId === 0) {
    sessionId = ctx.self.charCodeAt(ctx.self.length - 1) * 2 ** 32 + world.nextSessionSeq++;
    world.sessions.set(sessionId, {
      sessionId,
      passwd: `pw-${sessionId}`,
      timeoutMs: timeOutMs,
      deadlineUs: 0,
      server: null,
      client: null,
      auth: [],
    });
    applyWrite(world, sessionId, { op: "createSession", timeoutMs: timeOutMs }, ctx.nowUs);
  }
  const session = world.sessions.get(sessionId);
  if (session === undefined || (msg.sessionId !== 0 && session.passwd !== msg.passwd)) {
    // The real server closes the connection after this answer; the kernel's close is abortive and would
    // lose the answer, so the fake leaves the close to the client (it closes on an expired answer).
    out.push({
      kind: "send",
      to: client,
      msg: {
        type: "ConnectResponse",
        protocolVersion: 0,
        timeOutMs: 0,
        sessionId: 0,
        passwd: "",
        readOnly: false,
      },
    });
    return state;
  }
  // The watches of the session's old connection go with it; the client re-registers them.
  dropWatches(world, sessionId);
  session.server = ctx.self;
  session.client = client;
  session.deadlineUs = ctx.nowUs + session.timeoutMs * 1_000;
  out.push({
    kind: "send",
    to: client,
    msg: {
      type: "ConnectResponse",
      protocolVersion: 0,
      timeOutMs: session.timeoutMs,
      sessionId,
      passwd: session.passwd,
      readOnly: false,
    },
  });
  return { connections: { ...state.connections, [client]: sessionId } };
}

function onRequest(
  world: FakeWorld,
  state: FakeServerState,
  client: NodeId,
  msg: RequestPacket,
  ctx: NodeContext,
  out: Out,
): FakeServerState {
  assertXidFits(msg.xid, msg.request);
  const sessionId = state.connections[client];
  const session = sessionId === undefined ? undefined : world.sessions.get(sessionId);
  // Unknown or expired session, or SESSIONMOVED: the server closes the connection.
  if (
    sessionId === undefined ||
    session === undefined ||
    session.server !== ctx.self ||
    session.client !== client
  ) {
    out.push({ kind: "close", peer: client });
    return detach(world, state, client, ctx);
  }
  session.deadlineUs = ctx.nowUs + session.timeoutMs * 1_000;
  const answer = execute(world, sessionId, msg.request, ctx.nowUs);
  drainOutbox(world, state, ctx, out);
  out.push({ kind: "send", to: client, msg: { type: "ReplyPacket", xid: msg.xid, ...answer } });
  // After closeSession and AUTHFAILED the real server closes the connection once the answer is out; the
  // kernel's close is abortive, so the fake leaves the close to the client, which closes in both cases.
  return msg.request.op === "closeSession" ? detach(world, state, client, ctx) : state;
}

/** The client's connection is gone: the session stays (until it expires) but loses its watches. */
function detach(
  world: FakeWorld,
  state: FakeServerState,
  client: NodeId,
  ctx: NodeContext,
): FakeServerState {
  const sessionId = state.connections[client];
  if (sessionId === undefined) return state;
  const session = world.sessions.get(sessionId);
  if (session !== undefined && session.server === ctx.self && session.client === client) {
    session.server = null;
    session.client = null;
    dropWatches(world, sessionId);
  }
  const { [client]: _gone, ...connections } = state.connections;
  return { connections };
}

/** The session tracker: every session not touched within its timeout is closed (ephemerals deleted). */
function expireSessions(world: FakeWorld, ctx: NodeContext): void {
  const due = [...world.sessions.values()]
    .filter((s) => s.deadlineUs <= ctx.nowUs)
    .map((s) => s.sessionId)
    .sort((a, b) => a - b);
  for (const sessionId of due) applyWrite(world, sessionId, { op: "closeSession" }, ctx.nowUs);
}

/** Connections whose session is gone or attached elsewhere are closed, as the real server does. */
function closeDeadConnections(
  world: FakeWorld,
  state: FakeServerState,
  ctx: NodeContext,
  out: Out,
): FakeServerState {
  let next = state;
  for (const client of Object.keys(state.connections).sort() as NodeId[]) {
    const session = world.sessions.get(state.connections[client] ?? 0);
    if (session !== undefined && session.server === ctx.self && session.client === client) continue;
    out.push({ kind: "close", peer: client });
    next = detach(world, next, client, ctx);
  }
  return next;
}

function drainOutbox(world: FakeWorld, state: FakeServerState, ctx: NodeContext, out: Out): void {
  const outbox = world.outboxes.get(ctx.self);
  if (outbox === undefined) return;
  world.outboxes.delete(ctx.self);
  for (const { client, event } of outbox) {
    if (state.connections[client] !== undefined) out.push({ kind: "send", to: client, msg: event });
  }
}
