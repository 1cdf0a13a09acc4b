// How to reproduce a failing run of each protocol-level check kind from the CLI, and what its violation must
// show: `zabsim run SCENARIO --seed SEED --bug B... [--app APP] --json`. Each run is quick (a few seconds)
// and deterministic; the story tests (test/scenarios/systems/story/protocol-kinds.test.ts) run every row, and
// the terminal and browser tests drive the replay and the report from the same rows.

import type { StoryKind } from "./story-kind.js";

export type { StoryKind };

export const PROTOCOL_STORY_KINDS: readonly StoryKind[] = [
  {
    // A follower dropped mid-DIFF rejoins claiming the DIFF target: its history forks from the others'.
    kind: "zab-invariants",
    scenario: "jittery-link-resets",
    seed: 3,
    bugs: ["ZOOKEEPER-2355"],
    check: "Agreement",
    expect: {
      node: "n2",
      nearUs: 5_414_877,
      storyIncludes: ["0x1000000da", "0x1000000db", "0x200000001", "n1", "n2 following", "5.415 s"],
    },
  },
  {
    // A follower synced by DIFF never logs the txns; a later TRUNC drops a committed one.
    kind: "zab-invariants",
    scenario: "crash-loop",
    seed: 94,
    bugs: ["ZOOKEEPER-3911"],
    check: "CommittedLogDurability",
    expect: {
      node: "n1",
      nearUs: 4_349_259,
      storyIncludes: ["0x200000001", "n1", "first delivered by n2", "n2 down"],
    },
  },
  {
    // FLE prefers a longer old-epoch log; each follower of the newer epoch is refused on its own connection
    // (more recent than the leader), and the leader waits out initLimit, round after round.
    kind: "liveness",
    scenario: "leader-churn",
    seed: 1,
    bugs: ["fle-zxid-before-epoch"],
    check: "liveness",
    expect: {
      nearUs: 17_750_000,
      storyIncludes: ["healed at 10.000 s", "17.750 s", "no server was leading", "n1 looking"],
    },
  },
  {
    // lock-1 is paused past its session timeout, lock-2 takes the lock, lock-1 resumes and writes unfenced.
    kind: "recipes",
    scenario: "lock-pause-hazard",
    seed: 1,
    bugs: [],
    check: "lock-exclusion",
    expect: {
      client: "lock-1",
      node: "lock-resource",
      nearUs: 8_000_535,
      storyIncludes: [
        "lock-1 and lock-2 both held /lock",
        "0x20000000001",
        "0x10000000d",
        "0x100000005",
        "0x100000009",
        "8.089 s",
      ],
    },
  },
  {
    // Check-then-create: app-3 sees no owner and creates one while app-1 already holds the lock.
    kind: "app",
    scenario: "zk-no-faults",
    seed: 1,
    bugs: [],
    app: "examples/apps/lock-check-then-create.js",
    check: "app",
    expect: {
      client: "app-3",
      node: "app-3",
      nearUs: 1_005_300,
      storyIncludes: ["app-3", "app-1", "0x10000000a", '"acquired"'],
    },
  },
];
