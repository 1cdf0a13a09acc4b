// The learner's handling of NEWLEADER (reference §4.4, `Learner.syncWithLeader`): the order in which the synced
// committed txns, currentEpoch and the ACK reach the disk and the leader. Fixed order (ZOOKEEPER-3911/4646/4643,
// PR #2152): log the txns and fsync, then persist currentEpoch and fsync, then ACK. The planted bugs change it:
//   ZOOKEEPER-3911  apply the txns in memory only (never logged, as 3.5.8's DIFF path), persist currentEpoch, ACK
//   ZOOKEEPER-4643  persist currentEpoch, fsync, then log the txns, fsync, ACK
//   ZOOKEEPER-4685  as fixed, but the logged txns are ACKed once their fsync completes, before NEWLEADER's ACK
//   ZOOKEEPER-4785  persist currentEpoch, hand every synced txn to the async log writer, ACK before its flush
import { hasBug } from "./bugs.js";
import { applyOnly } from "./delivery.js";
import { appendTxn, fsyncThen, takeSnapshot, writeEpochFile } from "./durable.js";
import type { Txn } from "./messages.js";
import { observeEpoch } from "./observe.js";
import type { Env, LearnerState, Out, PeerState } from "./state.js";
import { inconsistent } from "./synchronization.js";
import { indexAfter, logSlice } from "./txn-log.js";
import { epochOf, type Zxid } from "./zxid.js";

/** The committed prefix of the txns received in sync, and the rest. */
function splitCommitted(learner: LearnerState): { committed: Txn[]; rest: readonly Txn[] } {
  const committed: Txn[] = [];
  let rest = learner.syncTxns;
  while (rest[0] !== undefined && learner.syncCommitted.includes(rest[0].zxid)) {
    committed.push(rest[0]);
    rest = rest.slice(1);
  }
  return { committed, rest };
}

/**
 * Applies `inMemory` (txns not in the log) and every logged txn not delivered yet to the tree; they are
 * delivered at UPTODATE. Drops the committed prefix from the sync buffers.
 */
function applySynced<S, O>(
  state: PeerState<S>,
  inMemory: readonly Txn[],
  env: Env<S, O>,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null) return state;
  const { rest } = splitCommitted(learner);
  const syncCommitted = learner.syncCommitted.filter((z) => rest.some((t) => t.zxid === z));
  const log = state.db.log;
  const synced = [...logSlice(log, indexAfter(log, state.db.deliveredZxid)), ...inMemory];
  let next: PeerState<S> = {
    ...state,
    learner: { ...learner, syncTxns: rest, syncCommitted, synced },
  };
  for (const txn of synced) next = applyOnly(next, txn, env);
  return next;
}

/** Appends the committed prefix of the synced txns to the log (volatile until an fsync) and applies it. */
function logSyncedCommitted<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const learner = state.learner;
  if (learner === null) return state;
  let db = state.db;
  for (const txn of splitCommitted(learner).committed) db = appendTxn(db, txn, out);
  return applySynced({ ...state, db }, [], env);
}

/** ZOOKEEPER-3911 (planted): the committed synced txns are applied to the tree but never written to the log. */
function applySyncedInMemory<S, O>(state: PeerState<S>, env: Env<S, O>): PeerState<S> {
  const learner = state.learner;
  if (learner === null) return state;
  return applySynced(state, splitCommitted(learner).committed, env);
}

function isExpected(learner: LearnerState | null, zxid: Zxid): learner is LearnerState {
  return (
    learner !== null &&
    learner.epoch === epochOf(zxid) &&
    learner.syncMode !== null &&
    !learner.newLeaderSeen
  );
}

/** NEWLEADER: make the synced txns and currentEpoch durable (in the order above), then ACK. */
export function onNewLeader<S, O>(
  state: PeerState<S>,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (!isExpected(learner, zxid)) {
    return inconsistent(state, "stateInconsistent", `unexpected NEWLEADER ${zxid}`, env, out);
  }
  const epoch = epochOf(zxid);
  const seen: PeerState<S> = { ...state, learner: { ...learner, newLeaderSeen: true } };
  if (learner.syncMode === "SNAP" || learner.syncMode === "TRUNC") {
    return snapshotSynced(seen, learner.syncMode === "SNAP", epoch, zxid, env, out);
  }
  if (hasBug(env.config, "ZOOKEEPER-3911")) {
    return persistEpoch(applySyncedInMemory(seen, env), epoch, zxid, "newleader-epoch", out);
  }
  if (hasBug(env.config, "ZOOKEEPER-4643")) {
    return persistEpoch(seen, epoch, zxid, "newleader-epoch-first", out);
  }
  if (hasBug(env.config, "ZOOKEEPER-4785") && !learner.observer) {
    return persistEpoch(seen, epoch, zxid, "newleader-epoch-async", out);
  }
  const logged = logSyncedCommitted(seen, env, out);
  if (hasBug(env.config, "ZOOKEEPER-4685")) {
    const ackZxids = splitCommitted(learner).committed.map((t) => t.zxid);
    return fsyncThen(logged, { kind: "newleader-synced", epoch, zxid, ackZxids }, out);
  }
  return fsyncThen(logged, { kind: "newleader-synced", epoch, zxid }, out);
}

/**
 * SNAP or TRUNC (`snapshotNeeded`): the tree, with the commits applied in memory since the header, is saved by
 * `zk.takeSnapshot(syncSnapshot)`, fsynced for SNAP and not for TRUNC (`syncSnapshot` is set only by SNAP);
 * `packetsCommitted` is empty, so no log write follows. Then currentEpoch, then ACK. The history to deliver at
 * UPTODATE is the log's undelivered txns (TRUNC keeps them) and the txns applied in memory.
 */
function snapshotSynced<S, O>(
  state: PeerState<S>,
  syncSnapshot: boolean,
  epoch: number,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null) return state;
  const db = takeSnapshot(state.db, env.config.stateMachine, out);
  const logged = logSlice(
    db.log,
    indexAfter(db.log, db.deliveredZxid),
    indexAfter(db.log, db.appliedZxid),
  );
  const synced = [...logged, ...learner.synced];
  const next: PeerState<S> = { ...state, db, learner: { ...learner, synced } };
  if (syncSnapshot) return fsyncThen(next, { kind: "newleader-synced", epoch, zxid }, out);
  return persistEpoch(next, epoch, zxid, "newleader-epoch", out);
}

function persistEpoch<S>(
  state: PeerState<S>,
  epoch: number,
  zxid: Zxid,
  then: "newleader-epoch" | "newleader-epoch-first" | "newleader-epoch-async",
  out: Out,
): PeerState<S> {
  writeEpochFile("current", epoch, out);
  return fsyncThen({ ...state, currentEpoch: epoch }, { kind: then, epoch, zxid }, out);
}

/**
 * The synced txns are durable: now persist currentEpoch (never before, ZOOKEEPER-4643). Under the planted
 * ZOOKEEPER-4685 the log writer's `SendAckRequestProcessor` ACKs the txns it just logged (`ackZxids`) as soon
 * as their flush completes, before the NEWLEADER ACK, which waits for currentEpoch.
 */
export function onNewLeaderSynced<S>(
  state: PeerState<S>,
  epoch: number,
  zxid: Zxid,
  out: Out,
  ackZxids: readonly Zxid[] = [],
): PeerState<S> {
  const learner = state.learner;
  if (learner === null) return state;
  for (const acked of ackZxids) {
    out.push({ kind: "send", to: learner.leader, msg: { type: "ACK", zxid: acked } });
  }
  return persistEpoch(state, epoch, zxid, "newleader-epoch", out);
}

/** ZOOKEEPER-4643 (planted): currentEpoch is durable before the synced txns; log them now, then ACK. */
export function onNewLeaderEpochFirst<S, O>(
  state: PeerState<S>,
  epoch: number,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  if (state.learner === null) return state;
  const logged = logSyncedCommitted(state, env, out);
  return fsyncThen(logged, { kind: "newleader-epoch", epoch, zxid }, out);
}

/**
 * ZOOKEEPER-4785 (planted; also filed as ZOOKEEPER-4646): 3.9.0-3.9.1 and 3.8.0-3.8.4 write currentEpoch, then
 * hand every txn received in sync, committed or not, to the `SyncRequestProcessor` (`fzk.logRequest`), and ACK
 * NEWLEADER at once: the flush runs behind the ACK, so a crash in between loses committed txns the leader
 * counted this follower for. The txns are ACKed after UPTODATE, once a log fsync covers them. Fixed by commit
 * 995f140 (PR #2111: `appendRequest`, `getZKDatabase().commit()`, then currentEpoch, then ACK).
 */
export function onNewLeaderEpochAsync<S, O>(
  state: PeerState<S>,
  epoch: number,
  zxid: Zxid,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const logged = logSyncedCommitted(state, env, out);
  if (logged.learner === null) return state;
  let db = logged.db;
  for (const txn of logged.learner.syncTxns) db = appendTxn(db, txn, out);
  // The writer's flush, which nothing waits for.
  out.push({ kind: "fsync" });
  return onNewLeaderEpochDurable({ ...logged, db }, epoch, zxid, out);
}

/** currentEpoch (and, unless a bug is planted, the synced txns) is durable: ACK NEWLEADER. */
export function onNewLeaderEpochDurable<S>(
  state: PeerState<S>,
  epoch: number,
  zxid: Zxid,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null) return state;
  observeEpoch(out, "current", epoch);
  out.push({ kind: "send", to: learner.leader, msg: { type: "ACK", zxid } });
  return { ...state, currentVote: { ...state.currentVote, peerEpoch: epoch } };
}
