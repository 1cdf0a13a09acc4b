// How to get a failing run of each ZooKeeper-level check kind and rule that a real run can break: the
// scenario, seed and planted bugs, the violation's check, and where and what its story shows. Each run is
// quick (a few seconds) and deterministic; the story tests, the terminal replay and the browser report are
// driven from this one table. The rules no planted bug breaks in a real run (read-state, the client
// protocol, a watch event that fires no watch) are covered by crafted histories in the unit tests.

import type { StoryKind } from "./story-kind.js";

export type ZkKindFixture = StoryKind;

export const ZK_KINDS: readonly ZkKindFixture[] = [
  {
    kind: "linearizability",
    scenario: "zk-stale-read",
    seed: 1,
    bugs: [],
    check: "linearizability",
    expect: {
      client: "c3",
      node: "n1",
      nearUs: 2_057_408,
      storyIncludes: [
        "c3's getData /k0 = 4000017",
        "0x10000002a",
        "0x10000002b",
        "cut off from n2, n3",
      ],
    },
  },
  {
    kind: "zookeeper-consistency/watch-order",
    scenario: "zk-no-faults",
    seed: 1,
    bugs: ["reply-before-watch"],
    check: "watch-order",
    expect: {
      client: "c1",
      node: "n1",
      nearUs: 7_460_960,
      storyIncludes: [
        "c1's create /k1",
        "NodeCreated /k1 (0x100000030)",
        "c1's exists /k1 = NONODE",
      ],
    },
  },
  {
    kind: "zookeeper-consistency/write-order",
    scenario: "zk-leader-crash-loop",
    seed: 40,
    bugs: ["ZOOKEEPER-3911"],
    check: "write-order",
    expect: {
      client: "c1",
      node: "n5",
      nearUs: 7_757_115,
      storyIncludes: ["c1's setData /k1 = 22 (0x300000005", "replaying the writes in zxid order"],
    },
  },
  {
    // The session's close, a txn the leader made on its own (no client sent it, so no history line: the
    // violation shows where the operation it conflicts with answered), at a zxid below what the session
    // had already seen: the planted bug let a server apply a close from an abandoned epoch.
    kind: "zookeeper-consistency/session-order",
    scenario: "zk-pauses",
    seed: 1,
    bugs: ["ZOOKEEPER-1154"],
    check: "session-order",
    expect: {
      client: "leader",
      node: "n4",
      nearUs: 19_760_062,
      storyIncludes: [
        "the leader's own write (0x10000000a)",
        "c1's getData /k0 = 38 (served by n4 at 0x200000043)",
        "session 0x10000000001 went back in time",
      ],
    },
  },
  {
    kind: "sessions/EphemeralOwnerAlive",
    scenario: "leader-pauses-expire-sessions",
    seed: 2,
    bugs: ["ZOOKEEPER-1208"],
    check: "EphemeralOwnerAlive",
    expect: {
      client: "c1",
      node: "n1",
      nearUs: 5_155_312,
      storyIncludes: ["/k1/s-0000000022", "session 0x10000000001", "0x200000029", "0x20000002c"],
    },
  },
];
