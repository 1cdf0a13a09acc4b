// What the server sends on an established connection (ClientCnxn.SendThread.readResponse): replies to
// pings, auth and setWatches by their reserved xids; watcher events; and answers to application requests,
// which must come in xid order — anything else is a protocol violation that drops the connection.

import type { NodeContext } from "../../../sim/api/index.js";
import type { WatchEvent } from "../watches/index.js";
import {
  AUTH_XID,
  PING_XID,
  type ReplyPacket,
  SET_WATCHES_XID,
  type WatcherEvent,
} from "../wire/index.js";
import { authFailed, connectionLost } from "./connection.js";
import { replyAnswered, replyUnanswered } from "./outcome.js";
import { armRequestTimer } from "./send.js";
import { type ClientState, draftClient, type Outstanding } from "./state.js";
import { type Out, observeSessionEvent, observeViolation } from "./step-output.js";
import {
  CONNECT_TIMER,
  PING_TIMER,
  READ_TIMER,
  RECONNECT_TIMER,
  REQUEST_TIMER,
} from "./timer-names.js";
import {
  materialize,
  registerWatch,
  unregisterWatches,
  watchRegisteredBy,
} from "./watch-registry.js";

export function onReplyPacket(
  state: ClientState,
  reply: ReplyPacket,
  ctx: NodeContext,
  out: Out,
): ClientState {
  if (reply.xid === PING_XID || reply.xid === SET_WATCHES_XID) return state;
  if (reply.xid === AUTH_XID) return onAuthReply(state, reply, ctx, out);
  const head = state.outstanding[0];
  if (head === undefined || head.xid !== reply.xid) {
    observeViolation(out, ctx.self, "xid out of order", {
      expected: head?.xid ?? null,
      got: reply.xid,
      server: state.connection?.server ?? null,
    });
    return connectionLost(state, ctx, out, `xid out of order: got ${reply.xid}`);
  }
  const server = state.connection?.server;
  if (server === undefined) return state;
  if (reply.zxid > 0 && reply.zxid < state.lastZxidSeen) {
    observeViolation(out, ctx.self, "zxid went backwards", {
      lastZxidSeen: state.lastZxidSeen,
      got: reply.zxid,
      server,
    });
  }
  const next = draftClient(state);
  next.outstanding = state.outstanding.slice(1);
  next.lastZxidSeen = Math.max(state.lastZxidSeen, reply.zxid);
  next.watches = registerWatch(state.watches, watchRegisteredBy(head.op, reply.err));
  const removal = watchRemoval(next.watches, head, reply);
  next.watches = removal.watches;
  const answer = removal.answer;
  replyAnswered(out, next, head.requestId, answer, server);
  if (head.op.op === "closeSession") return closed(next, ctx, out);
  armRequestTimer(next, out, ctx.nowUs);
  return next;
}

/**
 * checkWatches/removeWatches end with the handle's own verdict (WatchDeregistration.unregister): the
 * server's code may become NOWATCHER, or OK with `local`. Any other reply passes as it came.
 */
function watchRemoval(
  watches: ClientState["watches"],
  head: Outstanding,
  reply: ReplyPacket,
): { readonly watches: ClientState["watches"]; readonly answer: ReplyPacket } {
  if (head.op.op !== "checkWatches" && head.op.op !== "removeWatches")
    return { watches, answer: reply };
  const { path, watcherType } = head.op;
  const local = head.local === true;
  const removal = unregisterWatches(watches, path, watcherType, local, reply.err);
  const response = removal.err === "OK" ? { op: head.op.op } : null;
  return { watches: removal.watches, answer: { ...reply, err: removal.err, response } };
}

/** closeSession was answered: the server closes the connection; the handle is CLOSED. */
function closed(state: ClientState, ctx: NodeContext, out: Out): ClientState {
  const server = state.connection?.server;
  if (server !== undefined) out.push({ kind: "close", peer: server });
  for (const timer of [CONNECT_TIMER, READ_TIMER, PING_TIMER, RECONNECT_TIMER, REQUEST_TIMER]) {
    out.push({ kind: "cancel-timer", timer });
  }
  for (const sent of state.outstanding) {
    replyUnanswered(out, state, sent.requestId, "info", "CONNECTIONLOSS", "session closed");
  }
  observeSessionEvent(out, ctx.self, state, "Closed");
  return { ...state, handle: "CLOSED", connection: null, outstanding: [], authsInFlight: [] };
}

/** An auth answer: OK answers the addAuth call; AUTHFAILED kills the handle (AUTH_FAILED state). */
function onAuthReply(
  state: ClientState,
  reply: ReplyPacket,
  ctx: NodeContext,
  out: Out,
): ClientState {
  const [index, ...rest] = state.authsInFlight;
  const entry = index === undefined ? undefined : state.auth[index];
  if (index === undefined || entry === undefined) {
    observeViolation(out, ctx.self, "auth reply without an auth request", { got: reply.xid });
    return connectionLost(state, ctx, out, "unexpected auth reply");
  }
  const server = state.connection?.server;
  if (entry.requestId !== null && server !== undefined) {
    replyAnswered(out, state, entry.requestId, reply, server);
  }
  const auth = state.auth.map((item, at) => (at === index ? { ...item, requestId: null } : item));
  const next: ClientState = { ...state, auth, authsInFlight: rest };
  return reply.err === "OK" ? next : authFailed(next, ctx, out);
}

export function onWatcherEvent(
  state: ClientState,
  msg: WatcherEvent,
  ctx: NodeContext,
  out: Out,
): ClientState {
  const event: WatchEvent = { type: msg.eventType, path: msg.path, zxid: msg.zxid };
  const { watches, fired } = materialize(state.watches, event);
  out.push({
    kind: "observe",
    observation: {
      kind: "watch-event",
      client: ctx.self,
      session: state.session?.sessionId ?? 0,
      server: state.connection?.server ?? null,
      type: msg.eventType,
      path: msg.path,
      zxid: msg.zxid,
      fired,
    },
  });
  const next = draftClient(state);
  next.watches = watches;
  return next;
}
