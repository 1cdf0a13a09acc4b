// How a call ends in the history (Jepsen's ok / fail / info) and what the application sees, as effects.
//
// - ok: the server answered. The value is the response, plus `error` with the code when it was not OK
//   (NONODE, NODEEXISTS, BADVERSION, NOAUTH, SESSIONEXPIRED from the server, ...). Such a write did not
//   change the tree, but the answer is an observation the ZooKeeper checker must verify, so it stays in
//   the history as `ok` rather than being dropped as a Jepsen `fail` would be.
// - fail: the request was never sent, so it cannot have taken effect: bad arguments, a handle that is
//   CLOSED / AUTH_FAILED / closing, or a request still queued when the connection attempt failed
//   (CONNECTIONLOSS) or the session turned out expired (SESSIONEXPIRED).
// - info: the request was sent and no answer came (CONNECTIONLOSS on a broken or timed-out connection,
//   AUTHFAILED when a rejected addAuth killed the handle): it may or may not have been applied.
// Every reply carries the history fields {session, server, zxid}; zxid is the reply header's for ok, null
// otherwise; session is 0 before the first handshake.

import { type Json, jsonCopyWithout, type NodeId, type ReplyType } from "../../../sim/api/index.js";
import type { ZkCode } from "../data-tree/index.js";
import type { OpResponse } from "../wire/index.js";
import type { ClientState } from "./state.js";
import type { Out } from "./step-output.js";

/** The response as history data: the record without its `op` tag. */
export function valueOfResponse(response: OpResponse | null): { readonly [key: string]: Json } {
  if (response === null) return {};
  return jsonCopyWithout(response, "op");
}

export function historyFields(
  state: ClientState,
  server: NodeId | null,
  zxid: number | null,
): { readonly [field: string]: Json } {
  return { session: state.session?.sessionId ?? 0, server, zxid };
}

/** A server's answer: always ok, with the code as `error` unless it is OK. */
export function replyAnswered(
  out: Out,
  state: ClientState,
  requestId: number,
  answer: { readonly err: ZkCode; readonly zxid: number; readonly response: OpResponse | null },
  server: NodeId,
): void {
  const value = valueOfResponse(answer.response);
  out.push({
    kind: "reply",
    requestId,
    type: "ok",
    value: answer.err === "OK" ? value : { ...value, error: answer.err },
    fields: historyFields(state, server, answer.zxid),
  });
}

/** A call the client answers itself, never sent (the Java client's empty multi): `ok`, no zxid. */
export function replyLocally(
  out: Out,
  state: ClientState,
  requestId: number,
  value: { readonly [key: string]: Json },
): void {
  out.push({
    kind: "reply",
    requestId,
    type: "ok",
    value,
    fields: historyFields(state, state.connection?.server ?? null, null),
  });
}

/** A call that ended without an answer: `fail` if never sent, `info` if sent. */
export function replyUnanswered(
  out: Out,
  state: ClientState,
  requestId: number,
  type: Exclude<ReplyType, "ok">,
  error: ZkCode,
  reason?: string,
): void {
  out.push({
    kind: "reply",
    requestId,
    type,
    value: reason === undefined ? { error } : { error, reason },
    fields: historyFields(state, state.connection?.server ?? null, null),
  });
}
