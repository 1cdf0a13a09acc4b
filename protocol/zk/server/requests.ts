// Request packets from a client on an open connection (NIOServerCnxn -> ZooKeeperServer.submitRequest):
// every packet touches the session; pings, auth and setWatches are answered at once by their reserved
// xids; application requests join the session's queue and are answered in order.

import { assertNever, type NodeId } from "../../../sim/api/index.js";
import type { ZkVersion } from "../../zab/index.js";
import { addAuth } from "../acl/index.js";
import {
  AUTH_XID,
  assertXidFits,
  JUTE_MAX_BUFFER,
  PING_XID,
  type RequestPacket,
  requestPacketLength,
  SET_WATCHES_XID,
  type WireOp,
} from "../wire/index.js";
import { treeOf } from "./embedded-peer.js";
import { settle } from "./pipeline.js";
import { replyPacket, sendToClient } from "./session-queue.js";
import { touchSession } from "./session-tracker.js";
import type { Connection, Out, PendingRequest, ServerEnv, ZkServerState } from "./state.js";
import {
  draftConnection,
  draftServer,
  draftServing,
  withConnection,
  withLeaderSide,
  withServing,
  withSessions,
  withWatches,
} from "./state.js";
import { setWatches } from "./watch-manager.js";

/** Leader: the tracker is touched directly. Learner: remembered for the next SESSIONS packet. */
export function touch(state: ZkServerState, connection: Connection, env: ServerEnv): ZkServerState {
  const serving = state.serving;
  if (serving === null || connection.sessionId === 0) return state;
  const side = serving.leader;
  if (side !== null) {
    const nowMs = Math.floor(env.nowUs / 1_000);
    const { sessions } = touchSession(
      side.sessions,
      connection.sessionId,
      connection.timeoutMs,
      nowMs,
      env.config.tickMs,
    );
    return sessions === side.sessions ? state : withLeaderSide(state, withSessions(side, sessions));
  }
  if (serving.touched.get(connection.sessionId) === connection.timeoutMs) return state;
  const touched = new Map(serving.touched).set(connection.sessionId, connection.timeoutMs);
  const next = draftServing(serving);
  next.touched = touched;
  return withServing(state, next);
}

function pendingOf(state: ZkServerState, xid: number, op: WireOp): PendingRequest | undefined {
  const requestId = state.nextRequestId;
  switch (op.op) {
    case "create":
    case "delete":
    case "setData":
    case "setACL":
    case "multi":
    case "closeSession":
      return { kind: "write", xid, op, requestId, sent: false, done: null };
    case "sync":
      return { kind: "sync", xid, path: op.path, requestId, sent: false, done: false };
    case "exists":
    case "getData":
    case "getChildren":
    case "getAllChildrenNumber":
    case "getEphemerals":
    case "getACL":
    case "addWatch":
    case "checkWatches":
    case "removeWatches":
    case "whoAmI":
    case "multiRead":
      return { kind: "read", xid, op };
    case "ping":
    case "auth":
    case "setWatches":
      return undefined;
    default:
      return assertNever(op, "wire op");
  }
}

function answerReserved(
  state: ZkServerState,
  connection: Connection,
  op: WireOp,
  version: ZkVersion,
  out: Out,
): ZkServerState {
  const tree = treeOf(state);
  const zxid = tree.lastZxid;
  const client = connection.client;
  if (op.op === "ping") {
    sendToClient(out, client, replyPacket(PING_XID, { err: "OK", zxid, response: { op: "ping" } }));
    return state;
  }
  if (op.op === "auth") {
    const added = addAuth(connection.auth, op.scheme, op.credential, "127.0.0.1");
    const answer = added.ok
      ? { err: "OK" as const, zxid, response: { op: "auth" as const } }
      : { err: added.code, zxid, response: null };
    sendToClient(out, client, replyPacket(AUTH_XID, answer));
    return added.ok ? withConnection(state, { ...connection, auth: added.auth }) : state;
  }
  if (op.op !== "setWatches" || state.serving === null) return state;
  const reset = setWatches(tree, state.serving.watches, connection.sessionId, op, version);
  for (const event of reset.events) sendToClient(out, client, event);
  sendToClient(
    out,
    client,
    replyPacket(SET_WATCHES_XID, { err: "OK", zxid, response: { op: "setWatches" } }),
  );
  return withWatches(state, reset.watches);
}

export function onRequestPacket(
  state: ZkServerState,
  client: NodeId,
  packet: RequestPacket,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  assertXidFits(packet.xid, packet.request);
  const connection = state.serving?.connections[client];
  // NIOServerCnxn.readLength: "if (len < 0 || len > BinaryInputArchive.maxBuffer) throw new
  // IOException(...)": the connection closes before the request is read; the session lives on.
  const oversize = requestPacketLength(packet) > JUTE_MAX_BUFFER;
  if (connection === undefined || connection.stage !== "open" || connection.closing || oversize) {
    // A request before the session is established, after closeSession, or too long: the connection drops.
    out.push({ kind: "close", peer: client });
    return connection === undefined ? state : dropConnectionOf(state, connection);
  }
  const touched = touch(state, connection, env);
  const pending = pendingOf(touched, packet.xid, packet.request);
  if (pending === undefined)
    return answerReserved(touched, connection, packet.request, env.config.zkVersion, out);
  const barrier = pending.kind === "read" && env.config.linearizableReads;
  const entries = barrier ? [quorumBarrier(touched.nextRequestId), pending] : [pending];
  const queued = draftConnection(connection);
  queued.queue = [...connection.queue, ...entries];
  queued.closing = packet.request.op === "closeSession";
  const next = draftServer(withConnection(touched, queued));
  next.nextRequestId =
    pending.kind === "read" && !barrier ? touched.nextRequestId : touched.nextRequestId + 1;
  return settle(next, client, treeOf(next), env, out);
}

/** The linearizable-reads mode's no-op write: a multi whose one check of "/" any version passes. */
function quorumBarrier(requestId: number): PendingRequest {
  const op = { op: "multi", ops: [{ op: "check", path: "/", version: -1 }] } as const;
  return { kind: "write", xid: -1, op, requestId, sent: false, done: null, internal: true };
}

/** Forgets a connection and the watches its session registered here. */
export function dropConnectionOf(state: ZkServerState, connection: Connection): ZkServerState {
  const serving = state.serving;
  if (serving === null) return state;
  const { [connection.client]: _gone, ...connections } = serving.connections;
  const next = draftServing(serving);
  next.connections = connections;
  next.watches =
    connection.sessionId === 0
      ? serving.watches
      : serving.watches.filter((w) => w.owner !== connection.sessionId);
  return withServing(state, next);
}
