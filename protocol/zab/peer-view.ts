// Views of a peer's state for people (the replay UI): a one-line summary (role, epochs, last logged and
// committed zxid) and the whole state as plain data, with the structurally shared log and queues unfolded
// into the entries this version actually holds. Pure functions of the state; nothing here steps the peer.
import type { Json } from "../../sim/api/index.js";
import type { Txn } from "./messages.js";
import { queueItems, queueSize } from "./shared-queue.js";
import type { Db, LeaderState, LearnerState, PeerState } from "./state.js";
import { lastTxn, logSlice } from "./txn-log.js";
import { formatZxid } from "./zxid.js";

export interface PeerSummary {
  readonly role: string;
  readonly zabState: string;
  readonly acceptedEpoch: number;
  readonly currentEpoch: number;
  /** The newest zxid in the txn log (synced or not), or the log's base when it is empty. */
  readonly lastLoggedZxid: number;
  /** The newest zxid this peer knows to be committed (delivered). */
  readonly committedZxid: number;
  /** Whom this peer follows, or itself when leading; null while looking. */
  readonly leader: string | null;
  /** Proposals waiting for a quorum (leader) or for COMMIT (learner). */
  readonly pending: number;
}

export function summarizePeer<S>(state: PeerState<S>): PeerSummary {
  const leader = state.leader !== null ? state.self : (state.learner?.leader ?? null);
  const pending =
    state.leader !== null
      ? queueSize(state.leader.outstanding)
      : state.learner !== null
        ? queueSize(state.learner.pending)
        : 0;
  return {
    role: state.role,
    zabState: state.zabState,
    acceptedEpoch: state.acceptedEpoch,
    currentEpoch: state.currentEpoch,
    lastLoggedZxid: lastTxn(state.db.log)?.zxid ?? state.db.logBaseZxid,
    committedZxid: state.db.deliveredZxid,
    leader,
    pending,
  };
}

/**
 * A view for the replay's detail pane: plain data, shown as the TUI shows any value. Not Json: the state
 * machine's state (`db.data`) is whatever the machine keeps (the ZooKeeper database holds Maps).
 */
export type PeerStateView = { readonly [field: string]: unknown };

/** The whole state as plain data: zxids in hex, the log as its entries (the newest `logTail` of them). */
export function peerStateView<S>(state: PeerState<S>, logTail = 12): PeerStateView {
  return {
    self: state.self,
    role: state.role,
    zabState: state.zabState,
    session: state.session,
    acceptedEpoch: state.acceptedEpoch,
    currentEpoch: state.currentEpoch,
    logicalclock: state.logicalclock,
    currentVote: { ...state.currentVote, zxid: formatZxid(state.currentVote.zxid) },
    db: dbView(state.db, logTail),
    election: state.election,
    leader: state.leader === null ? null : leaderView(state.leader),
    learner: state.learner === null ? null : learnerView(state.learner),
    backlog: state.backlog.length,
    clientRequests: [...state.clientRequests],
    fsyncWaits: state.fsyncWaits,
    logSync: { ...state.logSync },
  };
}

function txnView(txn: Txn): Json {
  return `${formatZxid(txn.zxid)}=${JSON.stringify(txn.value)}`;
}

function dbView<S>(db: Db<S>, logTail: number): PeerStateView {
  const from = Math.max(0, db.log.length - logTail);
  return {
    logLength: db.log.length,
    logBaseZxid: formatZxid(db.logBaseZxid),
    logTail: logSlice(db.log, from).map(txnView),
    snapshots: db.snapshots.map((s) => formatZxid(s.zxid)),
    appliedZxid: formatZxid(db.appliedZxid),
    deliveredZxid: formatZxid(db.deliveredZxid),
    data: db.data,
  };
}

function leaderView(leader: LeaderState): PeerStateView {
  return {
    epoch: leader.epoch,
    epochDurable: leader.epochDurable,
    connecting: { ...leader.connecting },
    epochAcks: [...leader.epochAcks],
    newLeaderAcks: [...leader.newLeaderAcks],
    learners: leader.learners,
    lastProposed: formatZxid(leader.lastProposed),
    outstanding: queueItems(leader.outstanding).map((o) => txnView(o.txn)),
    ackedUpTo: leader.ackedUpTo.map(formatZxid),
    tick: leader.tick,
  };
}

function learnerView(learner: LearnerState): PeerStateView {
  return {
    leader: learner.leader,
    observer: learner.observer,
    epoch: learner.epoch,
    lastHeardUs: learner.lastHeardUs,
    syncMode: learner.syncMode,
    syncTxns: learner.syncTxns.map(txnView),
    syncCommitted: learner.syncCommitted.map(formatZxid),
    newLeaderSeen: learner.newLeaderSeen,
    synced: learner.synced.map(txnView),
    pending: queueItems(learner.pending).map(txnView),
  };
}
