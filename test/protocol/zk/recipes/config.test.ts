// Configuration management: a writer sets /config to 1..n; followers read with a watch and read again on
// every event. Each follower sees values in write order and, once quiescent, ends with the last one.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkConfig } from "../../../../protocol/zk/recipes/checks/index.js";
import {
  configFollowerProgram,
  configWriterProgram,
} from "../../../../protocol/zk/recipes/index.js";
import { ms } from "../../../../sim/api/index.js";
import { clientIds, clientPause, faults, partitionFault, serverFault } from "./faults.js";
import { faultSchedule, setupRecipes } from "./harness.js";

const WRITER = configWriterProgram({ path: "/config", values: 30, intervalUs: ms(100) });
const FOLLOWER = configFollowerProgram({ path: "/config" });

describe("configuration management", () => {
  it("three followers see non-decreasing values and end with the last one", () => {
    const s = setupRecipes({ programs: [WRITER, FOLLOWER, FOLLOWER, FOLLOWER] });
    s.sim.run({ untilUs: 10_000_000 });
    expect(checkConfig(s.sim.observations, { quiescent: true })).toEqual([]);
    const seen = s.sim.observations.filter(
      (r) => r.observation.event === "saw" && r.observation.client === "c2",
    );
    expect(seen.at(-1)?.observation.value).toBe(30);
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
    "followers never go backwards and end with the last value, even across expired sessions",
    (seed, plan) => {
      const s = setupRecipes({ seed, programs: [WRITER, FOLLOWER, FOLLOWER, FOLLOWER] });
      s.sim.schedule(faultSchedule(plan));
      s.sim.run({ untilUs: 30_000_000 });
      expect(checkConfig(s.sim.observations, { quiescent: true })).toEqual([]);
    },
  );
});
