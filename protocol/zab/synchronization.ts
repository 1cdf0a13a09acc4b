// Synchronization (reference §4.4; leader `LearnerHandler.syncFollower`/`queueCommittedProposals`,
// `Leader.startForwarding`, `waitForNewLeaderAck`; learner `Learner.syncWithLeader`). The leader picks DIFF,
// TRUNC or SNAP from the learner's last zxid and its committed-log window, queues the (PROPOSAL, COMMIT) pairs,
// then every outstanding proposal, then NEWLEADER — in one step, so no broadcast falls in between. The learner
// makes the synced committed txns durable (fsync), then persists currentEpoch, then ACKs NEWLEADER (the order
// fixed by ZOOKEEPER-3911/4643; see newleader.ts). A quorum of those ACKs establishes the leader; UPTODATE follows.
import { type Json, micros, type NodeId } from "../../sim/api/index.js";
import { hasBug } from "./bugs.js";
import { hasQuorum, type ZabConfig } from "./config.js";
import { applyOnly, deliverInto, deliverLoggedUpTo, deliverTxn } from "./delivery.js";
import {
  appendTxn,
  lastLoggedZxid,
  loadSnapshotInMemory,
  reportedZxid,
  truncateDb,
} from "./durable.js";
import { requestLogSync, startLogSync } from "./log-sync.js";
import type { Txn, ZabMessage } from "./messages.js";
import {
  observeEstablished,
  observeState,
  observeSync,
  observeSyncPlan,
  observeViolation,
  type ViolationFlag,
} from "./observe.js";
import { draftLearner, draftPeer, withLearnerState } from "./records.js";
import { goLooking } from "./role-exit.js";
import { dequeue, peek, queueItems, queueOf } from "./shared-queue.js";
import type { Db, Env, Handler, LearnerState, Out, PeerState, SyncMode } from "./state.js";
import { LEADER_LIMIT_TIMER, LEADER_TICK_TIMER } from "./timer-names.js";
import { indexAfter, lastTxn, logSlice, txnAt } from "./txn-log.js";
import { counterOf, epochOf, makeZxid, ZXID_ZERO, type Zxid } from "./zxid.js";

/** What the leader sends a learner before NEWLEADER. */
export interface SyncPlan {
  readonly mode: SyncMode;
  /** DIFF: the leader's last committed zxid; TRUNC: the truncation point; SNAP: the snapshot's zxid. */
  readonly zxid: Zxid;
  /** Committed txns to send as (PROPOSAL, COMMIT) pairs after the header. */
  readonly txns: readonly Txn[];
  /** The last zxid the learner has once the plan is applied (`startForwarding`'s lastSeenZxid). */
  readonly lastSeenZxid: Zxid;
}

/** The leader's committed history: its whole log until it is established, then what it delivered. */
function committedZxidOf<S>(state: PeerState<S>, config: ZabConfig): Zxid {
  return state.zabState === "BROADCAST" ? state.db.deliveredZxid : reportedZxid(state, config);
}

/** `syncFollower`: DIFF, TRUNC or SNAP from the peer's last zxid and the committed-log window. */
export function planSync<S>(
  db: Db<S>,
  committedZxid: Zxid,
  peerLast: Zxid,
  windowSize: number,
  diffWithoutTrunc = false,
): SyncPlan {
  const end = indexAfter(db.log, committedZxid);
  const start = Math.max(end - windowSize, indexAfter(db.log, committedLogFloor(db)));
  const window = logSlice(db.log, start, end);
  const minZxid = window[0]?.zxid ?? committedZxid;
  const maxZxid = window[window.length - 1]?.zxid ?? committedZxid;
  const isNewEpochZxid = counterOf(peerLast) === 0;
  const snap: SyncPlan = {
    mode: "SNAP",
    zxid: committedZxid,
    txns: [],
    lastSeenZxid: committedZxid,
  };
  if (peerLast === committedZxid) {
    return { mode: "DIFF", zxid: committedZxid, txns: [], lastSeenZxid: peerLast };
  }
  if (peerLast > maxZxid && !isNewEpochZxid) {
    return { mode: "TRUNC", zxid: maxZxid, txns: [], lastSeenZxid: maxZxid };
  }
  if (peerLast < minZxid || peerLast > maxZxid) return snap;
  return walkCommittedLog(window, peerLast, isNewEpochZxid || diffWithoutTrunc, maxZxid) ?? snap;
}

/**
 * Where the committed-log window may begin: after the newest snapshot whose zxid is not a txn of the log. Such a
 * snapshot came from a SNAP sync (`deserializeSnapshot` clears the in-memory `committedLog`); the log txns before
 * it are older history with a gap up to it, which ZooKeeper never DIFFs from.
 */
function committedLogFloor<S>(db: Db<S>): Zxid {
  let floor = ZXID_ZERO;
  for (const snap of db.snapshots) {
    if (snap.zxid <= floor) continue;
    const at = indexAfter(db.log, snap.zxid) - 1;
    if (txnAt(db.log, at)?.zxid !== snap.zxid) floor = snap.zxid;
  }
  return floor;
}

/** `queueCommittedProposals`: find the peer's zxid in the window; TRUNC within an epoch, else SNAP. */
function walkCommittedLog(
  window: readonly Txn[],
  peerLast: Zxid,
  isNewEpochZxid: boolean,
  maxZxid: Zxid,
): SyncPlan | null {
  let mode: SyncMode | null = null;
  let zxid = maxZxid;
  let prevZxid: Zxid | null = null;
  const txns: Txn[] = [];
  for (const txn of window) {
    if (mode === null) {
      if (txn.zxid === peerLast) {
        mode = "DIFF";
        prevZxid = txn.zxid;
        continue;
      }
      if (txn.zxid > peerLast) {
        if (isNewEpochZxid) {
          mode = "DIFF";
        } else if (epochOf(txn.zxid) !== epochOf(peerLast) || prevZxid === null) {
          return null; // A TRUNC may not cross an epoch boundary: SNAP instead.
        } else {
          mode = "TRUNC";
          zxid = prevZxid;
        }
      }
    }
    if (mode !== null) txns.push(txn);
    prevZxid = txn.zxid;
  }
  if (mode === null) return null;
  const last = txns[txns.length - 1]?.zxid ?? (mode === "TRUNC" ? zxid : peerLast);
  return { mode, zxid, txns, lastSeenZxid: last };
}

function isForwarding(handler: Handler): boolean {
  return (
    handler.stage === "synced" ||
    handler.stage === "newleader-acked" ||
    handler.stage === "uptodate"
  );
}

/** The learners a broadcast goes to, by peer id. Called per proposal and per commit: one pass, one array. */
export function forwardingHandlers<S>(state: PeerState<S>): Handler[] {
  const learners = state.leader?.learners ?? {};
  const handlers: Handler[] = [];
  for (const peer of sortedKeys(learners)) {
    const handler = learners[peer];
    if (handler !== undefined && isForwarding(handler)) handlers.push(handler);
  }
  return handlers;
}

/** The keys in sorted order; they usually already are (learners rarely change), so check before sorting. */
function sortedKeys(record: { readonly [key: string]: unknown }): string[] {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) return keys.sort();
  }
  return keys;
}

/** Sync one learner: header, committed pairs, outstanding proposals (`startForwarding`), NEWLEADER. */
export function syncLearner<S, O>(
  state: PeerState<S>,
  peer: NodeId,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  const handler = leader?.learners[peer];
  if (leader === null || leader.epoch === null || handler?.stage !== "epoch-acked") return state;
  const committed = committedZxidOf(state, env.config);
  const plan = planSync(
    state.db,
    committed,
    handler.lastZxid,
    env.config.committedLogCount,
    hasBug(env.config, "ZOOKEEPER-1154"),
  );
  observeSyncPlan(out, peer, plan.mode, plan.zxid);
  const send = (msg: ZabMessage) => out.push({ kind: "send", to: peer, msg });
  if (plan.mode === "SNAP") {
    send({ type: "SNAP", zxid: plan.zxid, data: snapshotAt(state, env.config, plan.zxid) });
  } else {
    send({ type: plan.mode, zxid: plan.zxid });
  }
  for (const txn of plan.txns) {
    send({ type: "PROPOSAL", txn });
    send({ type: "COMMIT", zxid: txn.zxid });
  }
  if (handler.voter) {
    for (const { txn } of queueItems(leader.outstanding)) {
      if (txn.zxid > plan.lastSeenZxid) send({ type: "PROPOSAL", txn });
    }
  }
  send({ type: "NEWLEADER", zxid: makeZxid(leader.epoch, 0) });
  const synced: Handler = { ...handler, stage: "synced" };
  return { ...state, leader: { ...leader, learners: { ...leader.learners, [peer]: synced } } };
}

function snapshotAt<S>(state: PeerState<S>, config: ZabConfig, zxid: Zxid): Json {
  // Under the planted ZOOKEEPER-2355 the tree may claim `zxid` without holding it; it is serialised as it is.
  const claimed = hasBug(config, "ZOOKEEPER-2355") && state.db.claimedZxid === zxid;
  if (state.db.appliedZxid !== zxid && !claimed) {
    throw new Error(`SNAP at ${zxid} but the leader's state is at ${state.db.appliedZxid}`);
  }
  return config.stateMachine.snapshot(state.db.data);
}

/** A learner acknowledged NEWLEADER: count it, or, once established, send it UPTODATE. */
export function onNewLeaderAck<S, O>(
  state: PeerState<S>,
  peer: NodeId,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  const handler = leader?.learners[peer];
  if (leader === null || handler?.stage !== "synced") return state;
  const acked: Handler = { ...handler, stage: "newleader-acked" };
  const learners = { ...leader.learners, [peer]: acked };
  if (state.zabState === "BROADCAST") {
    return sendUptodate({ ...state, leader: { ...leader, learners } }, peer, out);
  }
  const newLeaderAcks = handler.voter ? [...leader.newLeaderAcks, peer] : leader.newLeaderAcks;
  return maybeEstablish({ ...state, leader: { ...leader, learners, newLeaderAcks } }, env, out);
}

/**
 * The first ACK after NEWLEADER is not the NEWLEADER ACK (only a learner under the planted ZOOKEEPER-4685 sends
 * one): `waitForNewLeaderAck` logs "NEWLEADER ACK ... is from a different epoch" and does not count it; the
 * handler then waits for the leader's startup and sends UPTODATE (`waitForStartup`), and the real NEWLEADER ACK
 * that follows is ignored by `processAck`. Unless the others make a quorum, the leader gives up at initLimit.
 */
export function onFirstAckNotNewLeader<S, O>(
  state: PeerState<S>,
  peer: NodeId,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  const handler = leader?.learners[peer];
  if (leader === null || leader.epoch === null || handler?.stage !== "synced") return state;
  const expected = makeZxid(leader.epoch, 0);
  observeViolation(
    out,
    "ackInconsistent",
    `NEWLEADER ACK from ${peer} is ${zxid}, not ${expected}: not counted`,
  );
  const acked: Handler = { ...handler, stage: "newleader-acked" };
  const next: PeerState<S> = {
    ...state,
    leader: { ...leader, learners: { ...leader.learners, [peer]: acked } },
  };
  return state.zabState === "BROADCAST"
    ? sendUptodate(next, peer, out)
    : maybeEstablish(next, env, out);
}

function sendUptodate<S>(state: PeerState<S>, peer: NodeId, out: Out): PeerState<S> {
  const leader = state.leader;
  const handler = leader?.learners[peer];
  if (leader === null || leader.epoch === null || handler?.stage !== "newleader-acked")
    return state;
  out.push({ kind: "send", to: peer, msg: { type: "UPTODATE", zxid: makeZxid(leader.epoch, 0) } });
  const learners = { ...leader.learners, [peer]: { ...handler, stage: "uptodate" as const } };
  return { ...state, leader: { ...leader, learners } };
}

/** A quorum (me included) acknowledged NEWLEADER: the leader is established; its history is committed. */
export function maybeEstablish<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const leader = state.leader;
  if (leader === null || leader.epoch === null || state.zabState !== "SYNCHRONIZATION")
    return state;
  if (!leader.newLeaderAcks.includes(state.self) || !hasQuorum(env.config, leader.newLeaderAcks)) {
    return state;
  }
  const history = reportedZxid(state, env.config);
  observeEstablished(out, leader.epoch, history);
  observeState(out, "LEADING", "BROADCAST");
  out.push({ kind: "cancel-timer", timer: LEADER_LIMIT_TIMER });
  out.push({
    kind: "set-timer",
    timer: LEADER_TICK_TIMER,
    afterUs: micros(Math.floor(env.config.tickTimeUs / 2)),
  });
  let next: PeerState<S> = startLogSync({ ...state, zabState: "BROADCAST" });
  next = deliverLoggedUpTo(next, history, env, out);
  for (const peer of Object.keys(leader.learners).sort()) {
    next = sendUptodate(next, peer as NodeId, out);
  }
  return next;
}

// ---- learner side ----------------------------------------------------------------------------------

/** A "should not happen" condition: report it and leave the role. */
export function inconsistent<S, O>(
  state: PeerState<S>,
  flag: ViolationFlag,
  message: string,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  observeViolation(out, flag, message);
  return goLooking(state, message, env, out);
}

function withLearner<S>(state: PeerState<S>, learner: LearnerState): PeerState<S> {
  return withLearnerState(state, learner);
}

/** DIFF, TRUNC or SNAP: how this learner's history is brought to the leader's. */
export function onSyncHeader<S, O>(
  state: PeerState<S>,
  msg: Extract<ZabMessage, { type: "DIFF" | "TRUNC" | "SNAP" }>,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null || state.zabState !== "SYNCHRONIZATION" || learner.syncMode !== null) {
    return inconsistent(
      state,
      "stateInconsistent",
      `${msg.type} outside synchronization`,
      env,
      out,
    );
  }
  observeSync(out, msg.type, learner.leader, msg.zxid, lastLoggedZxid(state.db));
  const next = withLearner(state, { ...learner, syncMode: msg.type });
  switch (msg.type) {
    case "DIFF":
      return hasBug(env.config, "ZOOKEEPER-2355") ? claimDiffTarget(next, msg.zxid) : next;
    case "TRUNC": {
      const db = truncateDb(state.db, msg.zxid, env.config.stateMachine, out);
      if (db === null) {
        return inconsistent(next, "proposalInconsistent", `cannot TRUNC to ${msg.zxid}`, env, out);
      }
      return { ...next, db };
    }
    case "SNAP": {
      const data = env.config.stateMachine.restore(msg.data);
      return { ...next, db: loadSnapshotInMemory(state.db, msg.zxid, data, out) };
    }
  }
}

/**
 * ZOOKEEPER-2355 (planted): `syncWithLeader` set lastProcessedZxid to the DIFF's zxid as soon as the header
 * arrived, before the txns that follow it were applied. If the learner leaves its role before NEWLEADER, it
 * keeps that claim (no restart reloads the tree) and reports it in the next election and sync.
 */
function claimDiffTarget<S>(state: PeerState<S>, zxid: Zxid): PeerState<S> {
  if (zxid <= state.db.claimedZxid) return state;
  return { ...state, db: { ...state.db, claimedZxid: zxid } };
}

/** A PROPOSAL (or an observer's INFORM) during sync: kept in order, logged at NEWLEADER or UPTODATE. */
export function onSyncTxn<S, O>(
  state: PeerState<S>,
  txn: Txn,
  committed: boolean,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null || learner.syncMode === null) {
    return inconsistent(state, "stateInconsistent", "sync txn before DIFF/TRUNC/SNAP", env, out);
  }
  const inMemory = Math.max(lastLoggedZxid(state.db), state.db.appliedZxid);
  const last = learner.syncTxns[learner.syncTxns.length - 1]?.zxid ?? inMemory;
  if (txn.zxid <= last) {
    return inconsistent(
      state,
      "proposalInconsistent",
      `sync PROPOSAL ${txn.zxid} after ${last}`,
      env,
      out,
    );
  }
  if (committed && appliesInMemory(learner)) return applyInSync(state, learner, txn, env);
  const syncCommitted = committed ? [...learner.syncCommitted, txn.zxid] : learner.syncCommitted;
  return withLearner(state, { ...learner, syncTxns: [...learner.syncTxns, txn], syncCommitted });
}

/**
 * SNAP and TRUNC before NEWLEADER (`snapshotNeeded`, so `!writeToTxnLog`): a COMMIT (or INFORM) is applied to
 * the in-memory tree at once (`zk.processTxn`) and saved only by the snapshot NEWLEADER takes. DIFF, and any
 * mode after NEWLEADER, keeps it in `packetsCommitted` for the log instead.
 */
function appliesInMemory(learner: LearnerState): boolean {
  return learner.syncMode !== "DIFF" && !learner.newLeaderSeen;
}

/** Applies a committed sync txn in memory; it is delivered with the synced history at UPTODATE. */
function applyInSync<S, O>(
  state: PeerState<S>,
  learner: LearnerState,
  txn: Txn,
  env: Env<S, O>,
): PeerState<S> {
  const applied = applyOnly(state, txn, env);
  const syncTxns = learner.syncTxns.filter((t) => t.zxid !== txn.zxid);
  return withLearner(applied, { ...learner, syncTxns, synced: [...learner.synced, txn] });
}

export function onSyncCommit<S, O>(
  state: PeerState<S>,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null || !learner.syncTxns.some((t) => t.zxid === zxid)) {
    return inconsistent(
      state,
      "commitInconsistent",
      `sync COMMIT ${zxid} of no proposal`,
      env,
      out,
    );
  }
  if (appliesInMemory(learner)) {
    const head = learner.syncTxns[0];
    if (head !== undefined && head.zxid === zxid) return applyInSync(state, learner, head, env);
    // `syncWithLeader` only warns: "Committing 0x.., but next proposal is 0x..".
    out.push({ kind: "log", text: `committing ${zxid}, but next proposal is ${head?.zxid}` });
    return state;
  }
  return withLearner(state, { ...learner, syncCommitted: [...learner.syncCommitted, zxid] });
}

/** UPTODATE: deliver the history synced at NEWLEADER, log the remaining proposals (acked once durable), apply the commits seen, serve. */
export function onUptodate<S, O>(
  state: PeerState<S>,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null || !learner.newLeaderSeen || state.zabState !== "SYNCHRONIZATION") {
    return inconsistent(state, "stateInconsistent", "UPTODATE before NEWLEADER", env, out);
  }
  let delivered = state;
  for (const txn of learner.synced) {
    if (txn.zxid > delivered.db.deliveredZxid) delivered = deliverTxn(delivered, txn, env, out);
  }
  let db = delivered.db;
  // Only the planted ZOOKEEPER-4785 has logged some of them already (at NEWLEADER), unacknowledged.
  const logged = lastTxn(db.log)?.zxid ?? ZXID_ZERO;
  const firstToAck = learner.syncTxns[0]?.zxid;
  const ackedCount = firstToAck === undefined ? db.log.length : indexAfter(db.log, firstToAck - 1);
  for (const txn of learner.syncTxns) if (txn.zxid > logged) db = appendTxn(db, txn, out);
  observeState(out, state.role, "BROADCAST");
  let next: PeerState<S> = {
    ...delivered,
    logSync: { inFlight: false, ackedCount },
    db,
    zabState: "BROADCAST",
    learner: {
      ...learner,
      syncTxns: [],
      syncCommitted: [],
      synced: [],
      pending: queueOf(learner.syncTxns),
    },
  };
  out.push({ kind: "send", to: learner.leader, msg: { type: "ACK", zxid } });
  if (learner.syncTxns.length > 0 && learner.observer) out.push({ kind: "fsync" });
  if (!learner.observer) next = requestLogSync(next, out);
  for (const committed of learner.syncCommitted) next = commitHead(next, committed, env, out);
  return next;
}

/** COMMIT in broadcast: the head of the pending txns must be this zxid (`FollowerZooKeeperServer.commit`). */
export function commitHead<S, O>(
  state: PeerState<S>,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  const head = learner === null ? undefined : peek(learner.pending);
  if (learner === null || head === undefined || head.zxid !== zxid) {
    const message = `committing zxid ${zxid} but next pending txn is ${head?.zxid ?? "none"}`;
    return inconsistent(state, "commitInconsistent", message, env, out);
  }
  const rest = draftLearner(learner);
  rest.pending = dequeue(learner.pending);
  const next = draftPeer(state);
  next.learner = rest;
  return deliverInto(next, head, env, out);
}
