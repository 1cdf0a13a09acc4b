// The ZooKeeper service scenarios (system "zookeeper"): zkServer nodes on ZAB, zkClient workload clients and
// recipe clients, judged by the ZooKeeper consistency check, the ZAB invariants, liveness, the recipes'
// properties and the session properties. Runs are short (10 s of faults, 10 s of recovery) so that a sweep of
// the default scenario stays fast.
import type { ScenarioInput } from "../schema/index.js";

const FIVE_SERVERS = { servers: 5, observers: 0 } as const;
const THREE_SERVERS = { servers: 3, observers: 0 } as const;

/** Every ZooKeeper op, reads and writes about even, over three keys. */
const MIXED_CLIENTS = {
  count: 3,
  everyMs: 300,
  keys: 3,
  mix: {
    create: 2,
    createEphemeral: 1,
    createSequential: 1,
    delete: 1.5,
    setData: 3,
    getData: 3,
    exists: 2,
    getChildren: 2,
    multi: 1,
    sync: 0.5,
  },
} as const;

/** Beside a recipe: one light workload client, so liveness has writes to judge after the faults heal. */
const ONE_WRITER = { count: 1, everyMs: 500, keys: 1, mix: { setData: 1, getData: 1 } } as const;

const SHORT = { durationMs: 10_000, recoveryMs: 10_000 } as const;

type Nemesis = NonNullable<ScenarioInput["nemesis"]>;

/** Server faults a recipe must survive: crashes, pauses and partitions of servers, never of its clients. */
const RECIPE_FAULTS: Nemesis = {
  kind: "generator",
  faults: ["crash", "crash-leader", "pause", "partition-isolate", "link-reset"],
  intensity: "low",
  maxDown: 1,
};

function zk(
  name: string,
  description: string,
  nemesis: Nemesis,
  extra: Partial<ScenarioInput> = {},
): ScenarioInput {
  return {
    name,
    description,
    system: "zookeeper",
    cluster: FIVE_SERVERS,
    clients: MIXED_CLIENTS,
    nemesis,
    ...SHORT,
    ...extra,
  };
}

function generator(faults: Extract<Nemesis, { kind: "generator" }>["faults"]): Nemesis {
  return { kind: "generator", faults, intensity: "medium" };
}

export const ZK_SCENARIOS: readonly ScenarioInput[] = [
  zk(
    "zk-mixed",
    "ZooKeeper: 5 servers, 3 clients with every op and watches, random faults (the default scenario)",
    generator([
      "partition-halves",
      "partition-isolate-leader",
      "partition-one-way",
      "crash",
      "crash-leader",
      "pause",
      "pause-leader",
      "link-reset",
      "clock-skew",
    ]),
  ),
  zk("zk-no-faults", "ZooKeeper: the mixed workload without faults", { kind: "none" }),
  zk(
    "zk-app-faults",
    "ZooKeeper: server crashes, pauses and isolation, and with --app the app's instances paused and crashed too",
    {
      kind: "generator",
      faults: ["crash", "pause", "partition-isolate"],
      intensity: "medium",
      appFaults: ["app-pause", "app-crash"],
    },
  ),
  zk(
    "zk-app-isolation",
    "ZooKeeper: server partitions and crashes, and with --app the app's instances cut off from some servers",
    {
      kind: "generator",
      faults: ["partition-isolate-leader", "partition-halves", "crash"],
      intensity: "medium",
      appFaults: ["app-isolate"],
    },
  ),
  zk(
    "zk-partitions",
    "ZooKeeper: partitions of every shape (halves, isolate, ring, bridge, one-way)",
    generator([
      "partition-halves",
      "partition-isolate",
      "partition-isolate-leader",
      "partition-majorities-ring",
      "partition-bridge",
      "partition-one-way",
    ]),
  ),
  zk("zk-leader-crash-loop", "ZooKeeper: the leader crashes again and again", {
    kind: "generator",
    faults: ["crash-leader"],
    intensity: { meanGapMs: 1_500, meanDurationMs: 1_500 },
  }),
  zk(
    "zk-pauses",
    "ZooKeeper: servers and the leader stop (GC pauses) past syncLimit",
    {
      kind: "generator",
      faults: ["pause", "pause-leader"],
      intensity: { meanGapMs: 2_000, meanDurationMs: 1_500 },
    },
    // A paused server leaves its clients' requests unanswered; a lighter load keeps those few enough for
    // the consistency check to place them all.
    { clients: { ...MIXED_CLIENTS, everyMs: 500 } },
  ),
  ...recipeScenarios(),
  lockUnfencedScenario(),
  ...lockPauseScenarios(),
];

function recipeScenarios(): ScenarioInput[] {
  const recipes = [
    ["lock", "a lock with a fenced resource: no two holders' writes interleave"],
    ["rw-lock", "a shared lock: no write section overlaps another section"],
    ["election", "leader election: one leader per term, terms increase, never two at once"],
    ["barrier", "a barrier: nobody passes while it stands"],
    [
      "double-barrier",
      "a double barrier: nobody enters before all joined, leaves before all finished",
    ],
    ["queue", "a queue: each item consumed at most once, and only if produced"],
    [
      "config",
      "a configuration node: followers never see it go backwards, and end with the last value",
    ],
    ["membership", "group membership: the monitor's last list is the group"],
    ["naming", "a naming service: no name given twice"],
  ] as const;
  return recipes.map(([recipe, what]) =>
    zk(`zk-${recipe}`, `ZooKeeper recipe: ${what}, under server faults`, RECIPE_FAULTS, {
      cluster: THREE_SERVERS,
      clients: { ...ONE_WRITER, recipes: [recipe] },
    }),
  );
}

/**
 * The lock itself, not its fence (zk-lock's fenced resource rejects a stale holder whatever the lock does):
 * an unfenced resource under server faults only. ZooKeeper's lock is exclusive while the holder's session
 * lives, and a session expires (its node deleted, a successor let in) only at a leader with a quorum,
 * when its client has reached no quorum server for a whole session timeout (2 s here: 4 s asked, clamped
 * to 20 ticks). With three servers, at most one down at a time and no client fault, a holder always
 * reaches a serving server well within it: a crashed, killed or isolated server (both ways or one-way)
 * is noticed within the detection delay or the server's syncLimit, and a crash or pause of the leader
 * makes a new leader give every session a fresh timeout (a paused leader that wakes up may still answer
 * "expired": the holder then stops, long before the new leader deletes its node). Pauses of a follower
 * are left out: a holder connected to one hears nothing for 2/3 of its session before it moves, and the
 * touches the follower holds reach the leader only when it resumes, so the session may expire as the
 * holder reconnects while it still writes. That is the hazard fencing is for (lock-pause-hazard).
 */
function lockUnfencedScenario(): ScenarioInput {
  return zk(
    "zk-lock-unfenced",
    "ZooKeeper recipe: a lock with an unfenced resource under server crashes, leader pauses and partitions (no session can expire)",
    {
      kind: "generator",
      faults: [
        "crash",
        "crash-leader",
        "kill",
        "pause-leader",
        "partition-isolate",
        "partition-isolate-leader",
        "partition-one-way",
        "link-reset",
      ],
      intensity: "medium",
      maxDown: 1,
    },
    {
      cluster: THREE_SERVERS,
      clients: { ...ONE_WRITER, recipes: [{ recipe: "lock", resource: "unfenced" }] },
    },
  );
}

/**
 * The lock hazard (reference §7): lock-1 takes the lock about 1 s after its session starts (lock-2 tries a
 * second later) and holds it for 6 s of resource writes; at 4 s it stops for 4 s, past its 1.5 s session. Its session expires, lock-2 takes the lock, and lock-1 wakes up
 * still writing. Without fencing its stale writes land among lock-2's: lock-exclusion fails, as designed.
 */
function lockPauseScenarios(): ScenarioInput[] {
  const hazard = (name: string, description: string, resource: "fenced" | "unfenced") =>
    zk(
      name,
      description,
      {
        kind: "schedule",
        ops: [{ atMs: 4_000, op: { f: "pause", node: "lock-1", durationUs: 4_000_000 } }],
      },
      {
        cluster: THREE_SERVERS,
        zookeeper: { sessionTimeoutMs: 1_500 },
        clients: {
          ...ONE_WRITER,
          recipes: [
            { recipe: "lock", clients: 2, resource, writes: 60, rounds: 1, staggerMs: 1_000 },
          ],
        },
      },
    );
  return [
    hazard(
      "lock-pause-hazard",
      "expected to FAIL lock-exclusion: a lock holder paused past its session keeps writing, unfenced",
      "unfenced",
    ),
    hazard(
      "lock-pause-fenced",
      "the same pause with the lock node's czxid as fencing token: the resource rejects the stale holder",
      "fenced",
    ),
  ];
}

/** Scenarios that demonstrate a hazard and must fail the named check; "no false alarms" sweeps skip them. */
export const EXPECTED_FAILURES: { readonly [name: string]: string } = {
  "lock-pause-hazard": "recipes",
};
