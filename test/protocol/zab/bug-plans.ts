// The focused random fault schedule of each planted bug (bug-hunt.ts), with the invariant expected to catch it
// and the bound on seeds. Measured seeds to first detection are in planted-bugs.test.ts's header.
import { crashLoop, type HuntPlan, nemesis, outages } from "./bug-hunt.js";

const END_US = 10_000_000;
const FAST_DISK_US = 2_000;
const SLOW_DISK_US = 50_000;
/** A stalling disk: a log flush can outlast a follower's drop, re-election and re-sync. */
const STALLING_DISK_US = 300_000;

export interface BugCase {
  readonly plan: HuntPlan;
  /** The sweep's bound: the bug must be found within this many seeds. */
  readonly seedsMax: number;
}

export const BUG_PLANS: readonly BugCase[] = [
  {
    // Leader crashes and partitions after partial acks (PB-14).
    plan: {
      bug: "commit-without-quorum",
      servers: 3,
      invariant: "LeaderLogCompleteness",
      faults: nemesis(["partition", "crash"], END_US, 500_000),
      writeEveryUs: 50_000,
      endUs: END_US,
      fsyncMaxUs: FAST_DISK_US,
    },
    seedsMax: 10,
  },
  {
    // Lost COMMITs (partitions, link loss and resets) and crashes; others re-elect without restart (PB-5).
    plan: {
      bug: "ZOOKEEPER-2845",
      servers: 3,
      invariant: "LeaderLogCompleteness",
      faults: nemesis(["partition", "link-loss", "crash", "link-reset"], END_US, 300_000),
      writeEveryUs: 50_000,
      endUs: END_US,
      fsyncMaxUs: FAST_DISK_US,
    },
    seedsMax: 150,
  },
  {
    // A fast crash loop with up to two servers down: a leader with txns nobody else logged DIFFs them (PB-8).
    plan: {
      bug: "ZOOKEEPER-3911",
      servers: 3,
      invariant: "LeaderLogCompleteness",
      faults: (rng, nodes) =>
        crashLoop(rng, nodes, {
          endUs: END_US,
          meanGapUs: 200_000,
          meanDownUs: 300_000,
          maxDown: 2,
        }),
      writeEveryUs: 50_000,
      endUs: END_US,
      fsyncMaxUs: FAST_DISK_US,
    },
    seedsMax: 150,
  },
  {
    // Correlated outages: a leader crashed with a txn it logged alone comes back inside the new leader's
    // committed-log window and is DIFFed without the TRUNC of that txn (PB-2).
    plan: {
      bug: "ZOOKEEPER-1154",
      servers: 3,
      invariant: "ReplicaAgreement",
      faults: (rng, nodes) =>
        outages(rng, nodes, {
          endUs: END_US,
          meanGapUs: 100_000,
          spreadUs: 50_000,
          fastUs: 100_000,
          slowUs: 400_000,
        }),
      writeEveryUs: 20_000,
      endUs: END_US,
      fsyncMaxUs: FAST_DISK_US,
    },
    seedsMax: 40,
  },
  {
    // Correlated outages on a slow disk: two servers crash close together and come back one after the
    // other, so a follower crashed between its currentEpoch write and its log write can meet a peer that
    // missed that epoch, and win the election without the synced txns (PB-9).
    plan: {
      bug: "ZOOKEEPER-4643",
      servers: 3,
      invariant: "LeaderLogCompleteness",
      faults: (rng, nodes) =>
        outages(rng, nodes, {
          endUs: END_US,
          meanGapUs: 100_000,
          spreadUs: 50_000,
          fastUs: 100_000,
          slowUs: 400_000,
        }),
      writeEveryUs: 50_000,
      endUs: END_US,
      fsyncMaxUs: SLOW_DISK_US,
    },
    seedsMax: 150,
  },
  {
    // Connection flaps on a stalling disk: a follower loses its leader while PROPOSALs wait behind a slow log
    // flush, rejoins and is TRUNCated to the leader's last commit; the surviving writer then appends them (PB-11).
    plan: {
      bug: "ZOOKEEPER-4712",
      servers: 3,
      invariant: "LogMonotonic",
      faults: nemesis(["link-reset"], END_US, 300_000),
      writeEveryUs: 20_000,
      endUs: END_US,
      fsyncMaxUs: STALLING_DISK_US,
    },
    seedsMax: 10,
  },
  {
    // Crashes: a restarted follower, or a new leader's followers, are DIFFed txns they missed; they ACK those
    // txns before NEWLEADER and the leader's handler takes the first ACK for the NEWLEADER ACK (PB-10).
    plan: {
      bug: "ZOOKEEPER-4685",
      servers: 3,
      invariant: "ShouldNotHappen",
      faults: nemesis(["crash"], END_US, 500_000),
      writeEveryUs: 50_000,
      endUs: END_US,
      fsyncMaxUs: FAST_DISK_US,
    },
    seedsMax: 10,
  },
];
