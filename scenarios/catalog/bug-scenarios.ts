// Scenarios shaped to expose the planted bugs (protocol/zab/bugs.ts): three servers, a fast write load, and the
// fault mix that makes each bug's trigger likely — still drawn at random from the seed, never scripted. They
// pass without the bug; `zabsim run SCENARIO --bug ID` finds it.
import type { BugId } from "../../protocol/zab/index.js";
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
    description: "3 servers crash again while they sync, on a slow disk (50 ms fsyncs)",
    cluster: THREE_SERVERS,
    clients: FAST_CLIENTS,
    network: { fsyncMaxMs: 50 },
    durationMs: 10_000,
    nemesis: {
      kind: "generator",
      faults: ["crash"],
      intensity: { meanGapMs: 300, meanDurationMs: 400 },
      maxDown: 2,
      flapMs: 80,
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
];

/** The scenario that exposes each planted bug; a bug added to protocol/ has none until one is measured. */
export const BUG_EXPOSED_BY: { readonly [B in BugId]?: string } = {
  "ZOOKEEPER-3911": "crash-loop",
  "ZOOKEEPER-4643": "flapping-slow-disk",
  "ZOOKEEPER-2845": "lossy-commits",
  "commit-without-quorum": "partition-crash",
  // A leader cut off with uncommitted txns rejoins inside the new leader's committed-log window.
  "ZOOKEEPER-1154": "isolate-leader",
  // A follower dropped with PROPOSALs queued behind a stalled flush is TRUNCated; the old writer appends them.
  "ZOOKEEPER-4712": "flaky-links-stalling-disk",
  // A rejoining follower ACKs its DIFFed txns before NEWLEADER; the handler takes that for the NEWLEADER ACK.
  "ZOOKEEPER-4685": "crash-rejoin",
};
