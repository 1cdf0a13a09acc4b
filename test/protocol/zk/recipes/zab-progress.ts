// Progress of the recipe clients of a finished zookeeper-system run (the recipes' liveness): once every
// fault has healed and a quorum is up for the whole recovery window, each recipe client finishes its job,
// or — for the round-based recipes, whose 10 rounds may outlast a run the faults slowed down — takes hold
// again after the faults healed.
import type { RecipeHostState } from "../../../../protocol/zk/recipes/index.js";
import { clientNodeNames, type Scenario } from "../../../../scenarios/schema/index.js";
import type { Simulation } from "../../../../sim/kernel/index.js";

/** The program phases in which a client has nothing left to do (or waits, idle, for a change). */
const SETTLED_PHASES: ReadonlySet<string> = new Set([
  "done", // lock, rw-lock, election, barrier, queue producer, config writer, naming
  "out", // double barrier: left
  "left", // membership: a member that left
  "member", // membership: a member that stays
  "idle", // queue consumer: its last listing was empty, it waits for the child watch
  "wait", // config follower: it read the node and waits for the data watch
]);

/** Notes of taking hold: a round-based client that notes one after the faults healed progressed. */
const HOLD_NOTES: ReadonlySet<string> = new Set(["acquired", "elected"]);

/** The recipe clients that neither settled nor progressed after `healedAtUs`, with why. */
export function stuckClients(sim: Simulation, scenario: Scenario, healedAtUs: number): string[] {
  const clients = clientNodeNames(scenario).filter(
    (name) => name !== "lock-resource" && !/^c\d+$/.test(name),
  );
  return clients.flatMap((name) => {
    if (sim.statusOf(name) !== "up") return [`${name} is ${sim.statusOf(name)}`];
    const program = (sim.stateOf(name) as RecipeHostState<unknown>).program as {
      readonly phase?: string;
      readonly retrying?: boolean;
    };
    // The membership monitor has no phase: it is settled when it is not retrying a listing.
    const settled =
      program.phase === undefined ? program.retrying === false : SETTLED_PHASES.has(program.phase);
    if (settled || heldAfter(sim, name, healedAtUs)) return [];
    return [`${name} ended in phase ${program.phase ?? "?"} with no hold after ${healedAtUs}us`];
  });
}

function heldAfter(sim: Simulation, client: string, healedAtUs: number): boolean {
  return sim.observations.some(
    (r) =>
      r.node === client &&
      r.timeUs > healedAtUs &&
      r.observation.kind === "recipe" &&
      HOLD_NOTES.has(String(r.observation.event)),
  );
}
