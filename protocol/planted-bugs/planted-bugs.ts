// The catalogue of planted bugs (reference §6): opt-in switches that re-introduce real ZooKeeper bugs, and a few
// synthetic mutants, so that the checks can be shown to catch them. One registry for both layers: a `zab` bug is
// a switch of the ZAB peer (protocol/zab, `hasBug`), a `server` bug one of the ZooKeeper server
// (protocol/zk/server, `hasServerBug`). With no switch on, every layer is the fixed protocol.

/** Switches of the ZAB peer (protocol/zab). */
export const ZAB_BUG_IDS = [
  "ZOOKEEPER-3911",
  "ZOOKEEPER-4643",
  "ZOOKEEPER-2845",
  "ZOOKEEPER-1154",
  "commit-without-quorum",
  "ZOOKEEPER-4712",
  "ZOOKEEPER-4685",
  "ZOOKEEPER-2355",
  "out-of-order-commit",
  "fle-zxid-before-epoch",
  "ZOOKEEPER-5094",
  "ZOOKEEPER-4785",
  "ZOOKEEPER-2354",
  "ZOOKEEPER-1653",
  "ZOOKEEPER-2307",
  "ZOOKEEPER-4882",
  "lost-epoch-rename",
] as const;

/** Switches of the ZooKeeper server (protocol/zk/server); they need the zookeeper system. */
export const SERVER_BUG_IDS = ["ZOOKEEPER-1208", "reply-before-watch"] as const;

export const BUG_IDS = [...ZAB_BUG_IDS, ...SERVER_BUG_IDS] as const;

export type ZabBugId = (typeof ZAB_BUG_IDS)[number];
export type ServerBugId = (typeof SERVER_BUG_IDS)[number];
export type BugId = (typeof BUG_IDS)[number];

export type BugLayer = "zab" | "server";

export interface PlantedBug {
  readonly id: BugId;
  readonly layer: BugLayer;
  /** The catalogue entry of reference §6 (PB-n), or `synthetic`. */
  readonly catalogue: string;
  /** The switch name of reference §6. */
  readonly switchName: string;
  readonly description: string;
  /**
   * The checks expected to report it, by the name a violation carries: a ZAB invariant (ZAB_CHECKERS), a
   * session property (`EphemeralOwnerAlive`), a ZooKeeper consistency rule (`watch-order`) or `liveness`.
   */
  readonly caughtBy: readonly string[];
  /**
   * Set for an equivalent mutant: why no run of this model can tell it from the fixed protocol. Its sweep
   * then checks that the trace stays the same with the switch on, instead of looking for a violation.
   */
  readonly equivalent?: string;
}

export const PLANTED_BUGS: readonly PlantedBug[] = [
  {
    id: "ZOOKEEPER-3911",
    layer: "zab",
    catalogue: "PB-8",
    switchName: "ackNewLeaderBeforePersist",
    description:
      "a follower applies the txns synced by DIFF in memory only (never logged) and ACKs NEWLEADER",
    caughtBy: ["LeaderLogCompleteness", "CommittedLogDurability", "Agreement"],
  },
  {
    id: "ZOOKEEPER-4643",
    layer: "zab",
    catalogue: "PB-9",
    switchName: "epochBeforeLog",
    description:
      "a follower persists currentEpoch at NEWLEADER before it logs the synced txns, so it can win FLE without them",
    caughtBy: ["LeaderLogCompleteness", "CommittedLogDurability"],
  },
  {
    id: "ZOOKEEPER-2845",
    layer: "zab",
    catalogue: "PB-5",
    switchName: "retainDbNoReplay",
    description:
      "on a role change without restart the applied-only tree is kept and its zxid used for election and sync (no fast-forward over the log)",
    caughtBy: ["LeaderLogCompleteness", "Agreement"],
  },
  {
    id: "ZOOKEEPER-1154",
    layer: "zab",
    catalogue: "PB-2",
    switchName: "diffWithoutTrunc",
    description:
      "the leader DIFFs a follower whose last zxid is inside its committed-log window but not in it, without the TRUNC (or SNAP) of the follower's uncommitted txns",
    caughtBy: ["ReplicaAgreement"],
  },
  {
    id: "commit-without-quorum",
    layer: "zab",
    catalogue: "PB-14",
    switchName: "commitWithoutQuorum",
    description:
      "the leader commits a proposal on its first ACK (its own) instead of a quorum of ACKs",
    caughtBy: ["LeaderLogCompleteness", "Agreement"],
  },
  {
    id: "ZOOKEEPER-4712",
    layer: "zab",
    catalogue: "PB-11",
    switchName: "staleLogWriter",
    description:
      "a follower's log writer survives its role change: PROPOSALs queued behind an in-flight log flush are written when that flush completes, after the re-sync's TRUNC",
    caughtBy: ["LogMonotonic", "ReplicaAgreement"],
  },
  {
    id: "ZOOKEEPER-4685",
    layer: "zab",
    catalogue: "PB-10",
    switchName: "ackProposalsBeforeNewLeaderAck",
    description:
      "a follower ACKs the txns it logged in sync before its NEWLEADER ACK; the leader's handler takes that first ACK as the NEWLEADER ACK, ignores it, and may give up its epoch for want of a quorum",
    caughtBy: ["ShouldNotHappen"],
  },
  {
    id: "ZOOKEEPER-2355",
    layer: "zab",
    catalogue: "PB-4",
    switchName: "earlyLastProcessed",
    description:
      "a follower takes the DIFF target as its last processed zxid when the DIFF header arrives; dropped mid-sync, it rejoins without restart reporting that zxid and never gets the txns it missed",
    caughtBy: ["ReplicaAgreement", "PrefixConsistency", "Agreement"],
  },
  {
    id: "out-of-order-commit",
    layer: "zab",
    catalogue: "PB-14",
    switchName: "outOfOrderCommit",
    description:
      "tryToCommit without its `zxid-1 still outstanding` test: any proposal with a quorum of ACKs commits, even behind an uncommitted one",
    caughtBy: ["TotalOrder", "Agreement", "ShouldNotHappen"],
    equivalent:
      "every voter logs and ACKs in zxid order on one FIFO connection and is sent every outstanding proposal, so a quorum for z+1 is never complete before z's (Leader.tryToCommit says as much)",
  },
  {
    id: "fle-zxid-before-epoch",
    layer: "zab",
    catalogue: "PB-14",
    switchName: "fleZxidBeforeEpoch",
    description:
      "FLE's totalOrderPredicate compares the last zxid before the peerEpoch, so a peer with an older epoch's longer log beats one that joined a newer epoch",
    // Here it livelocks rather than lose data: when a quorum of the others joined a newer epoch that has no
    // txn yet, each is more recent than the elected peer (its ACKEPOCH), so `waitForEpochAck` refuses it in its
    // own LearnerHandler; the peer waits out initLimit without a quorum, and is elected again. With one such
    // follower only, it is established with the others, and that follower syncs once the epoch is set.
    caughtBy: ["liveness"],
  },
  {
    id: "ZOOKEEPER-5094",
    layer: "zab",
    catalogue: "issue-18",
    switchName: "keepPartialTrunc",
    description:
      "a follower dropped between TRUNC and NEWLEADER keeps the commits it applied in memory only (Learner.shutdown clears the database for SNAP only); it rejoins reporting them and the next DIFF leaves a hole in its log (3.9.5 as released; fix proposed in PR #2459: clear for TRUNC too)",
    caughtBy: ["CommittedLogDurability", "LeaderLogCompleteness", "ReplicaAgreement", "Agreement"],
    equivalent:
      "a TRUNC's header, its pairs and NEWLEADER leave the leader in one step (synchronization.ts:syncLearner), so no COMMIT reaches a learner between TRUNC and NEWLEADER and nothing is applied in memory only; reachable once NEWLEADER is queued after startForwarding (issue 18, message order during sync)",
  },
  {
    id: "ZOOKEEPER-4785",
    layer: "zab",
    catalogue: "PB-8",
    switchName: "asyncLogAtNewLeader",
    description:
      "a follower at NEWLEADER writes currentEpoch, hands the txns synced by DIFF to the async SyncRequestProcessor and ACKs before their flush (3.9.0-3.9.1, 3.8.0-3.8.4; also filed as ZOOKEEPER-4646; fixed by 995f140, PR #2111)",
    caughtBy: ["LeaderLogCompleteness", "CommittedLogDurability", "Agreement"],
  },
  {
    id: "ZOOKEEPER-2354",
    layer: "zab",
    catalogue: "issue-18",
    switchName: "noUpdatingEpochMarker",
    description:
      "a learner crashes between making NEWLEADER's synced history durable and writing currentEpoch: without the updatingEpoch marker (3.5 to 3.9 as released; the fix, PR #1109/#1110 after 3.4's ZOOKEEPER-1653, was never merged) QuorumPeer.loadDataBase finds currentEpoch older than the last zxid and the server will not start",
    caughtBy: ["liveness"],
  },
  {
    id: "ZOOKEEPER-1653",
    layer: "zab",
    catalogue: "issue-18",
    switchName: "noEpochRecoveryAtStart",
    description:
      "3.4.5's loadDataBase: neither the updatingEpoch marker (the fix, b713620d, Learner and QuorumPeer, 3.4.6) nor the currentEpoch.tmp recovery (ZOOKEEPER-4269), so a crash after the synced history is durable and before currentEpoch's rename is durable leaves a server that will not start",
    caughtBy: ["liveness"],
  },
  {
    id: "ZOOKEEPER-2307",
    layer: "zab",
    catalogue: "issue-18",
    switchName: "epochInMemoryBeforeFile",
    description:
      "QuorumPeer.setAcceptedEpoch sets memory before writing the file (fixed by PR #1145: file first): a failed acceptedEpoch write leaves memory ahead, the learner later accepts currentEpoch for it, and after a restart acceptedEpoch < currentEpoch: the server will not start",
    caughtBy: ["liveness"],
  },
  {
    id: "lost-epoch-rename",
    layer: "zab",
    catalogue: "issue-18",
    switchName: "tmpOnlyWhenBehind",
    description:
      "QuorumPeer.loadDataBase reads currentEpoch.tmp only when the last zxid's epoch is newer than currentEpoch (3.5-3.9.5 as released): a power loss that undoes an unsynced epoch-file rename, before the new epoch has a txn, brings the server back with its older epoch; FLE ranks it below a server whose history lacks the established epoch, which TRUNCs the others to its maxCommittedLog and forks their logs (no JIRA found)",
    caughtBy: ["Agreement", "PrefixConsistency", "LeaderLogCompleteness", "CommittedLogDurability"],
  },
  {
    id: "ZOOKEEPER-4882",
    layer: "zab",
    catalogue: "issue-18",
    switchName: "treeAheadOfLogAfterWriteError",
    description:
      "after a transient txn-log write error the peer rejoins with the txns it committed in memory but never logged (fixed on master by 8a868da8, PR #2268: ZKDatabase.fastForwardDataBase refuses a tree ahead of the flushed log and it is reloaded); it is DIFFed past them, and a restart loses them",
    caughtBy: ["PrefixConsistency", "Agreement", "ReplicaAgreement"],
  },
  {
    id: "ZOOKEEPER-1208",
    layer: "server",
    catalogue: "PB-3",
    switchName: "noClosingMark",
    description:
      "closeSession prep does not mark the session closing for checkSession: a create(EPHEMERAL) of that session prepped after it passes and leaves an ephemeral owned by a dead session",
    caughtBy: ["EphemeralOwnerAlive"],
  },
  {
    id: "reply-before-watch",
    layer: "server",
    catalogue: "synthetic",
    switchName: "replyBeforeWatch",
    description:
      "a txn's client reply goes out before the watch events it fires (a client sees the new data before the event)",
    caughtBy: ["watch-order"],
  },
];

export function isServerBug(id: BugId): id is ServerBugId {
  return (SERVER_BUG_IDS as readonly string[]).includes(id);
}

export function isZabBug(id: BugId): id is ZabBugId {
  return (ZAB_BUG_IDS as readonly string[]).includes(id);
}

export function plantedBug(id: BugId): PlantedBug {
  const bug = PLANTED_BUGS.find((b) => b.id === id);
  if (bug === undefined) throw new RangeError(`no planted bug ${id}`);
  return bug;
}

/** Does a violation's check name one of the checks the bug is caught by (`name` or `name.flag`)? */
export function isCaughtBy(bug: PlantedBug, check: string): boolean {
  return bug.caughtBy.some((c) => check === c || check.startsWith(`${c}.`));
}
