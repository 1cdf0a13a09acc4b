// Sending on the current connection: every packet sent re-arms the ping timer once the session is up
// (a PING goes out only after readTimeout/2 without sending anything).

import { assert, micros } from "../../../sim/api/index.js";
import { type ApplicationOp, requestPacket, type WireMessage, type WireOp } from "../wire/index.js";
import { pingIntervalUs } from "./config.js";
import { type ClientState, draftClient } from "./state.js";
import type { Out } from "./step-output.js";
import { PING_TIMER, REQUEST_TIMER } from "./timer-names.js";

export function sendPacket(state: ClientState, out: Out, msg: WireMessage): void {
  const connection = state.connection;
  assert(connection !== null, () => `send of ${msg.type} without a connection`);
  out.push({ kind: "send", to: connection.server, msg });
  if (connection.established && state.session !== null) {
    out.push({
      kind: "set-timer",
      timer: PING_TIMER,
      afterUs: pingIntervalUs(state.session.timeoutMs),
    });
  }
}

/** Sends a packet with a reserved xid (ping, auth, setWatches). */
export function sendReserved(state: ClientState, out: Out, op: WireOp, xid: number): void {
  sendPacket(state, out, requestPacket(xid, op));
}

/**
 * Sends an application request with the next xid and records it as outstanding; with a request timeout,
 * the first outstanding request arms the timer (later ones re-arm it as the head moves, replies.ts).
 */
export function sendRequest(
  state: ClientState,
  out: Out,
  requestId: number,
  op: ApplicationOp,
  nowUs: number,
  local?: true,
): ClientState {
  const xid = state.nextXid;
  sendPacket(state, out, requestPacket(xid, op));
  const timeoutMs = state.config.requestTimeoutMs;
  if (timeoutMs > 0 && state.outstanding.length === 0) {
    out.push({ kind: "set-timer", timer: REQUEST_TIMER, afterUs: micros(timeoutMs * 1_000) });
  }
  const next = draftClient(state);
  next.nextXid = xid + 1;
  const sent = { requestId, op, xid, sentAtUs: nowUs };
  next.outstanding = [...state.outstanding, local === true ? { ...sent, local } : sent];
  return next;
}

/** Re-arms the request timer for the (new) oldest outstanding request, or cancels it when none is left. */
export function armRequestTimer(state: ClientState, out: Out, nowUs: number): void {
  const timeoutMs = state.config.requestTimeoutMs;
  if (timeoutMs === 0) return;
  const head = state.outstanding[0];
  if (head === undefined) {
    out.push({ kind: "cancel-timer", timer: REQUEST_TIMER });
    return;
  }
  const leftUs = Math.max(1, head.sentAtUs + timeoutMs * 1_000 - nowUs);
  out.push({ kind: "set-timer", timer: REQUEST_TIMER, afterUs: micros(leftUs) });
}
