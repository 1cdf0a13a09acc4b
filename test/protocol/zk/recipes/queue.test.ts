// The queue: producers create PERSISTENT_SEQUENTIAL items; consumers take the lowest by deleting it.
// Each item is consumed at most once, only produced items are consumed, and a quiet queue drains.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkQueue } from "../../../../protocol/zk/recipes/checks/index.js";
import { consumerProgram, producerProgram } from "../../../../protocol/zk/recipes/index.js";
import { ms } from "../../../../sim/api/index.js";
import { clientIds, clientPause, faults, partitionFault, serverFault } from "./faults.js";
import { faultSchedule, type RecipeSetup, setupRecipes } from "./harness.js";

const PRODUCER = producerProgram({ root: "/queue", items: 15, intervalUs: ms(40) });
const CONSUMER = consumerProgram({ root: "/queue" });

function consumed(s: RecipeSetup): readonly string[] {
  return s.sim.observations
    .filter((r) => r.observation.recipe === "queue" && r.observation.event === "consumed")
    .map((r) => String(r.observation.item));
}

describe("queue", () => {
  it("two producers and three consumers: all 30 items consumed, each once", () => {
    const s = setupRecipes({ programs: [PRODUCER, PRODUCER, CONSUMER, CONSUMER, CONSUMER] });
    s.sim.run({ untilUs: 10_000_000 });
    expect(checkQueue(s.sim.observations)).toEqual([]);
    expect(new Set(consumed(s)).size).toBe(30);
    expect(s.world.tree.nodes.get("/queue")?.children).toEqual([]);
  });

  const clients = clientIds(5);
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      faults(fc.oneof(serverFault(), partitionFault(clients), clientPause(clients)), {
        untilMs: 3_000,
        forMsMax: 6_000,
      }),
    ],
    { numRuns: 25 },
  )("each item consumed at most once, and only produced items", (seed, plan) => {
    const s = setupRecipes({ seed, programs: [PRODUCER, PRODUCER, CONSUMER, CONSUMER, CONSUMER] });
    s.sim.schedule(faultSchedule(plan));
    s.sim.run({ untilUs: 30_000_000 });
    expect(checkQueue(s.sim.observations)).toEqual([]);
    // Quiet again, the consumers drain the queue: every element is taken by someone.
    expect(s.world.tree.nodes.get("/queue")?.children).toEqual([]);
    expect(new Set(consumed(s)).size).toBe(30);
  });
});
