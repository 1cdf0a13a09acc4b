// The stale-read demonstration (DESIGN.md checkers §2; reference §2: "reads are not [linearizable] (served
// locally, may be stale)"). A follower at a time is cut off from the others while clients keep reading and
// writing one znode: the cut-off server answers reads from its own tree until it notices (syncLimit ticks),
// so a read can return a value older than a write already answered elsewhere. Plain linearizability flags
// it and the ZooKeeper check passes it; in zabsim's linearizable-reads mode both pass.
import type { ScenarioInput } from "../schema/index.js";

const SERVERS = ["n1", "n2", "n3"] as const;

/**
 * The followers n1, n2, n1 cut off in turn, 1.5 s each. Three servers started together elect n3 (FLE's
 * tie-break on the highest sid), and n3 with the other follower keeps its quorum, so the leader stays.
 */
function followerIsolations(): NonNullable<ScenarioInput["nemesis"]> {
  const turns = [
    { node: "n1", startMs: 2_000 },
    { node: "n2", startMs: 5_000 },
    { node: "n1", startMs: 8_000 },
  ];
  const ops = turns.flatMap(({ node, startMs }, group) => {
    const cuts = SERVERS.filter((other) => other !== node).flatMap((other): [string, string][] => [
      [node, other],
      [other, node],
    ]);
    return [
      {
        atMs: startMs,
        group,
        op: { f: "partition-start" as const, cuts, shape: `isolate ${node}` },
      },
      { atMs: startMs + 1_500, group, op: { f: "partition-stop" as const } },
    ];
  });
  return { kind: "schedule", ops };
}

function staleRead(name: string, description: string, linearizableReads: boolean): ScenarioInput {
  return {
    name,
    description,
    system: "zookeeper",
    cluster: { servers: 3, observers: 0 },
    zookeeper: { linearizableReads },
    clients: {
      count: 6,
      everyMs: 100,
      keys: 1,
      mix: { create: 0.2, setData: 2, getData: 3 },
      watchProbability: 0,
    },
    nemesis: followerIsolations(),
    durationMs: 10_000,
    recoveryMs: 4_000,
    checks: ["zookeeper-consistency", "linearizability"],
  };
}

export const STALE_READ_SCENARIOS: readonly ScenarioInput[] = [
  staleRead(
    "zk-stale-read",
    "expected to FAIL linearizability: a server cut off by a partition keeps serving (stale) reads; the ZooKeeper check passes",
    false,
  ),
  staleRead(
    "zk-stale-read-linearizable",
    "the same partitions in the linearizable-reads mode: every read waits for a quorum, both checks pass",
    true,
  ),
];

/** The demonstration fails plain linearizability by design; "no false alarms" sweeps skip it. */
export const STALE_READ_EXPECTED_FAILURES: { readonly [name: string]: string } = {
  "zk-stale-read": "linearizability",
};
