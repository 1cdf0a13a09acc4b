// What a server does with each txn it applies, in zxid order (FinalRequestProcessor): the leader forgets
// the txn's outstanding changes; the watches it fires go to the sessions connected here; then the client
// that asked for it here is answered (a new session gets its ConnectResponse) and that session's queue
// moves on, reads answered at exactly this txn's tree. A closed session loses its connection here.

import type { ZkVersion } from "../../zab/index.js";
import { isAllowed, PERM_READ } from "../acl/index.js";
import { dropAppliedChanges } from "../data-tree/index.js";
import { outcomeOfTxnResult } from "../wire/index.js";
import { hasServerBug } from "./config.js";
import { sendConnectResponse } from "./connections.js";
import { settle } from "./pipeline.js";
import { dropConnectionOf } from "./requests.js";
import { hasRequest, markWriteDone, sendToClient } from "./session-queue.js";
import { removeSession } from "./session-tracker.js";
import {
  type Connection,
  connectionOfSession,
  connectionsOf,
  type Out,
  type ServerEnv,
  withConnection,
  withLeaderSide,
  withPendingAndSessions,
  withQueue,
  withWatches,
  type ZkServerState,
} from "./state.js";
import { dropSessionWatches, fireWatches } from "./watch-manager.js";
import type { AppliedEntry } from "./zk-database.js";

export function processApplied(
  state: ZkServerState,
  entries: readonly AppliedEntry[],
  env: ServerEnv,
  out: Out,
): ZkServerState {
  let next = state;
  for (const entry of entries) next = processEntry(next, entry, env, out);
  return next;
}

function processEntry(
  state: ZkServerState,
  entry: AppliedEntry,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  let next = leaderBookkeeping(state, entry);
  const replyFirst = hasServerBug(env.config, "reply-before-watch");
  const version = env.config.zkVersion;
  if (!replyFirst) next = notify(next, entry, version, out);
  next = answerOrigin(next, entry, env, out);
  if (replyFirst) next = notify(next, entry, version, out);
  return endClosedSession(next, entry, out);
}

function isSessionClosed(entry: AppliedEntry): boolean {
  return entry.record.txn.type === "closeSession" && entry.result.type === "closeSession";
}

function leaderBookkeeping(state: ZkServerState, entry: AppliedEntry): ZkServerState {
  const side = state.serving?.leader ?? null;
  if (side === null) return state;
  const pending = dropAppliedChanges(side.pending, entry.record.header.zxid);
  const sessions = isSessionClosed(entry)
    ? removeSession(side.sessions, entry.record.header.sessionId)
    : side.sessions;
  if (pending.length === side.pending.length && sessions === side.sessions) return state;
  return withLeaderSide(state, withPendingAndSessions(side, pending, sessions));
}

function notify(
  state: ZkServerState,
  entry: AppliedEntry,
  version: ZkVersion,
  out: Out,
): ZkServerState {
  const serving = state.serving;
  if (serving === null) return state;
  const fired = fireWatches(serving.watches, entry, version);
  if (fired.watches === serving.watches) return state;
  for (const { sessionId, event, acl } of fired.notifications) {
    const connection = connectionOfSession(state, sessionId);
    if (connection?.stage !== "open") continue;
    // ServerCnxn.process(event, acl): a session that may not READ the node gets nothing.
    if (!isAllowed(acl, PERM_READ, connection.auth)) continue;
    sendToClient(out, connection.client, event);
  }
  return withWatches(state, fired.watches);
}

function answerOrigin(
  state: ZkServerState,
  entry: AppliedEntry,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  if (entry.origin !== env.self) return state;
  const all = connectionsOf(state);
  const creating = all.find((c) => c.stage === "creating" && c.requestId === entry.requestId);
  if (creating !== undefined) {
    const open: Connection = { ...creating, stage: "open" };
    sendConnectResponse(out, open);
    return withConnection(state, open);
  }
  const connection = all.find((c) => hasRequest(c.queue, entry.requestId));
  if (connection === undefined) return state;
  const { err, response } = outcomeOfTxnResult(entry.result);
  if (err === "SESSIONMOVED") {
    // A connection-level error: ZooKeeper tears the connection down rather than answer (ZOOKEEPER-710).
    out.push({ kind: "close", peer: connection.client });
    return dropConnectionOf(state, connection);
  }
  const done = { err, response, zxid: entry.record.header.zxid };
  const queue = markWriteDone(connection.queue, entry.requestId, done);
  return settle(
    withConnection(state, withQueue(connection, queue)),
    connection.client,
    entry.tree,
    env,
    out,
  );
}

/**
 * closeSession applied: the session's watches go; a connection of it that did not ask (an expiry) is
 * closed; one that asked got its answer and is forgotten (the client closes it).
 */
function endClosedSession(state: ZkServerState, entry: AppliedEntry, out: Out): ZkServerState {
  if (!isSessionClosed(entry) || state.serving === null) return state;
  const sessionId = entry.record.header.sessionId;
  const connection = connectionOfSession(state, sessionId);
  if (connection === undefined) {
    const watches = dropSessionWatches(state.serving.watches, sessionId);
    return withWatches(state, watches);
  }
  if (!connection.closing) out.push({ kind: "close", peer: connection.client });
  return dropConnectionOf(state, connection);
}
