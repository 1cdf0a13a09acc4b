// Connecting, the handshake and losing a connection (ClientCnxn.SendThread: startConnect, primeConnection,
// onConnected, cleanup; reference §3 "Client timers", "Client states", "Reconnect", §2 "Pending requests on
// disconnect"). A handshake that fails in any way moves on to the next server of the shuffled list.

import type { NodeContext } from "../../../sim/api/index.js";
import {
  AUTH_XID,
  type ConnectResponse,
  isExpiredResponse,
  SET_WATCHES_XID,
} from "../wire/index.js";
import { connectTimeoutUs, pingIntervalUs, readTimeoutUs } from "./config.js";
import { hostAt, nextHostIndex, reconnectDelayUs } from "./hosts.js";
import { replyUnanswered } from "./outcome.js";
import { sendPacket, sendRequest, sendReserved } from "./send.js";
import type { ClientState } from "./state.js";
import { type Out, observeSessionEvent, observeViolation } from "./step-output.js";
import {
  CONNECT_TIMER,
  PING_TIMER,
  READ_TIMER,
  RECONNECT_TIMER,
  REQUEST_TIMER,
} from "./timer-names.js";
import { setWatchesOf } from "./watch-registry.js";

/** Opens a connection to the next server and sends the ConnectRequest. */
export function startConnect(state: ClientState, out: Out): ClientState {
  const hostIndex = nextHostIndex(state);
  const server = hostAt(state, hostIndex);
  const next: ClientState = {
    ...state,
    handle: "CONNECTING",
    hostIndex,
    connection: { server, established: false },
  };
  sendPacket(next, out, {
    type: "ConnectRequest",
    protocolVersion: 0,
    lastZxidSeen: state.lastZxidSeen,
    timeOutMs: state.config.sessionTimeoutMs,
    sessionId: state.session?.sessionId ?? 0,
    passwd: state.session?.passwd ?? "",
    readOnly: false,
  });
  const timeoutMs = state.session?.timeoutMs ?? state.config.sessionTimeoutMs;
  out.push({
    kind: "set-timer",
    timer: CONNECT_TIMER,
    afterUs: connectTimeoutUs(timeoutMs, state.hosts.length),
  });
  return next;
}

function cancelConnectionTimers(out: Out): void {
  for (const timer of [CONNECT_TIMER, READ_TIMER, PING_TIMER, REQUEST_TIMER]) {
    out.push({ kind: "cancel-timer", timer });
  }
}

/**
 * ClientCnxn.cleanup: sent requests end `info` with `error` (they may have been applied), queued ones
 * `fail` (never sent). A Disconnected event goes out only if the session was connected and the handle
 * stays alive. Returns the state without a connection; the caller decides what comes next.
 */
function dropConnection(
  state: ClientState,
  ctx: NodeContext,
  out: Out,
  reason: string,
  error: "CONNECTIONLOSS" | "AUTHFAILED",
): ClientState {
  const connection = state.connection;
  if (connection === null) return state;
  out.push({ kind: "close", peer: connection.server });
  cancelConnectionTimers(out);
  out.push({ kind: "log", text: `connection to ${connection.server} lost: ${reason}` });
  for (const sent of state.outstanding)
    replyUnanswered(out, state, sent.requestId, "info", error, reason);
  for (const index of state.authsInFlight) {
    const requestId = state.auth[index]?.requestId ?? null;
    if (requestId !== null) replyUnanswered(out, state, requestId, "info", error, reason);
  }
  for (const queued of state.queued)
    replyUnanswered(out, state, queued.requestId, "fail", error, reason);
  if (connection.established && error === "CONNECTIONLOSS") {
    observeSessionEvent(out, ctx.self, state, "Disconnected");
  }
  return {
    ...state,
    connection: null,
    outstanding: [],
    queued: [],
    authsInFlight: [],
    auth: state.auth.map((entry) => ({ ...entry, requestId: null })),
    failedAttempts: connection.established ? 0 : state.failedAttempts + 1,
  };
}

/**
 * The connection broke, timed out, or the server broke the protocol: everything on it ends (see
 * dropConnection); a closing handle ends CLOSED, any other tries the next server after the reconnect delay.
 * Closing our end is harmless when the peer already broke it.
 */
export function connectionLost(
  state: ClientState,
  ctx: NodeContext,
  out: Out,
  reason: string,
): ClientState {
  if (state.connection === null) return state;
  const next = dropConnection(state, ctx, out, reason, "CONNECTIONLOSS");
  if (state.closing) {
    observeSessionEvent(out, ctx.self, next, "Closed");
    return { ...next, handle: "CLOSED" };
  }
  out.push({
    kind: "set-timer",
    timer: RECONNECT_TIMER,
    afterUs: reconnectDelayUs(next, ctx.random),
  });
  return { ...next, handle: "CONNECTING" };
}

/**
 * The oldest request got no reply within the request timeout (ClientCnxn.waitForPacketFinish): it ends
 * `info` with REQUESTTIMEOUT, and the connection is dropped like a lost one (cleanAndNotifyState), so the
 * rest end CONNECTIONLOSS and the handle reconnects.
 */
export function requestTimedOut(state: ClientState, ctx: NodeContext, out: Out): ClientState {
  const [head, ...rest] = state.outstanding;
  if (head === undefined) return state;
  const reason = `no reply within the request timeout of ${state.config.requestTimeoutMs} ms`;
  replyUnanswered(out, state, head.requestId, "info", "REQUESTTIMEOUT", reason);
  return connectionLost({ ...state, outstanding: rest }, ctx, out, "request timeout");
}

/** The server rejected a credential and closes the connection: AUTH_FAILED, no Disconnected event. */
export function authFailed(state: ClientState, ctx: NodeContext, out: Out): ClientState {
  observeSessionEvent(out, ctx.self, state, "AuthFailed");
  const next = dropConnection(state, ctx, out, "authentication failed", "AUTHFAILED");
  return { ...next, handle: "AUTH_FAILED" };
}

export function onConnectResponse(
  state: ClientState,
  response: ConnectResponse,
  ctx: NodeContext,
  out: Out,
): ClientState {
  const connection = state.connection;
  if (connection === null || connection.established) {
    observeViolation(out, ctx.self, "ConnectResponse on an established connection", {
      server: connection?.server ?? null,
    });
    return connectionLost(state, ctx, out, "unexpected ConnectResponse");
  }
  if (isExpiredResponse(response)) return sessionExpired(state, ctx, out);
  return established(state, response, ctx, out);
}

/** onConnected: the session is (re-)established; prime the connection, then send what was queued. */
function established(
  state: ClientState,
  response: ConnectResponse,
  ctx: NodeContext,
  out: Out,
): ClientState {
  const server = state.connection?.server ?? hostAt(state, state.hostIndex);
  const session = {
    sessionId: response.sessionId,
    passwd: response.passwd,
    timeoutMs: response.timeOutMs,
  };
  let next: ClientState = {
    ...state,
    handle: "CONNECTED",
    connection: { server, established: true },
    session,
    failedAttempts: 0,
    queued: [],
    authsInFlight: state.auth.map((_, index) => index),
  };
  out.push({ kind: "cancel-timer", timer: CONNECT_TIMER });
  out.push({ kind: "set-timer", timer: READ_TIMER, afterUs: readTimeoutUs(session.timeoutMs) });
  out.push({ kind: "set-timer", timer: PING_TIMER, afterUs: pingIntervalUs(session.timeoutMs) });
  observeSessionEvent(out, ctx.self, next, "SyncConnected");
  for (const entry of state.auth) {
    sendReserved(
      next,
      out,
      { op: "auth", scheme: entry.scheme, credential: entry.credential },
      AUTH_XID,
    );
  }
  const setWatches = setWatchesOf(state.watches, state.lastZxidSeen);
  if (setWatches !== undefined) sendReserved(next, out, setWatches, SET_WATCHES_XID);
  for (const queued of state.queued) {
    next = sendRequest(next, out, queued.requestId, queued.op, ctx.nowUs, queued.local);
  }
  return next;
}

/**
 * The server answered the reconnect with timeOut 0: Expired, watches gone (ephemerals too, server side),
 * queued requests fail with SESSIONEXPIRED. The handle is CLOSED, or starts a new session when configured.
 */
function sessionExpired(state: ClientState, ctx: NodeContext, out: Out): ClientState {
  const connection = state.connection;
  if (connection !== null) out.push({ kind: "close", peer: connection.server });
  cancelConnectionTimers(out);
  observeSessionEvent(out, ctx.self, state, "Expired");
  for (const queued of state.queued) {
    replyUnanswered(out, state, queued.requestId, "fail", "SESSIONEXPIRED");
  }
  const closed: ClientState = {
    ...state,
    handle: "CLOSED",
    connection: null,
    session: null,
    queued: [],
    watches: [],
    failedAttempts: 0,
  };
  if (!state.config.renewExpiredSession || state.closing) return closed;
  // A new handle: a fresh session with no zxid seen yet (real ZooKeeper handles start at lastZxid 0).
  return startConnect(
    { ...closed, lastZxidSeen: 0, nextXid: 1, sessionCount: state.sessionCount + 1 },
    out,
  );
}
