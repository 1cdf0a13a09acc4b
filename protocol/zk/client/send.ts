// Sending on the current connection: every packet sent re-arms the ping timer once the session is up
// (a PING goes out only after readTimeout/2 without sending anything).

import { assert } from "../../../sim/api/index.js";
import { type ApplicationOp, requestPacket, type WireMessage, type WireOp } from "../wire/index.js";
import { pingIntervalUs } from "./config.js";
import type { ClientState } from "./state.js";
import type { Out } from "./step-output.js";
import { PING_TIMER } from "./timer-names.js";

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

/** Sends an application request with the next xid and records it as outstanding. */
export function sendRequest(
  state: ClientState,
  out: Out,
  requestId: number,
  op: ApplicationOp,
): ClientState {
  const xid = state.nextXid;
  sendPacket(state, out, requestPacket(xid, op));
  return {
    ...state,
    nextXid: xid + 1,
    outstanding: [...state.outstanding, { requestId, op, xid }],
  };
}
