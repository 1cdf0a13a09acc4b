// A peer's state: plain, readonly data. One record per role (election, leader, learner) so each phase file owns
// its own part. `session` counts role changes; fsync completions and timers of an older session are ignored.
import type { DurableView, Effect, NodeId } from "../../sim/api/index.js";
import type { ZabConfig } from "./config.js";
import type { ServerState, Txn, Vote, ZabMessage } from "./messages.js";
import type { SharedQueue } from "./shared-queue.js";
import type { Outputs } from "./state-machine.js";
import type { TxnLog } from "./txn-log.js";
import type { Zxid } from "./zxid.js";

/** `QuorumPeer.ZabState`. */
export type ZabState = "ELECTION" | "DISCOVERY" | "SYNCHRONIZATION" | "BROADCAST";

/** A snapshot held in memory: the state machine's state `S` at `zxid`. */
export interface Snapshot<S> {
  readonly zxid: Zxid;
  readonly data: S;
}

/**
 * The in-memory mirror of the disk plus the applied state (`ZKDatabase`). `log` holds every txn written to the
 * txn log since `logBaseZxid` (synced or not), oldest first. `appliedZxid` is what `data` reflects (on restart
 * the whole log is applied, as ZooKeeper does); `deliveredZxid` is what this peer knows to be committed.
 */
export interface Db<S> {
  readonly log: TxnLog;
  readonly logBaseZxid: Zxid;
  readonly snapshots: readonly Snapshot<S>[];
  readonly data: S;
  readonly appliedZxid: Zxid;
  readonly deliveredZxid: Zxid;
  /** Deliveries since the last periodic snapshot. */
  readonly sinceSnapshot: number;
  /**
   * The last processed zxid the tree claims beyond `appliedZxid` without holding the txns up to it: only the
   * planted ZOOKEEPER-2355 sets it (to a DIFF's target when the header arrives); ZXID_ZERO otherwise.
   */
  readonly claimedZxid: Zxid;
}

export type VoteEntry = Vote & { readonly electionEpoch: number; readonly state: ServerState };

export interface ElectionState {
  readonly vote: Vote;
  /** Votes of this round (`recvset`), by sender. */
  readonly recvset: { readonly [peer: string]: VoteEntry };
  /** Votes of peers that already left the election (`outofelection`). */
  readonly outofelection: { readonly [peer: string]: VoteEntry };
  readonly notTimeoutUs: number;
  readonly finalizing: boolean;
}

export type HandlerStage =
  | "info" // FOLLOWERINFO received
  | "leaderinfo" // LEADERINFO sent
  | "epoch-acked" // ACKEPOCH received, waiting for the epoch quorum
  | "synced" // sync packets, forwarded proposals and NEWLEADER queued; now forwarding
  | "newleader-acked" // ACK of NEWLEADER received
  | "uptodate"; // UPTODATE sent

/** The leader's view of one learner (`LearnerHandler`). */
export interface Handler {
  readonly peer: NodeId;
  readonly voter: boolean;
  readonly stage: HandlerStage;
  readonly acceptedEpoch: number;
  readonly lastZxid: Zxid;
  /**
   * The leader tick by which this learner must have been heard from (`tickOfNextAckDeadline`): tick +
   * initLimit + syncLimit when it connects, then tick + syncLimit at every packet once it is in broadcast.
   */
  readonly deadlineTick: number;
  /** `SyncLimitCheck`, started at the NEWLEADER ACK of a voter; null before (sync-limit-check.ts). */
  readonly syncCheck: SyncLimitCheck | null;
}

/**
 * `LearnerHandler.SyncLimitCheck`: the PROPOSAL being timed (`currentZxid`/`currentTime`; null when none is)
 * and, implicitly, the `next` one: every PROPOSAL goes to every forwarding voter, so `next` is the leader's
 * last proposal when that is above `nextAfter`, and there is none otherwise.
 */
export interface SyncLimitCheck {
  readonly current: { readonly zxid: Zxid; readonly sentAtUs: number } | null;
  readonly nextAfter: Zxid;
}

export interface Outstanding {
  readonly txn: Txn;
}

export interface LeaderState {
  /** The epoch being established, once a quorum sent FOLLOWERINFO; null before. */
  readonly epoch: number | null;
  /** The new epoch is durable in acceptedEpoch: LEADERINFO may go out. */
  readonly epochDurable: boolean;
  /** acceptedEpochs of the voters heard in discovery, self included. */
  readonly connecting: { readonly [peer: string]: number };
  readonly epochAcks: readonly NodeId[];
  readonly newLeaderAcks: readonly NodeId[];
  readonly learners: { readonly [peer: string]: Handler };
  readonly lastProposed: Zxid;
  /** When `lastProposed` was sent (the `next` of every SyncLimitCheck). */
  readonly lastProposedAtUs: number;
  /** Proposals not yet committed, in zxid order (consecutive counters of this epoch). */
  readonly outstanding: SharedQueue<Outstanding>;
  /**
   * The highest zxid of this epoch each voter (me included; by index in `config.servers`) has ACKed. A voter logs proposals in zxid order,
   * fsyncs them in order and its ACKs travel in order on one FIFO connection, and every outstanding proposal
   * reaches every forwarding follower (`startForwarding`); so its ACK of z means it logged every outstanding
   * proposal up to z, and "acked z" is `ackedUpTo[voter] >= z` — ZooKeeper's per-proposal ack sets, O(1).
   */
  readonly ackedUpTo: readonly Zxid[];
  readonly halfTicks: number;
  readonly tick: number;
}

export type SyncMode = "DIFF" | "TRUNC" | "SNAP";

export interface LearnerState {
  readonly leader: NodeId;
  readonly observer: boolean;
  /** From LEADERINFO; null before. */
  readonly epoch: number | null;
  /**
   * When the leader was last heard, to the learner tick (tickTime/2): each tick moves it to now if `heard`.
   * Marking `heard` once per tick, instead of stamping every message, keeps the per-message step cheap.
   */
  readonly lastHeardUs: number;
  /** Something arrived from the leader since the last learner tick. */
  readonly heard: boolean;
  readonly syncMode: SyncMode | null;
  /** PROPOSALs (and INFORMs) received during sync, not yet logged (`packetsNotLogged`). */
  readonly syncTxns: readonly Txn[];
  /** COMMITs received during sync (`packetsCommitted`). */
  readonly syncCommitted: readonly Zxid[];
  /** NEWLEADER processed (synced txns durable, currentEpoch persisted, or on the way). */
  readonly newLeaderSeen: boolean;
  /**
   * The history this learner holds once NEWLEADER is processed and has not delivered yet: applied to the tree
   * at NEWLEADER, delivered only at UPTODATE (the paper's COMMIT-LD), because the leader may never be
   * established.
   */
  readonly synced: readonly Txn[];
  /** Logged proposals waiting for COMMIT (`pendingTxns`), in zxid order. */
  readonly pending: SharedQueue<Txn>;
}

/** What to do when an fsync completes. */
export type FsyncAction =
  /**
   * A group-commit log fsync covering the first `count` log entries (log-sync.ts). Under the planted
   * ZOOKEEPER-4712 only, `queued` holds the PROPOSALs that arrived while it ran (`SyncRequestProcessor`'s
   * queue), written when it completes, even if the peer has changed roles meanwhile.
   */
  | { readonly kind: "log-synced"; readonly count: number; readonly queued?: readonly Txn[] }
  | { readonly kind: "leader-accepted-epoch"; readonly epoch: number }
  | { readonly kind: "leader-current-epoch"; readonly epoch: number }
  | { readonly kind: "learner-accepted-epoch"; readonly epoch: number }
  /** Under the planted ZOOKEEPER-4685 only, `ackZxids` are the txns logged at NEWLEADER, ACKed before it. */
  | {
      readonly kind: "newleader-synced";
      readonly epoch: number;
      readonly zxid: Zxid;
      readonly ackZxids?: readonly Zxid[];
    }
  | {
      readonly kind: "newleader-epoch-first";
      readonly epoch: number;
      readonly zxid: Zxid;
      /** The rename is issued; this fsync makes it durable before the synced txns are logged. */
      readonly renamed?: true;
    }
  /** Under the planted ZOOKEEPER-4785 only: currentEpoch is durable; hand the synced txns to the writer, ACK. */
  | { readonly kind: "newleader-epoch-async"; readonly epoch: number; readonly zxid: Zxid }
  | { readonly kind: "newleader-epoch"; readonly epoch: number; readonly zxid: Zxid };

export interface FsyncWait {
  readonly token: number;
  readonly session: number;
  readonly action: FsyncAction;
}

/** Group commit of the txn log (log-sync.ts). */
export interface LogSync {
  /** A log fsync of this session is running. */
  readonly inFlight: boolean;
  /** Log entries before this index need no ACK (acknowledged, or logged before BROADCAST). */
  readonly ackedCount: number;
}

/** A peer whose state machine has state `S` (the ZooKeeper database, or a register). */
export interface PeerState<S> {
  readonly self: NodeId;
  readonly role: ServerState;
  readonly zabState: ZabState;
  readonly session: number;
  /** As written to disk (durable once its fsync completes). */
  readonly acceptedEpoch: number;
  readonly currentEpoch: number;
  readonly db: Db<S>;
  readonly logicalclock: number;
  /** The vote this peer reports while not LOOKING (`QuorumPeer.getCurrentVote`). */
  readonly currentVote: Vote;
  readonly election: ElectionState | null;
  readonly leader: LeaderState | null;
  readonly learner: LearnerState | null;
  /** FOLLOWERINFO/OBSERVERINFO that reached this peer while it was still LOOKING (a listen backlog). */
  readonly backlog: readonly { readonly from: NodeId; readonly msg: ZabMessage }[];
  /** Client writes received here, waiting to be delivered (then answered). */
  readonly clientRequests: readonly number[];
  readonly nextToken: number;
  readonly fsyncWaits: readonly FsyncWait[];
  readonly logSync: LogSync;
}

/**
 * Where a transition puts its effects, in order. Transitions only append, so a host protocol that embeds the
 * peer (the ZooKeeper server) hands over its own, wider effect list and ZAB's effects land in it in place.
 */
export interface Out {
  push(...effects: Effect<ZabMessage>[]): number;
}

/**
 * What every transition may read besides the state: the configuration (with the state machine) and the
 * node's clock; and where delivery hands the state machine's outputs to the host, in zxid order, as it
 * hands effects to `Out`.
 */
export interface Env<S, O> {
  readonly config: ZabConfig<S, O>;
  readonly nowUs: number;
  readonly outputs: Outputs<O>;
  /**
   * The durable disk, read only after a failed write (write-failure.ts): what the files now hold, as
   * ZooKeeper re-reads its txn log files and reloads a cleared database. Absent in unit tests that feed steps.
   */
  readonly disk?: DurableView | undefined;
}
