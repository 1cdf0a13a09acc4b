// Handing a session's writes and syncs to the pipeline (reference §4.5): the leader prepares and proposes
// them itself; a learner forwards them to its leader (FollowerRequestProcessor). Syncs come back as SYNC, or
// locally at the leader, and complete the session's queue in order.
import type { NodeId } from "../../../sim/api/index.js";
import type { AuthId } from "../acl/index.js";
import type { DataTree, SessionId, WriteRequest } from "../data-tree/index.js";
import { authInfoOrder } from "./auth-info-order.js";
import { treeOf } from "./embedded-peer.js";
import { leaderSubmit, leaderSync, type SyncAnswer } from "./leader-pipeline.js";
import type { PeerMessage } from "./messages.js";
import { flushQueue, hasRequest, markSyncDone, releasable } from "./session-queue.js";
import {
  connectionsOf,
  draftServing,
  type Out,
  type ServerEnv,
  withConnection,
  withQueue,
  withServing,
  type ZkServerState,
} from "./state.js";

function isLeading(state: ZkServerState): boolean {
  return state.zab.role === "LEADING" && state.serving?.leader != null;
}

function forward(state: ZkServerState, out: Out, msg: PeerMessage): void {
  const leader = state.zab.learner?.leader;
  if (leader !== undefined) out.push({ kind: "send", to: leader, msg });
}

export function submitWrite(
  state: ZkServerState,
  sessionId: SessionId,
  requestId: number,
  request: WriteRequest,
  auth: readonly AuthId[],
  env: ServerEnv,
  out: Out,
): ZkServerState {
  // Request.authInfo is cnxn.getAuthInfo(): the connection's ConcurrentHashMap set in its iteration order,
  // which fixupACL expands an `auth` ACL in and a learner forwards with the request (QuorumPacket authinfo).
  const authInfo = authInfoOrder(auth);
  if (isLeading(state)) {
    return leaderSubmit(
      state,
      { origin: env.self, requestId, sessionId, request, auth: authInfo },
      env,
      out,
    );
  }
  forward(state, out, { type: "FORWARD", sessionId, requestId, request, auth: authInfo });
  return state;
}

function submitSync(
  state: ZkServerState,
  sessionId: SessionId,
  requestId: number,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  if (isLeading(state)) return leaderSync(state, env.self, requestId, env, out, answerSync);
  forward(state, out, { type: "FORWARD", sessionId, requestId, request: { op: "sync" }, auth: [] });
  return state;
}

/** A sync's answer: to the leader's own session, or as SYNC to the learner that forwarded it. */
export const answerSync: SyncAnswer = (state, from, requestId, zxid, env, out) => {
  if (from === env.self) return completeSync(state, requestId, env, out);
  out.push({ kind: "send", to: from, msg: { type: "SYNC", requestId, zxid } });
  return state;
};

/** The sync `requestId` of one of this server's sessions is answered: reply in order. */
export function completeSync(
  state: ZkServerState,
  requestId: number,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  const connection = connectionsOf(state).find((c) => hasRequest(c.queue, requestId));
  if (connection === undefined) return state;
  const marked = withConnection(
    state,
    withQueue(connection, markSyncDone(connection.queue, requestId)),
  );
  return settle(marked, connection.client, treeOf(marked), env, out);
}

/** Sends the ready replies at the head of the client's queue (reads at `tree`), then releases held requests. */
export function settle(
  state: ZkServerState,
  client: NodeId,
  tree: DataTree,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  const serving = state.serving;
  const connection = serving?.connections[client];
  if (serving == null || connection === undefined || connection.stage !== "open") return state;
  const flushed = flushQueue(connection, tree, serving.watches, env.config.zkVersion, out);
  const { connection: next, released } = releasable(flushed.connection);
  const settled = draftServing(serving);
  settled.watches = flushed.watches;
  settled.connections = { ...serving.connections, [client]: next };
  let result = withServing(state, settled);
  for (const p of released) {
    if (p.kind === "write") {
      result = submitWrite(result, next.sessionId, p.requestId, p.op, next.auth, env, out);
    } else if (p.kind === "sync") {
      result = submitSync(result, next.sessionId, p.requestId, env, out);
    }
  }
  return result;
}
