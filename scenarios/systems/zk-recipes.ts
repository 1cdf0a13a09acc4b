// The scenario's recipes (reference §7) as nodes beside the workload: each recipe's clients run its program
// in a recipe host (the real client library underneath), a lock's holders write to `lock-resource`, and each
// recipe is judged by its property checker over the run's observations.
import type { ClientConfig } from "../../protocol/zk/client/index.js";
import {
  checkBarrier,
  checkConfig,
  checkDoubleBarrier,
  checkElection,
  checkLockExclusion,
  checkMembership,
  checkNaming,
  checkQueue,
  checkRwLock,
  type RecipeViolation,
  type RecordedObservation,
} from "../../protocol/zk/recipes/checks/index.js";
import {
  barrierProgram,
  configFollowerProgram,
  configWriterProgram,
  consumerProgram,
  doubleBarrierProgram,
  electionProgram,
  fencedResource,
  lockProgram,
  memberProgram,
  monitorProgram,
  namingProgram,
  producerProgram,
  type RecipeProgram,
  recipeNode,
  rwLockProgram,
} from "../../protocol/zk/recipes/index.js";
import { assertNever, ms, nodeId } from "../../sim/api/index.js";
import type { Simulation } from "../../sim/kernel/index.js";
import type { RecipeSpec } from "../schema/index.js";

/** The node a lock's holders write to (scenarios/schema's clientNodeNames names it too). */
const LOCK_RESOURCE = nodeId("lock-resource");

/** Adds the recipe's client nodes (and a lock's resource) to the simulation. */
export function addRecipeNodes(sim: Simulation, spec: RecipeSpec, config: ClientConfig): void {
  for (let j = 1; j <= spec.clients; j++) {
    sim.addNode(`${spec.recipe}-${j}`, recipeNode(config, programOf(spec, j)));
  }
  if (spec.recipe === "lock") {
    sim.addNode(LOCK_RESOURCE, fencedResource({ fencing: spec.resource === "fenced" }));
  }
}

// biome-ignore lint/suspicious/noExplicitAny: programs of different recipes have different states.
type AnyProgram = RecipeProgram<any>;

/** Client j (1-based) of the recipe. The first client of an asymmetric recipe takes the distinct role. */
function programOf(spec: RecipeSpec, j: number): AnyProgram {
  const { rounds } = spec;
  switch (spec.recipe) {
    case "lock":
      // Client j waits j·staggerMs before each attempt, so lock-1 usually takes the lock first.
      return lockProgram({
        root: "/lock",
        resource: LOCK_RESOURCE,
        writes: spec.writes,
        writeIntervalUs: ms(100),
        ackTimeoutUs: ms(300),
        rounds,
        restUs: ms(j * spec.staggerMs),
      });
    case "rw-lock":
      return rwLockProgram({
        root: "/rw",
        mode: j % 2 === 0 ? "read" : "write",
        holdUs: ms(150),
        rounds,
        restUs: ms(40),
      });
    case "election":
      return electionProgram({ root: "/election", termUs: ms(200), rounds, restUs: ms(50) });
    case "barrier":
      return j === 1
        ? barrierProgram({ path: "/barrier", role: "coordinator", afterUs: ms(2_000) })
        : barrierProgram({ path: "/barrier", role: "waiter", afterUs: ms(500) });
    case "double-barrier":
      return doubleBarrierProgram({ root: "/db", members: spec.clients, workUs: ms(300) });
    default:
      return programOfRest(spec, j);
  }
}

function programOfRest(spec: RecipeSpec, j: number): AnyProgram {
  switch (spec.recipe) {
    case "queue":
      return j === 1
        ? producerProgram({ root: "/queue", items: 5 * spec.rounds, intervalUs: ms(40) })
        : consumerProgram({ root: "/queue" });
    case "config":
      return j === 1
        ? configWriterProgram({ path: "/config", values: 3 * spec.rounds, intervalUs: ms(100) })
        : configFollowerProgram({ path: "/config" });
    case "membership":
      // The last client monitors; members alternate between staying and leaving after 1.5 s.
      if (j === spec.clients) return monitorProgram({ root: "/group" });
      return memberProgram({ root: "/group", leaveAfterUs: j % 2 === 0 ? ms(1_500) : null });
    case "naming":
      return namingProgram({ root: "/names", count: spec.rounds, intervalUs: ms(20) });
    case "lock":
    case "rw-lock":
    case "election":
    case "barrier":
    case "double-barrier":
      throw new RangeError(`${spec.recipe} is built by programOf`);
    default:
      return assertNever(spec.recipe, "recipe");
  }
}

/** The recipe's property over the run's observations. */
export function checkRecipe(
  spec: RecipeSpec,
  records: readonly RecordedObservation[],
): RecipeViolation[] {
  switch (spec.recipe) {
    case "lock":
      return checkLockExclusion(records);
    case "rw-lock":
      return checkRwLock(records);
    case "election":
      return checkElection(records);
    case "barrier":
      return checkBarrier(records);
    case "double-barrier":
      return checkDoubleBarrier(records, spec.clients);
    case "queue":
      return checkQueue(records);
    case "config":
      return checkConfig(records, { quiescent: true });
    case "membership":
      return checkMembership(records);
    case "naming":
      return checkNaming(records);
    default:
      return assertNever(spec.recipe, "recipe");
  }
}
