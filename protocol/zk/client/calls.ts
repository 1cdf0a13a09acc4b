// A workload call on the handle: sent at once when connected, queued while connecting (outgoingQueue),
// refused when the handle is dead. close() is a closeSession request that leaves the handle CLOSED.

import { assertNever, type ClientRequest, type NodeContext } from "../../../sim/api/index.js";
import { AUTH_XID } from "../wire/index.js";
import { type ClientCall, decodeCall } from "./decode.js";
import { localRule } from "./local-rules.js";
import { replyLocally, replyUnanswered } from "./outcome.js";
import { sendRequest, sendReserved } from "./send.js";
import { type ClientState, draftClient, type Queued } from "./state.js";
import type { Out } from "./step-output.js";

export function onCall(
  state: ClientState,
  request: ClientRequest,
  ctx: NodeContext,
  out: Out,
): ClientState {
  const decoded = decodeCall(request.f, request.value);
  if (!decoded.ok) {
    replyUnanswered(out, state, request.requestId, "fail", "BADARGUMENTS", decoded.reason);
    return state;
  }
  // ClientCnxn.conLossPacket: a CLOSED handle answers SESSIONEXPIRED, an AUTH_FAILED one AUTHFAILED,
  // a closing one (close() in flight) CONNECTIONLOSS.
  if (state.handle === "AUTH_FAILED") {
    replyUnanswered(out, state, request.requestId, "fail", "AUTHFAILED");
    return state;
  }
  if (state.handle === "CLOSED") {
    replyUnanswered(out, state, request.requestId, "fail", "SESSIONEXPIRED");
    return state;
  }
  // queuePacket: "if (!state.isAlive() || closing) conLossPacket(packet)", whose default is CONNECTIONLOSS.
  if (state.closing) {
    replyUnanswered(out, state, request.requestId, "fail", "CONNECTIONLOSS");
    return state;
  }
  const call = decoded.value;
  const rule = call.call === "op" ? localRule(call.op, call.sendEmpty === true) : null;
  if (rule?.kind === "refuse") {
    replyUnanswered(out, state, request.requestId, "fail", rule.code, rule.reason);
    return state;
  }
  if (rule?.kind === "answer") {
    replyLocally(out, state, request.requestId, rule.value);
    return state;
  }
  return dispatch(state, request.requestId, call, ctx.nowUs, out);
}

function dispatch(
  state: ClientState,
  requestId: number,
  call: ClientCall,
  nowUs: number,
  out: Out,
): ClientState {
  switch (call.call) {
    case "op":
      return submitOp(
        state,
        call.local === true ? { requestId, op: call.op, local: true } : { requestId, op: call.op },
        nowUs,
        out,
      );
    case "close":
      return submitOp(
        { ...state, closing: true },
        { requestId, op: { op: "closeSession" } },
        nowUs,
        out,
      );
    case "addAuth":
      return addAuth(state, requestId, call.scheme, call.credential, out);
    default:
      return assertNever(call, "client call");
  }
}

function submitOp(state: ClientState, call: Queued, nowUs: number, out: Out): ClientState {
  if (state.connection?.established === true) {
    return sendRequest(state, out, call.requestId, call.op, nowUs, call.local);
  }
  const next = draftClient(state);
  next.queued = [...state.queued, call];
  return next;
}

/**
 * addAuthInfo: the credential is kept and re-sent on every new connection. Its call is answered when the
 * server answers the auth packet (out of band, not in xid order); while connecting it waits for the
 * handshake, which sends every credential.
 */
function addAuth(
  state: ClientState,
  requestId: number,
  scheme: string,
  credential: string,
  out: Out,
): ClientState {
  const index = state.auth.length;
  const next: ClientState = { ...state, auth: [...state.auth, { scheme, credential, requestId }] };
  if (state.connection?.established !== true) return next;
  sendReserved(next, out, { op: "auth", scheme, credential }, AUTH_XID);
  return { ...next, authsInFlight: [...next.authsInFlight, index] };
}
