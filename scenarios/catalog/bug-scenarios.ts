// Scenarios shaped to expose the planted bugs (protocol/planted-bugs): three servers, a fast write load, and the
// fault mix that makes each bug's trigger likely — still drawn at random from the seed, never scripted. They
// pass without the bug; `zabsim run SCENARIO --bug ID` finds it.
import type { BugId } from "../../protocol/planted-bugs/index.js";
import type { ScenarioInput } from "../schema/index.js";

const THREE_SERVERS = { servers: 3, observers: 0 } as const;
const FAST_CLIENTS = { count: 3, everyMs: 150 } as const;

export const BUG_SCENARIOS: readonly ScenarioInput[] = [
  {
    name: "crash-loop",
    description: "3 servers in a fast crash loop, up to two down at once",
    cluster: THREE_SERVERS,
    clients: FAST_CLIENTS,
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["crash"],
      intensity: { meanGapMs: 200, meanDurationMs: 300 },
      maxDown: 2,
    },
  },
  {
    name: "flapping-slow-disk",
    description: "3 servers crash again while they sync, on a slow disk (fsyncs up to 300 ms)",
    cluster: THREE_SERVERS,
    clients: FAST_CLIENTS,
    // Fsyncs as slow as a loaded disk's keep a synced learner's writes in flight for a while after NEWLEADER,
    // and a flap within 400 ms of a restart lands in them: the windows of ZOOKEEPER-4643, -4785, -2354, -1653.
    network: { fsyncMaxMs: 300 },
    durationMs: 20_000,
    nemesis: {
      kind: "generator",
      faults: ["crash"],
      intensity: { meanGapMs: 200, meanDurationMs: 300 },
      maxDown: 2,
      flapMs: 400,
    },
  },
  {
    name: "lossy-commits",
    description: "3 servers lose COMMITs to partitions, link loss and resets, and crash",
    cluster: THREE_SERVERS,
    clients: FAST_CLIENTS,
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["partition-halves", "partition-isolate", "link-loss", "link-reset", "crash"],
      intensity: { meanGapMs: 300, meanDurationMs: 1_500 },
    },
  },
  {
    name: "partition-crash",
    description: "3 servers under partitions and leader crashes after partial acks",
    cluster: THREE_SERVERS,
    clients: FAST_CLIENTS,
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["partition-halves", "partition-isolate-leader", "crash", "crash-leader"],
      intensity: { meanGapMs: 500, meanDurationMs: 1_500 },
    },
  },
  {
    name: "flaky-links-stalling-disk",
    description:
      "3 servers whose connections flap while log flushes stall (up to 300 ms fsyncs) under a fast write load",
    cluster: THREE_SERVERS,
    clients: { count: 3, everyMs: 30 },
    network: { fsyncMaxMs: 300 },
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["link-reset"],
      intensity: { meanGapMs: 300, meanDurationMs: 1_500 },
    },
  },
  {
    name: "crash-rejoin",
    description:
      "3 servers crash and rejoin one at a time; each rejoins with txns it missed to sync",
    cluster: THREE_SERVERS,
    clients: FAST_CLIENTS,
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["crash"],
      intensity: { meanGapMs: 500, meanDurationMs: 1_500 },
      maxDown: 1,
    },
  },
  {
    name: "jittery-link-resets",
    description:
      "3 servers on a jittery network (up to 30 ms per message) whose connections flap, some during a DIFF sync",
    cluster: THREE_SERVERS,
    // A window large enough that a follower dropped for a while is DIFFed, not SNAPped.
    zookeeper: { committedLogCount: 500 },
    // A sync's packets leave at once; jitter spreads their arrival, so a flap can fall between DIFF and NEWLEADER.
    network: { latencyMaxMs: 30 },
    clients: { count: 3, everyMs: 60 },
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["link-reset"],
      intensity: { meanGapMs: 200, meanDurationMs: 1_500 },
    },
  },
  {
    name: "leader-churn",
    description:
      "3 servers whose leader is cut off or paused every few hundred ms, under a slow write load",
    cluster: THREE_SERVERS,
    // A short initLimit (200 ms): a leader that waits out its epoch quorum is LEADING for less time, so the
    // leader-targeted faults below less often cut off (and so unblock) one that refused its followers.
    zookeeper: { initLimit: 2 },
    // Slow writes leave a new epoch without txns for a while: a peer's currentEpoch is then ahead of its log.
    clients: { count: 3, everyMs: 600 },
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      // Not power loss: a currentEpoch whose rename has not reached the disk yet would be lost with it, and
      // the peers whose epoch is ahead of their log are what this scenario is about.
      faults: ["partition-isolate-leader", "pause-leader"],
      intensity: { meanGapMs: 200, meanDurationMs: 400 },
    },
  },
  {
    name: "power-loss-churn",
    description:
      "3 servers whose leader is cut off every few hundred ms while any server may lose power, under a slow write load",
    cluster: THREE_SERVERS,
    // Slow writes leave a new epoch without a txn, so no fsync follows its currentEpoch's rename for a while.
    clients: { count: 3, everyMs: 600 },
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["partition-isolate-leader", "crash"],
      intensity: { meanGapMs: 200, meanDurationMs: 400 },
    },
  },
  {
    name: "trunc-power-loss",
    description:
      "hunt (issue 18): a follower dropped with proposals its leader has not committed is TRUNCated on return and may lose power (unsynced writes lost) right after syncing, as may the leader",
    cluster: THREE_SERVERS,
    // A stalling disk keeps proposals outstanding at the leader: a follower that logged them is TRUNCated.
    network: { fsyncMaxMs: 300 },
    clients: { count: 3, everyMs: 30 },
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["link-reset", "crash", "crash-leader"],
      intensity: { meanGapMs: 250, meanDurationMs: 800 },
      maxDown: 2,
    },
  },
  {
    name: "disk-errors-crashes",
    description:
      "3 servers whose fsyncs fail now and then (transient write errors) while they crash and restart, on a slow disk",
    cluster: THREE_SERVERS,
    clients: { count: 3, everyMs: 50 },
    // Slow flushes: COMMITs from the other two reach a server before its own flush of the txn fails.
    network: { fsyncMaxMs: 50 },
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["disk-error", "crash"],
      intensity: { meanGapMs: 300, meanDurationMs: 600 },
      maxDown: 1,
    },
  },
  {
    name: "leader-pauses-expire-sessions",
    description:
      "ZooKeeper: the leader stops (GC pauses) past 300 ms sessions while clients create ephemerals",
    system: "zookeeper",
    cluster: THREE_SERVERS,
    // Sessions of 3 ticks expire at the resumed leader before the touches queued behind its tick are read;
    // the ephemeral creates queued with them reach prep after the closeSessions.
    zookeeper: { tickTimeMs: 100, sessionTimeoutMs: 300 },
    clients: {
      count: 3,
      everyMs: 100,
      keys: 2,
      // No deletes: an ephemeral that outlives its session stays to the end, where the sessions check reads it.
      mix: { create: 1, createEphemeral: 2, createSequential: 2, getData: 1 },
    },
    durationMs: 10_000,
    recoveryMs: 5_000,
    nemesis: {
      kind: "generator",
      faults: ["pause-leader"],
      intensity: { meanGapMs: 1_500, meanDurationMs: 400 },
    },
    // A paused leader leaves hundreds of writes unanswered: more placements than the consistency check judges.
    checks: ["sessions", "zab-invariants", "liveness"],
  },
];

/** The scenario that exposes each planted bug; a bug added to protocol/ has none until one is measured. */
export const BUG_EXPOSED_BY: { readonly [B in BugId]?: string } = {
  "ZOOKEEPER-3911": "crash-loop",
  "ZOOKEEPER-4643": "flapping-slow-disk",
  // A follower ACKs NEWLEADER while its DIFFed txns wait for a slow flush, and crashes before it completes.
  "ZOOKEEPER-4785": "flapping-slow-disk",
  "ZOOKEEPER-2845": "lossy-commits",
  "commit-without-quorum": "partition-crash",
  // A leader cut off with uncommitted txns rejoins inside the new leader's committed-log window.
  "ZOOKEEPER-1154": "isolate-leader",
  // A follower dropped with PROPOSALs queued behind a stalled flush is TRUNCated; the old writer appends them.
  "ZOOKEEPER-4712": "flaky-links-stalling-disk",
  // A rejoining follower ACKs its DIFFed txns before NEWLEADER; the handler takes that for the NEWLEADER ACK.
  "ZOOKEEPER-4685": "crash-rejoin",
  // A flap between DIFF and NEWLEADER: the follower rejoins claiming the DIFF target it never reached.
  "ZOOKEEPER-2355": "jittery-link-resets",
  // A new epoch's leader fails before its first txn: a longer old-epoch log wins FLE; both followers of the
  // newer epoch are more recent, each refused by its LearnerHandler, so it waits out initLimit, again and again.
  "fle-zxid-before-epoch": "leader-churn",
  // Equivalent in this model (protocol/zab/out-of-order-commit.ts): its sweep checks that nothing changes.
  "out-of-order-commit": "partition-crash",
  // Slow fsyncs widen the window between NEWLEADER's history fsync and currentEpoch's; a crash falls in it.
  // A power loss undoes a new epoch's unsynced currentEpoch rename; an older history then wins FLE.
  "lost-epoch-rename": "power-loss-churn",
  "ZOOKEEPER-2354": "flapping-slow-disk",
  "ZOOKEEPER-1653": "flapping-slow-disk",
  // A write error on a rejoining server's first fsync, its acceptedEpoch; a later crash and restart.
  "ZOOKEEPER-2307": "disk-errors-crashes",
  // A write error on a txn-log flush whose txns were committed in memory meanwhile.
  "ZOOKEEPER-4882": "disk-errors-crashes",
  // The resumed leader expires the sessions, then preps the ephemeral creates queued behind its tick.
  "ZOOKEEPER-1208": "leader-pauses-expire-sessions",
  // Equivalent in this model (no COMMIT between TRUNC and NEWLEADER): its sweep checks that nothing changes.
  "ZOOKEEPER-5094": "crash-rejoin",
  // Every watch a read leaves is raced by the writes of the other clients.
  "reply-before-watch": "zk-no-faults",
};
