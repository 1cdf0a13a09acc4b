// The planted bugs hunted through their exposing scenarios (planted-bugs-scenarios.test.ts): the violation
// expected, the top-level check that reports it, and the bound on seeds. Rates are in the test's header.
import type { BugId } from "../../../protocol/planted-bugs/index.js";
import type { CheckName } from "../../../scenarios/schema/index.js";

export interface ScenarioHunt {
  readonly bug: BugId;
  /** The violation's check name (a ZAB invariant, a session property, a consistency rule, liveness). */
  readonly check: string;
  /** The scenario check whose outcome carries that violation. */
  readonly holder: CheckName;
  /** The sweep's bound: the bug must be found within this many seeds. */
  readonly seedsMax: number;
}

export const SCENARIO_HUNTS: readonly ScenarioHunt[] = [
  // The resumed leader expires sessions, then preps the ephemeral creates queued behind its tick (PB-3).
  { bug: "ZOOKEEPER-1208", check: "EphemeralOwnerAlive", holder: "sessions", seedsMax: 10 },
  // A flap between DIFF and NEWLEADER; the follower rejoins claiming the DIFF target (PB-4).
  { bug: "ZOOKEEPER-2355", check: "ReplicaAgreement", holder: "zab-invariants", seedsMax: 12 },
  // A follower ACKs NEWLEADER before the flush of its DIFFed txns and crashes before it completes (PB-8).
  { bug: "ZOOKEEPER-4785", check: "LeaderLogCompleteness", holder: "zab-invariants", seedsMax: 40 },
  // A longer old-epoch log wins FLE; followers of the newer epoch refuse it, again and again (PB-14).
  { bug: "fle-zxid-before-epoch", check: "liveness", holder: "liveness", seedsMax: 40 },
  // A crash between NEWLEADER's durable history and currentEpoch, with no updatingEpoch marker: no start.
  { bug: "ZOOKEEPER-2354", check: "liveness", holder: "liveness", seedsMax: 40 },
  // The same window, with neither the marker nor the currentEpoch.tmp recovery (3.4.5).
  { bug: "ZOOKEEPER-1653", check: "liveness", holder: "liveness", seedsMax: 30 },
  // A power loss undoes a new epoch's unsynced currentEpoch rename; an older history wins FLE; TRUNC forks.
  { bug: "lost-epoch-rename", check: "PrefixConsistency", holder: "zab-invariants", seedsMax: 60 },
  // A failed acceptedEpoch write leaves memory ahead; currentEpoch follows; a restart refuses.
  { bug: "ZOOKEEPER-2307", check: "liveness", holder: "liveness", seedsMax: 10 },
  // A failed txn-log flush: the tree keeps what it committed in memory and is DIFFed past it.
  { bug: "ZOOKEEPER-4882", check: "PrefixConsistency", holder: "zab-invariants", seedsMax: 10 },
  // The reply overtakes the watch event it fired.
  { bug: "reply-before-watch", check: "watch-order", holder: "zookeeper-consistency", seedsMax: 5 },
];
