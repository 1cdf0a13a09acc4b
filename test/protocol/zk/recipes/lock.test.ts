// Reference §7 "Lock" and "Pitfall: lock/leader after session loss": clients take the lock in turn and
// write to a protected resource; the resource must see their sections one after another. A holder paused
// past its session timeout writes after its successor did: without fencing the checker reports it; with
// the lock node's czxid as fencing token the resource rejects the stale write.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkLockExclusion } from "../../../../protocol/zk/recipes/checks/index.js";
import { type LockOptions, lockProgram } from "../../../../protocol/zk/recipes/index.js";
import { ms, nodeId } from "../../../../sim/api/index.js";
import { clientIds, clientPause, faults, partitionFault, serverFault } from "./faults.js";
import { faultSchedule, notesOf, RESOURCE, setupRecipes } from "./harness.js";

const LOCK: LockOptions = {
  root: "/lock",
  resource: RESOURCE,
  writes: 4,
  writeIntervalUs: ms(30),
  ackTimeoutUs: ms(300),
  rounds: 3,
  restUs: ms(20),
};

function acceptedWrites(s: ReturnType<typeof setupRecipes>) {
  return s.sim.observations.map((r) => r.observation).filter((o) => o.kind === "resource-write");
}

describe("lock", () => {
  it("three clients take the lock in turn and the resource sees whole sections, one after another", () => {
    const s = setupRecipes({
      programs: [1, 2, 3].map(() => lockProgram(LOCK)),
      resource: { fencing: false },
    });
    s.sim.run({ untilUs: 10_000_000 });
    const notes = notesOf(s);
    expect(notes.filter((n) => n.endsWith("acquired"))).toHaveLength(9);
    expect(notes.filter((n) => n.endsWith("released"))).toHaveLength(9);
    expect(acceptedWrites(s)).toHaveLength(9 * LOCK.writes);
    expect(checkLockExclusion(s.sim.observations)).toEqual([]);
  });

  const clients = clientIds(3);
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      faults(fc.oneof(serverFault(), partitionFault(clients), clientPause(clients)), {
        untilMs: 6_000,
        forMsMax: 1_000,
      }),
    ],
    { numRuns: 25 },
  )("without fencing, mutual exclusion holds under faults that expire no session", (seed, plan) => {
    const s = setupRecipes({
      seed,
      programs: clients.map(() => lockProgram(LOCK)),
      resource: { fencing: false },
    });
    s.sim.schedule(faultSchedule(plan));
    s.sim.run({ untilUs: 30_000_000 });
    expect(checkLockExclusion(s.sim.observations)).toEqual([]);
    expect(notesOf(s).filter((n) => n.endsWith("acquired")).length).toBeGreaterThanOrEqual(9);
  });

  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      faults(fc.oneof(serverFault(), partitionFault(clients), clientPause(clients)), {
        untilMs: 6_000,
        forMsMax: 6_000,
      }),
    ],
    { numRuns: 25 },
  )(
    "with fencing, mutual exclusion holds at the resource even when holders pause past their sessions",
    (seed, plan) => {
      const long = { ...LOCK, writes: 20, writeIntervalUs: ms(100) };
      const s = setupRecipes({
        seed,
        programs: clients.map(() => lockProgram(long)),
        resource: { fencing: true },
      });
      s.sim.schedule(faultSchedule(plan));
      s.sim.run({ untilUs: 40_000_000 });
      expect(checkLockExclusion(s.sim.observations)).toEqual([]);
    },
  );
});

it("a recipe run is deterministic: the same seed gives the same trace hash", () => {
  const hashOf = () => {
    const s = setupRecipes({
      seed: 42,
      programs: [1, 2, 3].map(() => lockProgram(LOCK)),
      resource: { fencing: true },
    });
    s.sim.run({ untilUs: 5_000_000 });
    return s.sim.traceHash;
  };
  expect(hashOf()).toBe(hashOf());
});

describe("the lock hazard: a holder paused past its session timeout", () => {
  // c1 takes the lock first and holds it for 40 writes 100 ms apart; at 1 s it pauses for 6 s. Its session
  // (3 s) expires, its node is deleted, c2 takes the lock and writes. On resuming, c1's write timer has
  // long fired: it writes with its old token before it learns of the expiry.
  function hazard(fencing: boolean) {
    const holder = lockProgram({
      ...LOCK,
      writes: 40,
      writeIntervalUs: ms(100),
      rounds: 1,
      restUs: ms(1),
    });
    const next = lockProgram({
      ...LOCK,
      writes: 40,
      writeIntervalUs: ms(100),
      rounds: 1,
      restUs: ms(300),
    });
    const s = setupRecipes({ seed: 7, programs: [holder, next], resource: { fencing } });
    s.sim.schedule([
      { atUs: 1_000_000, op: { f: "pause", node: nodeId("c1"), durationUs: 6_000_000 } },
    ]);
    s.sim.run({ untilUs: 20_000_000 });
    return s;
  }

  it("without fencing, the resource accepts the stale holder's write and the checker reports it", () => {
    const s = hazard(false);
    const violations = checkLockExclusion(s.sim.observations);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0]?.check).toBe("lock-exclusion");
    expect(violations[0]?.message).toMatch(/c1 holding .* after writes of c2/);
  });

  it("with the lock node's czxid as fencing token, the resource rejects the stale write and the check passes", () => {
    const s = hazard(true);
    expect(checkLockExclusion(s.sim.observations)).toEqual([]);
    const rejected = acceptedWrites(s).filter((o) => o.accepted === false);
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((o) => o.client === "c1")).toBe(true);
    expect(notesOf(s).some((n) => n.endsWith("c1 fenced"))).toBe(true);
  });
});
