// Broadcast (reference §4.5; `Leader.propose`/`processAck`/`tryToCommit`, `Follower.processPacket`,
// `Observer.processPacket`, `FollowerRequestProcessor`). The leader logs and sends PROPOSAL to every forwarding
// follower, counts its own ACK once its log write is durable, and commits strictly in zxid order once a quorum
// of voters acked; COMMIT goes to followers and INFORM (the whole txn) to observers. Followers log, fsync, then
// ACK; they forward client writes to the leader as REQUEST and answer them once delivered.
import type { ClientRequest, Json, NodeId } from "../../sim/api/index.js";
import { ackCount, recordAck } from "./acks.js";
import { hasBug } from "./bugs.js";
import { deliverInto, deliverTxn } from "./delivery.js";
import { appendTxn, lastLoggedZxid } from "./durable.js";
import { requestLogSync } from "./log-sync.js";
import type { Txn } from "./messages.js";
import { observePropose, observeViolation } from "./observe.js";
import { commitBehindHead } from "./out-of-order-commit.js";
import {
  type Draft,
  draftHandler,
  draftLeader,
  draftLearner,
  draftPeer,
  withDb,
  withLeaderState,
  withReplacedHandler,
} from "./records.js";
import { goLooking } from "./role-exit.js";
import { dequeue, enqueue, peek, queueAt, type SharedQueue } from "./shared-queue.js";
import { lastQueuedZxid, queueBehindFlush } from "./stale-log-writer.js";
import type {
  Env,
  Handler,
  LeaderState,
  LearnerState,
  Out,
  Outstanding,
  PeerState,
  SyncLimitCheck,
} from "./state.js";
import { checkAfterAck, checkAfterProposal, startedCheck } from "./sync-limit-check.js";
import {
  commitHead,
  forwardingHandlers,
  onFirstAckNotNewLeader,
  onNewLeaderAck,
} from "./synchronization.js";
import { logSlice } from "./txn-log.js";
import { COUNTER_MAX, counterOf, epochOf, nextZxid, type Zxid } from "./zxid.js";

function refuse<S>(request: ClientRequest, error: string, state: PeerState<S>, out: Out): void {
  out.push({
    kind: "reply",
    requestId: request.requestId,
    type: "fail",
    value: null,
    fields: { error, server: state.self },
  });
}

/** A client write handed to this peer: the leader proposes it; a learner forwards it as REQUEST. */
export function onClientWrite<S, O>(
  state: PeerState<S>,
  request: ClientRequest,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  if (request.f !== "write") {
    refuse(request, "unsupported-operation", state, out);
    return state;
  }
  if (state.zabState !== "BROADCAST") {
    refuse(request, "not-serving", state, out);
    return state;
  }
  const waiting = draftPeer(state);
  waiting.clientRequests = [...state.clientRequests, request.requestId];
  if (state.role === "LEADING") {
    return propose(waiting, request.value, state.self, request.requestId, env, out);
  }
  const learner = state.learner;
  if (learner === null) return state;
  out.push({
    kind: "send",
    to: learner.leader,
    msg: { type: "REQUEST", requestId: request.requestId, value: request.value },
  });
  return waiting;
}

/** A learner forwarded a client write. */
export function onForwardedRequest<S, O>(
  state: PeerState<S>,
  from: NodeId,
  requestId: number,
  value: Json,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  if (state.zabState !== "BROADCAST") return state;
  return propose(state, value, from, requestId, env, out);
}

/** `Leader.propose`: next zxid, log it, PROPOSAL to forwarding followers; my ACK comes with the fsync. */
export function propose<S, O>(
  state: PeerState<S>,
  value: Json,
  origin: NodeId,
  requestId: number,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  if (leader === null || leader.epoch === null) return state;
  if (counterOf(leader.lastProposed) >= COUNTER_MAX) {
    return goLooking(state, "zxid counter exhausted; forcing a new epoch", env, out);
  }
  const txn: Txn = { zxid: nextZxid(leader.lastProposed), value, origin, requestId };
  observePropose(out, txn, leader.epoch);
  // As ProposalRequestProcessor: PROPOSAL to the forwarding followers first, then the local log write.
  // Messages are immutable, so every follower is sent the same one.
  const proposal = { type: "PROPOSAL", txn } as const;
  let learners = leader.learners;
  for (const handler of forwardingHandlers(state)) {
    if (!handler.voter) continue;
    out.push({ kind: "send", to: handler.peer, msg: proposal });
    const check = checkAfterProposal(handler.syncCheck, txn.zxid, env.nowUs);
    if (check !== null) learners = withSyncCheck(learners, handler, check);
  }
  const db = appendTxn(state.db, txn, out);
  const entry: Outstanding = { txn };
  const outstanding = enqueue(leader.outstanding, entry);
  const proposed = draftLeader(leader);
  proposed.learners = learners;
  proposed.lastProposed = txn.zxid;
  proposed.lastProposedAtUs = env.nowUs;
  proposed.outstanding = outstanding;
  const next = draftPeer(state);
  next.db = db;
  next.leader = proposed;
  return requestLogSync(next, out);
}

/** ACK from a learner: of NEWLEADER (counter 0 of this epoch), of UPTODATE (ignored), or of a proposal. */
export function onAck<S, O>(
  state: PeerState<S>,
  from: NodeId,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  const handler = leader?.learners[from];
  if (leader === null || handler === undefined) return state;
  if (counterOf(zxid) === 0) {
    if (epochOf(zxid) !== leader.epoch) {
      observeViolation(
        out,
        "ackInconsistent",
        `NEWLEADER ACK ${zxid} from ${from} of another epoch`,
      );
      return state;
    }
    if (handler.stage !== "synced") return state;
    return onNewLeaderAck(startSyncLimitCheck(state, leader, handler), from, env, out);
  }
  // `LearnerHandler` reads the first packet after NEWLEADER as the NEWLEADER ACK (`waitForNewLeaderAck`): an
  // ACK of a proposal there is from a different zxid, logged and ignored. A correct learner never sends one.
  // `syncLimitCheck.start()` follows `waitForNewLeaderAck` either way.
  if (handler.stage === "synced") {
    const started = startSyncLimitCheck(state, leader, handler);
    return onFirstAckNotNewLeader(started, from, zxid, env, out);
  }
  const check = checkAfterAck(handler.syncCheck, leader, zxid);
  const timed = check === null ? state : withLeaderState(state, withCheck(leader, handler, check));
  if (!handler.voter) return timed;
  return addAck(timed, from, zxid, env, out);
}

function startSyncLimitCheck<S>(
  state: PeerState<S>,
  leader: LeaderState,
  handler: Handler,
): PeerState<S> {
  const check = startedCheck(handler, leader);
  if (check === null || check === handler.syncCheck) return state;
  return withLeaderState(state, withCheck(leader, handler, check));
}

function withCheck(leader: LeaderState, handler: Handler, check: SyncLimitCheck): LeaderState {
  const next = draftLeader(leader);
  next.learners = withSyncCheck(leader.learners, handler, check);
  return next;
}

function withSyncCheck(
  learners: { readonly [peer: string]: Handler },
  handler: Handler,
  check: SyncLimitCheck,
): { readonly [peer: string]: Handler } {
  const timed = draftHandler(handler);
  timed.syncCheck = check;
  return withReplacedHandler(learners, handler.peer, timed);
}

export function addAck<S, O>(
  state: PeerState<S>,
  from: NodeId,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  if (leader === null) return state;
  const head = peek(leader.outstanding);
  const offset = head === undefined ? -1 : zxid - head.txn.zxid;
  const proposal = queueAt(leader.outstanding, offset);
  if (proposal === undefined || proposal.txn.zxid !== zxid) {
    if (zxid > leader.lastProposed) {
      observeViolation(
        out,
        "ackInconsistent",
        `ACK ${zxid} from ${from} beyond ${leader.lastProposed}`,
      );
    }
    return state; // A late ACK of a committed proposal.
  }
  const ackedUpTo = recordAck(env.config, leader, from, zxid);
  if (ackedUpTo === leader.ackedUpTo) return state;
  const acked = draftLeader(leader);
  acked.ackedUpTo = ackedUpTo;
  return tryToCommit(withLeaderState(state, acked), env, out);
}

/** A quorum of voters acked; under the planted commit-without-quorum bug, any single ACK will do. */
function isCommittable<S, O>(leader: LeaderState, proposal: Outstanding, env: Env<S, O>): boolean {
  const acks = ackCount(leader, proposal.txn.zxid);
  if (hasBug(env.config, "commit-without-quorum")) return acks > 0;
  return acks * 2 > env.config.servers.length;
}

/**
 * `tryToCommit`: commit the head while it has a quorum of acks; never out of order (except under the planted
 * out-of-order-commit mutant, out-of-order-commit.ts).
 */
function tryToCommit<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  let next = state;
  for (;;) {
    const leader = next.leader;
    const head = leader === null ? undefined : peek(leader.outstanding);
    if (leader === null || head === undefined || !isCommittable(leader, head, env)) {
      if (!hasBug(env.config, "out-of-order-commit")) return next;
      return commitBehindHead(next, env, out, isCommittable);
    }
    const commit = { type: "COMMIT", zxid: head.txn.zxid } as const;
    const inform = { type: "INFORM", txn: head.txn } as const;
    for (const handler of forwardingHandlers(next)) {
      out.push({ kind: "send", to: handler.peer, msg: handler.voter ? commit : inform });
    }
    const committed = draftLeader(leader);
    committed.outstanding = dequeue(leader.outstanding);
    const peer = draftPeer(next);
    peer.leader = committed;
    next = deliverInto(peer, head.txn, env, out);
  }
}

// ---- learner side ----------------------------------------------------------------------------------

/** PROPOSAL in broadcast: log, fsync, then ACK. */
export function onProposal<S, O>(
  state: PeerState<S>,
  txn: Txn,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null || learner.observer) return state;
  const logged = lastLoggedZxid(state.db);
  const last = hasBug(env.config, "ZOOKEEPER-4712")
    ? Math.max(logged, lastQueuedZxid(state))
    : logged;
  if (txn.zxid <= last) {
    observeViolation(out, "proposalInconsistent", `PROPOSAL ${txn.zxid} not after ${last}`);
    return goLooking(state, "out-of-order PROPOSAL", env, out);
  }
  const pending = enqueue(learner.pending, txn);
  if (state.logSync.inFlight && hasBug(env.config, "ZOOKEEPER-4712")) {
    const queued = queueBehindFlush(withPending(state, learner, pending), txn);
    if (queued !== null) return queued;
  }
  const next = withPending(state, learner, pending);
  next.db = appendTxn(state.db, txn, out);
  return requestLogSync(next, out);
}

/** A fresh copy of the peer whose learner has these pending txns. */
function withPending<S>(
  state: PeerState<S>,
  learner: LearnerState,
  pending: SharedQueue<Txn>,
): Draft<PeerState<S>> {
  const next = draftLearner(learner);
  next.pending = pending;
  const peer = draftPeer(state);
  peer.learner = next;
  return peer;
}

export function onCommit<S, O>(
  state: PeerState<S>,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  return commitHead(state, zxid, env, out);
}

/** INFORM at an observer: log and deliver at once; it never votes. */
export function onInform<S, O>(
  state: PeerState<S>,
  txn: Txn,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const last = lastLoggedZxid(state.db);
  if (txn.zxid <= last) {
    observeViolation(out, "proposalInconsistent", `INFORM ${txn.zxid} not after ${last}`);
    return goLooking(state, "out-of-order INFORM", env, out);
  }
  const logged = withDb(state, appendTxn(state.db, txn, out));
  out.push({ kind: "fsync" });
  return deliverTxn(logged, txn, env, out);
}

/**
 * A group-commit log fsync covering the first `count` log entries completed: acknowledge the entries it newly
 * covers (the leader's own ACK, or ACKs to the leader), then start the next fsync if more txns were appended.
 */
export function onLogSynced<S, O>(
  state: PeerState<S>,
  count: number,
  env: Env<S, O>,
  out: Out,
  queued?: readonly Txn[],
): PeerState<S> {
  const from = state.logSync.ackedCount;
  const covered = logSlice(state.db.log, from, count);
  const synced = draftPeer(state);
  synced.logSync = { inFlight: false, ackedCount: Math.max(from, count) };
  let next: PeerState<S> = synced;
  const learner = next.learner;
  for (const txn of covered) {
    if (next.role === "LEADING") next = addAck(next, next.self, txn.zxid, env, out);
    else if (learner !== null && !learner.observer) {
      out.push({ kind: "send", to: learner.leader, msg: { type: "ACK", zxid: txn.zxid } });
    }
  }
  if (queued !== undefined) {
    // ZOOKEEPER-4712 (planted): the writer appends what queued behind this flush; the next flush covers it.
    let db = next.db;
    for (const txn of queued) db = appendTxn(db, txn, out);
    next = withDb(next, db);
  }
  return next.role === state.role ? requestLogSync(next, out) : next;
}
