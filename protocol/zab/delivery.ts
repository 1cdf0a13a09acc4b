// Delivery: a txn known to be committed is applied to the state machine (unless the restart already applied
// it from the log), reported, and the client that asked for it here is answered with its zxid.
import type { ZabConfig } from "./config.js";
import { maybeSnapshot } from "./durable.js";
import type { Txn } from "./messages.js";
import { observeDeliver, observeViolation } from "./observe.js";
import type { Out, PeerState } from "./state.js";

export function deliverTxn(state: PeerState, txn: Txn, config: ZabConfig, out: Out): PeerState {
  const db = state.db;
  if (txn.zxid <= db.deliveredZxid) {
    observeViolation(out, "commitInconsistent", `delivering ${txn.zxid} after ${db.deliveredZxid}`);
    return state;
  }
  const machine = config.stateMachine;
  const applied = txn.zxid <= db.appliedZxid;
  const data = applied ? db.data : machine.apply(db.data, { zxid: txn.zxid, value: txn.value });
  observeDeliver(out, txn, db.deliveredZxid);
  const next = {
    ...db,
    data,
    appliedZxid: applied ? db.appliedZxid : txn.zxid,
    deliveredZxid: txn.zxid,
    sinceSnapshot: db.sinceSnapshot + 1,
  };
  const answered = txn.origin === state.self && state.clientRequests.includes(txn.requestId);
  if (answered) {
    out.push({
      kind: "reply",
      requestId: txn.requestId,
      type: "ok",
      value: txn.value,
      fields: { zxid: txn.zxid, server: state.self },
    });
  }
  return {
    ...state,
    db: maybeSnapshot(next, config.snapCount, machine, out),
    clientRequests: answered
      ? state.clientRequests.filter((r) => r !== txn.requestId)
      : state.clientRequests,
  };
}

/** Delivers every logged txn after `deliveredZxid` up to and including `zxid`, in log order. */
export function deliverLoggedUpTo(
  state: PeerState,
  zxid: number,
  config: ZabConfig,
  out: Out,
): PeerState {
  let next = state;
  for (const txn of state.db.log) {
    if (txn.zxid > next.db.deliveredZxid && txn.zxid <= zxid) {
      next = deliverTxn(next, txn, config, out);
    }
  }
  return next;
}

/** Answers every client write waiting here as indeterminate: it may or may not commit later. */
export function abandonClientRequests(state: PeerState, out: Out): PeerState {
  for (const requestId of state.clientRequests) {
    out.push({
      kind: "reply",
      requestId,
      type: "info",
      value: null,
      fields: { error: "connection-loss", server: state.self },
    });
  }
  return { ...state, clientRequests: [] };
}
