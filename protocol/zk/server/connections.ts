// The session handshake (ZooKeeperServer.processConnectRequest, reference §3): refuse a client that has seen
// more than this server applied; a new session goes through a createSession txn and is answered when it is
// applied here; a re-attach checks the password and asks the leader whether the session lives
// (REVALIDATE), which also makes this server the session's owner. An expired or unknown session gets a
// ConnectResponse with timeout 0.
import type { NodeId } from "../../../sim/api/index.js";
import { initialAuth } from "../acl/index.js";
import type { SessionId } from "../data-tree/index.js";
import type { ConnectRequest } from "../wire/index.js";
import { negotiateTimeoutMs } from "./config.js";
import { treeOf } from "./embedded-peer.js";
import { submitWrite } from "./pipeline.js";
import { dropConnectionOf } from "./requests.js";
import { passwordOf } from "./session-ids.js";
import { sendToClient } from "./session-queue.js";
import { setOwner, touchSession } from "./session-tracker.js";
import {
  type Connection,
  connectionsOf,
  draftServer,
  type Out,
  type ServerEnv,
  withConnection,
  withLeaderSide,
  withSessions,
  type ZkServerState,
} from "./state.js";

export const CLIENT_ADDRESS = "127.0.0.1";

export function sendConnectResponse(out: Out, connection: Connection): void {
  sendToClient(out, connection.client, {
    type: "ConnectResponse",
    protocolVersion: 0,
    timeOutMs: connection.timeoutMs,
    sessionId: connection.sessionId,
    passwd: passwordOf(connection.sessionId),
    readOnly: false,
  });
}

/** timeOut 0: expired, unknown or a wrong password. The client closes the connection itself. */
export function sendExpired(out: Out, client: NodeId): void {
  sendToClient(out, client, {
    type: "ConnectResponse",
    protocolVersion: 0,
    timeOutMs: 0,
    sessionId: 0,
    passwd: "",
    readOnly: false,
  });
}

function refuseAhead(
  state: ZkServerState,
  client: NodeId,
  msg: ConnectRequest,
  env: ServerEnv,
  out: Out,
): boolean {
  const zxid = treeOf(state).lastZxid;
  if (msg.lastZxidSeen <= zxid) return false;
  out.push({
    kind: "observe",
    observation: {
      kind: "connect-refused",
      server: env.self,
      client,
      lastZxidSeen: msg.lastZxidSeen,
      serverZxid: zxid,
    },
  });
  out.push({ kind: "close", peer: client });
  return true;
}

export function onConnect(
  state: ZkServerState,
  client: NodeId,
  msg: ConnectRequest,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  const old = state.serving?.connections[client];
  let next = old === undefined ? state : dropConnectionOf(state, old);
  if (refuseAhead(next, client, msg, env, out)) return next;
  const timeoutMs = negotiateTimeoutMs(env.config, msg.timeOutMs);
  if (msg.sessionId === 0) return createSession(next, client, timeoutMs, env, out);
  if (msg.passwd !== passwordOf(msg.sessionId)) {
    sendExpired(out, client);
    return next;
  }
  // One connection per session here: another client holding it loses it (two handles, one session).
  for (const other of connectionsOf(next).filter((c) => c.sessionId === msg.sessionId)) {
    out.push({ kind: "close", peer: other.client });
    next = dropConnectionOf(next, other);
  }
  const connection = freshConnection(client, msg.sessionId, "revalidating", timeoutMs, 0);
  next = withConnection(next, connection);
  const side = next.serving?.leader ?? null;
  if (side === null) {
    const leader = next.zab.learner?.leader;
    if (leader !== undefined) {
      const revalidate = {
        type: "REVALIDATE",
        sessionId: msg.sessionId,
        timeoutMs,
        client,
      } as const;
      out.push({ kind: "send", to: leader, msg: revalidate });
    }
    return next;
  }
  const revalidated = revalidate(next, msg.sessionId, timeoutMs, env.self, env);
  return finishRevalidation(revalidated.state, client, msg.sessionId, revalidated.valid, out);
}

function freshConnection(
  client: NodeId,
  sessionId: SessionId,
  stage: Connection["stage"],
  timeoutMs: number,
  requestId: number,
): Connection {
  const auth = initialAuth(CLIENT_ADDRESS);
  return { client, sessionId, stage, timeoutMs, requestId, auth, queue: [], closing: false };
}

function createSession(
  state: ZkServerState,
  client: NodeId,
  timeoutMs: number,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  const sessionId = state.nextSessionId;
  const requestId = state.nextRequestId;
  const connection = freshConnection(client, sessionId, "creating", timeoutMs, requestId);
  const next = draftServer(withConnection(state, connection));
  next.nextSessionId = sessionId + 1;
  next.nextRequestId = requestId + 1;
  const request = { op: "createSession", timeoutMs } as const;
  return submitWrite(next, sessionId, requestId, request, connection.auth, env, out);
}

/** At the leader: touch the session and make `owner` its owner; false if it is gone or closing. */
export function revalidate(
  state: ZkServerState,
  sessionId: SessionId,
  timeoutMs: number,
  owner: NodeId,
  env: ServerEnv,
): { readonly state: ZkServerState; readonly valid: boolean } {
  const side = state.serving?.leader ?? null;
  if (side === null) return { state, valid: false };
  const nowMs = Math.floor(env.nowUs / 1_000);
  const touched = touchSession(side.sessions, sessionId, timeoutMs, nowMs, env.config.tickMs);
  if (!touched.alive) return { state, valid: false };
  const sessions = setOwner(touched.sessions, sessionId, owner);
  return { state: withLeaderSide(state, withSessions(side, sessions)), valid: true };
}

/** The leader's verdict on a re-attach: open the connection, or answer expired and forget it. */
export function finishRevalidation(
  state: ZkServerState,
  client: NodeId,
  sessionId: SessionId,
  valid: boolean,
  out: Out,
): ZkServerState {
  const connection = state.serving?.connections[client];
  if (connection?.sessionId !== sessionId || connection.stage !== "revalidating") return state;
  if (!valid) {
    sendExpired(out, client);
    return dropConnectionOf(state, connection);
  }
  const open: Connection = { ...connection, stage: "open" };
  sendConnectResponse(out, open);
  return withConnection(state, open);
}
