// Delivery: a txn known to be committed is applied to the state machine (unless the restart already applied
// it from the log), reported, its outputs handed to the host (`Env.outputs`), and the client that asked for it
// here is answered with its zxid.
import { maybeSnapshot } from "./durable.js";
import type { Txn } from "./messages.js";
import { observeDeliver, observeViolation } from "./observe.js";
import { type Draft, draftDb, draftPeer } from "./records.js";
import type { Env, Out, PeerState } from "./state.js";
import { indexAfter, txnAt } from "./txn-log.js";

export function deliverTxn<S, O>(
  state: PeerState<S>,
  txn: Txn,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  return deliverInto(draftPeer(state), txn, env, out);
}

/**
 * deliverTxn on a fresh copy of the peer that the caller has already changed (commitHead's dequeued
 * pending txn, tryToCommit's dequeued proposal): one copy per delivery instead of two.
 */
export function deliverInto<S, O>(
  state: Draft<PeerState<S>>,
  txn: Txn,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const db = state.db;
  if (txn.zxid <= db.deliveredZxid) {
    observeViolation(out, "commitInconsistent", `delivering ${txn.zxid} after ${db.deliveredZxid}`);
    return state;
  }
  const config = env.config;
  const machine = config.stateMachine;
  const applied = txn.zxid <= db.appliedZxid;
  const data = applied ? db.data : applyAndHandOver(db.data, txn, env);
  // After a restart the tree may be ahead of this delivery (the whole log was applied): no digest then.
  const exact = !applied || db.appliedZxid === txn.zxid;
  const digest = exact && machine.digest !== undefined ? machine.digest(data) : null;
  observeDeliver(out, txn, db.deliveredZxid, digest);
  const next = draftDb(db);
  next.data = data;
  next.appliedZxid = applied ? db.appliedZxid : txn.zxid;
  next.deliveredZxid = txn.zxid;
  next.sinceSnapshot = db.sinceSnapshot + 1;
  const waiting = txn.origin === state.self ? state.clientRequests : NO_REQUESTS;
  const answered = waiting.includes(txn.requestId);
  if (answered) {
    out.push({
      kind: "reply",
      requestId: txn.requestId,
      type: "ok",
      value: txn.value,
      fields: { zxid: txn.zxid, server: state.self },
    });
  }
  state.db = maybeSnapshot(next, config.snapCount, machine, out);
  if (answered) state.clientRequests = withoutRequest(waiting, txn.requestId);
  return state;
}

const NO_REQUESTS: readonly number[] = [];

/** Applies a delivered txn; its outputs go to the host, in zxid order. */
function applyAndHandOver<S, O>(data: S, txn: Txn, env: Env<S, O>): S {
  const applied = env.config.stateMachine.apply(data, txn);
  for (const output of applied.outputs) env.outputs.push(output);
  return applied.state;
}

/** Requests are answered mostly in the order they arrived, so the answered one is usually the first. */
function withoutRequest(requests: readonly number[], requestId: number): readonly number[] {
  return requests[0] === requestId ? requests.slice(1) : requests.filter((r) => r !== requestId);
}

/**
 * Applies a txn to the tree without delivering it (`ZKDatabase.processTxn` during sync). Its outputs are
 * dropped: the host serves no clients outside BROADCAST, and the delivery at UPTODATE does not apply it again.
 */
export function applyOnly<S, O>(state: PeerState<S>, txn: Txn, env: Env<S, O>): PeerState<S> {
  const db = state.db;
  if (txn.zxid <= db.appliedZxid) return state;
  const data = env.config.stateMachine.apply(db.data, txn).state;
  return { ...state, db: { ...db, data, appliedZxid: txn.zxid } };
}

/** Delivers every logged txn after `deliveredZxid` up to and including `zxid`, in log order. */
export function deliverLoggedUpTo<S, O>(
  state: PeerState<S>,
  zxid: number,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  let next = state;
  const log = state.db.log;
  for (let i = indexAfter(log, state.db.deliveredZxid); i < log.length; i++) {
    const txn = txnAt(log, i);
    if (txn === undefined || txn.zxid > zxid) break;
    next = deliverTxn(next, txn, env, out);
  }
  return next;
}

/** Answers every client write waiting here as indeterminate: it may or may not commit later. */
export function abandonClientRequests<S>(state: PeerState<S>, out: Out): PeerState<S> {
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
