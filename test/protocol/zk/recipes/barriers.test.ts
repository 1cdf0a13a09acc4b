// The barrier (nobody passes while the barrier node stands) and the double barrier (nobody enters before
// all have joined, nobody leaves before all have finished), with their checks.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkBarrier, checkDoubleBarrier } from "../../../../protocol/zk/recipes/checks/index.js";
import { barrierProgram, doubleBarrierProgram } from "../../../../protocol/zk/recipes/index.js";
import { ms } from "../../../../sim/api/index.js";
import { clientIds, clientPause, faults, partitionFault, serverFault } from "./faults.js";
import { faultSchedule, notesOf, type RecipeSetup, setupRecipes } from "./harness.js";

const COORDINATOR = barrierProgram({ path: "/barrier", role: "coordinator", afterUs: ms(2_000) });
const WAITER = barrierProgram({ path: "/barrier", role: "waiter", afterUs: ms(500) });

function events(s: RecipeSetup, event: string): readonly string[] {
  return notesOf(s).filter((n) => n.endsWith(` ${event}`));
}

describe("barrier", () => {
  it("waiters arriving while the barrier stands pass only after it is lowered", () => {
    const s = setupRecipes({ programs: [COORDINATOR, WAITER, WAITER, WAITER] });
    s.sim.run({ untilUs: 10_000_000 });
    expect(checkBarrier(s.sim.observations)).toEqual([]);
    expect(events(s, "passed")).toHaveLength(3);
    const loweredAt = Number(events(s, "lowered")[0]?.split(" ")[0]);
    for (const pass of events(s, "passed"))
      expect(Number(pass.split(" ")[0])).toBeGreaterThan(loweredAt - 100_000);
  });

  const clients = clientIds(4);
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      faults(fc.oneof(serverFault(), partitionFault(clients), clientPause(clients)), {
        untilMs: 4_000,
        forMsMax: 6_000,
      }),
    ],
    { numRuns: 25 },
  )(
    "nobody passes while the barrier stands, and everyone passes once it is lowered",
    (seed, plan) => {
      const s = setupRecipes({ seed, programs: [COORDINATOR, WAITER, WAITER, WAITER] });
      s.sim.schedule(faultSchedule(plan));
      s.sim.run({ untilUs: 30_000_000 });
      expect(checkBarrier(s.sim.observations)).toEqual([]);
      expect(events(s, "passed")).toHaveLength(3);
    },
  );
});

const MEMBERS = 4;
const DOUBLE = doubleBarrierProgram({ root: "/db", members: MEMBERS, workUs: ms(300) });

describe("double barrier", () => {
  it("four participants enter together and leave together", () => {
    const s = setupRecipes({ programs: clientIds(MEMBERS).map(() => DOUBLE) });
    s.sim.run({ untilUs: 10_000_000 });
    expect(checkDoubleBarrier(s.sim.observations, MEMBERS)).toEqual([]);
    expect(events(s, "entered")).toHaveLength(MEMBERS);
    expect(events(s, "left")).toHaveLength(MEMBERS);
  });

  const clients = clientIds(MEMBERS);
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      faults(fc.oneof(serverFault(), partitionFault(clients)), { untilMs: 3_000, forMsMax: 1_000 }),
    ],
    { numRuns: 25 },
  )("nobody enters before all joined and nobody leaves before all finished", (seed, plan) => {
    const s = setupRecipes({ seed, programs: clients.map(() => DOUBLE) });
    s.sim.schedule(faultSchedule(plan));
    s.sim.run({ untilUs: 30_000_000 });
    expect(checkDoubleBarrier(s.sim.observations, MEMBERS)).toEqual([]);
    expect(events(s, "left")).toHaveLength(MEMBERS);
  });
});
