// Planted bugs (reference §6): opt-in switches that re-introduce real ZooKeeper bugs, so that the invariant
// checkers can be shown to catch them. Each entry names the JIRA, the switch, what it changes, and the
// checkers expected to report it. A peer asks `hasBug(config, id)`; with no switch on it is the fixed protocol.
import type { ZabConfig } from "./config.js";

export const BUG_IDS = [
  "ZOOKEEPER-3911",
  "ZOOKEEPER-4643",
  "ZOOKEEPER-2845",
  "ZOOKEEPER-1154",
  "commit-without-quorum",
  "ZOOKEEPER-4712",
  "ZOOKEEPER-4685",
] as const;

export type BugId = (typeof BUG_IDS)[number];

export interface PlantedBug {
  readonly id: BugId;
  /** The catalogue entry of reference §6. */
  readonly catalogue: string;
  /** The switch name of reference §6. */
  readonly switchName: string;
  readonly description: string;
  /** Invariant checkers (names in ZAB_CHECKERS) expected to report it. */
  readonly caughtBy: readonly string[];
}

export const PLANTED_BUGS: readonly PlantedBug[] = [
  {
    id: "ZOOKEEPER-3911",
    catalogue: "PB-8",
    switchName: "ackNewLeaderBeforePersist",
    description:
      "a follower applies the txns synced by DIFF in memory only (never logged) and ACKs NEWLEADER",
    caughtBy: ["LeaderLogCompleteness", "CommittedLogDurability", "Agreement"],
  },
  {
    id: "ZOOKEEPER-4643",
    catalogue: "PB-9",
    switchName: "epochBeforeLog",
    description:
      "a follower persists currentEpoch at NEWLEADER before it logs the synced txns, so it can win FLE without them",
    caughtBy: ["LeaderLogCompleteness", "CommittedLogDurability"],
  },
  {
    id: "ZOOKEEPER-2845",
    catalogue: "PB-5",
    switchName: "retainDbNoReplay",
    description:
      "on a role change without restart the applied-only tree is kept and its zxid used for election and sync (no fast-forward over the log)",
    caughtBy: ["LeaderLogCompleteness", "Agreement"],
  },
  {
    id: "ZOOKEEPER-1154",
    catalogue: "PB-2",
    switchName: "diffWithoutTrunc",
    description:
      "the leader DIFFs a follower whose last zxid is inside its committed-log window but not in it, without the TRUNC (or SNAP) of the follower's uncommitted txns",
    caughtBy: ["ReplicaAgreement"],
  },
  {
    id: "commit-without-quorum",
    catalogue: "PB-14",
    switchName: "commitWithoutQuorum",
    description:
      "the leader commits a proposal on its first ACK (its own) instead of a quorum of ACKs",
    caughtBy: ["LeaderLogCompleteness", "Agreement"],
  },
  {
    id: "ZOOKEEPER-4712",
    catalogue: "PB-11",
    switchName: "staleLogWriter",
    description:
      "a follower's log writer survives its role change: PROPOSALs queued behind an in-flight log flush are written when that flush completes, after the re-sync's TRUNC",
    caughtBy: ["LogMonotonic", "ReplicaAgreement"],
  },
  {
    id: "ZOOKEEPER-4685",
    catalogue: "PB-10",
    switchName: "ackProposalsBeforeNewLeaderAck",
    description:
      "a follower ACKs the txns it logged in sync before its NEWLEADER ACK; the leader's handler takes that first ACK as the NEWLEADER ACK, ignores it, and may give up its epoch for want of a quorum",
    caughtBy: ["ShouldNotHappen"],
  },
];

export function hasBug(config: ZabConfig, id: BugId): boolean {
  return config.bugs.includes(id);
}

export function plantedBug(id: BugId): PlantedBug {
  const bug = PLANTED_BUGS.find((b) => b.id === id);
  if (bug === undefined) throw new RangeError(`no planted bug ${id}`);
  return bug;
}
