// The built-in scenarios, one per fault type, as plain data checked by the scenario schema. Each runs the zab
// system: 5 servers, 3 clients writing every 300 ms, 15 s of faults, then 15 s of recovery for liveness.
import type { ScenarioInput } from "../schema/index.js";

const FIVE_SERVERS = { servers: 5, observers: 0 } as const;

export const FAULT_SCENARIOS: readonly ScenarioInput[] = [
  {
    name: "no-faults",
    description:
      "5 servers and 3 writing clients, no faults: elections, broadcast and liveness alone",
    cluster: FIVE_SERVERS,
    durationMs: 5_000,
    recoveryMs: 10_000,
  },
  {
    name: "all-faults",
    description: "ZAB alone: every fault kind the nemesis knows, at medium intensity",
    cluster: FIVE_SERVERS,
    nemesis: {
      kind: "generator",
      faults: [
        "partition-halves",
        "partition-isolate",
        "partition-isolate-leader",
        "partition-majorities-ring",
        "partition-bridge",
        "partition-one-way",
        "crash",
        "crash-leader",
        "kill",
        "pause",
        "pause-leader",
        "clock-skew",
        "clock-drift",
        "link-loss",
        "link-delay",
        "link-reset",
        "disk-torn",
        "disk-corrupt",
        "rolling-restart",
      ],
      intensity: "medium",
    },
  },
  generatorScenario(
    "leader-crash-loop",
    "the leader crashes again and again, restarted after a while",
    ["crash-leader"],
    { meanGapMs: 1_500, meanDurationMs: 1_500 },
  ),
  generatorScenario("partition-halves", "the servers split into two halves, again and again", [
    "partition-halves",
  ]),
  generatorScenario("isolate-leader", "the current leader is cut off from every other server", [
    "partition-isolate-leader",
  ]),
  generatorScenario(
    "majorities-ring",
    "every server sees a majority, but no two see the same one",
    ["partition-majorities-ring"],
  ),
  generatorScenario("bridge", "two halves that talk only through one bridge server", [
    "partition-bridge",
  ]),
  generatorScenario(
    "one-way-partition",
    "one server's messages are lost while it still hears the others",
    ["partition-one-way"],
  ),
  generatorScenario(
    "leader-pause",
    "the leader stops (a GC pause) for longer than syncLimit, then resumes",
    ["pause-leader"],
    { meanGapMs: 2_000, meanDurationMs: 1_500 },
  ),
  generatorScenario("clock-skew", "servers' wall clocks jump by up to 2 s and drift", [
    "clock-skew",
    "clock-drift",
  ]),
  generatorScenario(
    "flaky-connections",
    "connections break under message loss, delay spikes and resets",
    ["link-loss", "link-delay", "link-reset"],
    "high",
  ),
  {
    ...generatorScenario(
      "disk-faults",
      "torn writes at a crash and corrupted txn-log records, one server at a time",
      ["disk-torn", "disk-corrupt", "crash"],
    ),
    nemesis: {
      kind: "generator",
      faults: ["disk-torn", "disk-corrupt", "crash"],
      intensity: "medium",
      maxDown: 1,
    },
  },
  generatorScenario(
    "rolling-restarts",
    "every server is killed and restarted in turn, as in an upgrade",
    ["rolling-restart"],
    { meanGapMs: 4_000, meanDurationMs: 8_000 },
  ),
  {
    name: "swarm",
    description:
      "swarm testing: the fault kinds, their pace and the down limit are drawn from the seed",
    cluster: FIVE_SERVERS,
    nemesis: { kind: "swarm" },
  },
];

type Faults = Extract<NonNullable<ScenarioInput["nemesis"]>, { kind: "generator" }>["faults"];
type IntensityInput = Extract<
  NonNullable<ScenarioInput["nemesis"]>,
  { kind: "generator" }
>["intensity"];

function generatorScenario(
  name: string,
  description: string,
  faults: Faults,
  intensity: IntensityInput = "medium",
): ScenarioInput {
  return {
    name,
    description,
    cluster: FIVE_SERVERS,
    nemesis: { kind: "generator", faults, intensity },
  };
}
