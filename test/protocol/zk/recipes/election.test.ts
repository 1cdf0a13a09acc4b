// Reference §7 "Leader election": the lowest EPHEMERAL_SEQUENTIAL node leads, the others watch their
// predecessor. Leaders resign after a term; every client leads in turn, one at a time.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkElection } from "../../../../protocol/zk/recipes/checks/index.js";
import { electionProgram } from "../../../../protocol/zk/recipes/index.js";
import { ms, nodeId } from "../../../../sim/api/index.js";
import { clientIds, clientPause, faults, partitionFault, serverFault } from "./faults.js";
import { faultSchedule, notesOf, setupRecipes } from "./harness.js";

const ELECTION = { root: "/election", termUs: ms(200), rounds: 3, restUs: ms(50) };

describe("leader election", () => {
  it("four candidates each lead three terms, one at a time, with increasing terms", () => {
    const s = setupRecipes({ programs: clientIds(4).map(() => electionProgram(ELECTION)) });
    s.sim.run({ untilUs: 15_000_000 });
    const elected = notesOf(s).filter((n) => n.endsWith("elected"));
    expect(elected).toHaveLength(12);
    expect(checkElection(s.sim.observations)).toEqual([]);
  });

  const clients = clientIds(3);
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      faults(fc.oneof(serverFault(), partitionFault(clients), clientPause(clients)), {
        untilMs: 5_000,
        forMsMax: 1_000,
      }),
    ],
    { numRuns: 25 },
  )("one leader at a time under faults that expire no session", (seed, plan) => {
    const s = setupRecipes({ seed, programs: clients.map(() => electionProgram(ELECTION)) });
    s.sim.schedule(faultSchedule(plan));
    s.sim.run({ untilUs: 30_000_000 });
    expect(checkElection(s.sim.observations)).toEqual([]);
    expect(notesOf(s).filter((n) => n.endsWith("elected"))).toHaveLength(9);
  });

  it("a leader paused past its session timeout still believes it leads while another is elected", () => {
    const long = { ...ELECTION, termUs: ms(8_000), rounds: 1 };
    const s = setupRecipes({
      seed: 3,
      programs: [electionProgram(long), electionProgram({ ...long, restUs: ms(300) })],
    });
    s.sim.schedule([
      { atUs: 1_000_000, op: { f: "pause", node: nodeId("c1"), durationUs: 6_000_000 } },
    ]);
    s.sim.run({ untilUs: 30_000_000 });
    // Terms stay unique and increasing; only exclusivity in time is lost, until c1 learns of the expiry.
    expect(checkElection(s.sim.observations, { exclusive: false })).toEqual([]);
    const overlap = checkElection(s.sim.observations).map((v) => v.check);
    expect(overlap).toContain("election-exclusive");
    expect(notesOf(s).some((n) => n.endsWith("c1 lost"))).toBe(true);
  });
});
