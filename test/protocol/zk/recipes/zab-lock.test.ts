// The lock hazard on the real server (protocol/zk/server on ZAB), with the recipe programs unchanged: the
// first holder pauses past its session timeout; without fencing the resource interleaves the two
// sections, with the czxid as fencing token it rejects the stale holder.
import { describe, expect, it } from "vitest";
import { checkLockExclusion } from "../../../../protocol/zk/recipes/checks/index.js";
import { lockProgram } from "../../../../protocol/zk/recipes/index.js";
import { ms, nodeId } from "../../../../sim/api/index.js";
import { RESOURCE, setupRecipes } from "./harness.js";

function hazardOnZab(fencing: boolean) {
  const lock = (restMs: number) =>
    lockProgram({
      root: "/lock",
      resource: RESOURCE,
      writes: 60,
      writeIntervalUs: ms(100),
      ackTimeoutUs: ms(300),
      rounds: 1,
      restUs: ms(restMs),
    });
  const s = setupRecipes({
    seed: 11,
    programs: [lock(1), lock(300)],
    resource: { fencing },
    ensemble: "zab",
    sessionTimeoutMs: 1_500,
  });
  const acquired = () =>
    s.sim.observations.find(
      (r) => r.observation.kind === "recipe" && r.observation.event === "acquired",
    );
  while (acquired() === undefined && s.sim.nowUs < 20_000_000)
    s.sim.run({ untilUs: s.sim.nowUs + 100_000 });
  const first = acquired();
  expect(first).toBeDefined();
  const holder = nodeId(String(first?.observation.client));
  // Pause the first holder 0.5 s into its section for 4 s, well past its 1.5 s session.
  s.sim.schedule([
    { atUs: s.sim.nowUs + 500_000, op: { f: "pause", node: holder, durationUs: 4_000_000 } },
  ]);
  s.sim.run({ untilUs: s.sim.nowUs + 20_000_000 });
  return { s, holder };
}

describe("the lock hazard on the ZAB ensemble", () => {
  it("without fencing the stale holder's write lands after its successor's", () => {
    const { s, holder } = hazardOnZab(false);
    const violations = checkLockExclusion(s.sim.observations);
    expect(violations.map((v) => v.check)).toContain("lock-exclusion");
    expect(violations[0]?.message).toContain(`${holder} holding`);
  });

  it("with the czxid as fencing token the resource rejects it", () => {
    const { s, holder } = hazardOnZab(true);
    expect(checkLockExclusion(s.sim.observations)).toEqual([]);
    const rejected = s.sim.observations.filter(
      (r) => r.observation.kind === "resource-write" && r.observation.accepted === false,
    );
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((r) => r.observation.client === holder)).toBe(true);
  });
});
