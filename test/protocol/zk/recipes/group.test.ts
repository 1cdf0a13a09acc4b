// The shared (read/write) lock, group membership and naming.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  checkMembership,
  checkNaming,
  checkRwLock,
} from "../../../../protocol/zk/recipes/checks/index.js";
import {
  lowerWriter,
  memberProgram,
  monitorProgram,
  namingProgram,
  rwLockProgram,
} from "../../../../protocol/zk/recipes/index.js";
import { ms } from "../../../../sim/api/index.js";
import { clientIds, clientPause, faults, partitionFault, serverFault } from "./faults.js";
import { faultSchedule, notesOf, setupRecipes } from "./harness.js";

const RW = { root: "/rw", holdUs: ms(150), rounds: 3, restUs: ms(40) };
const READER = rwLockProgram({ ...RW, mode: "read" });
const WRITER = rwLockProgram({ ...RW, mode: "write" });

describe("shared lock", () => {
  it("a reader waits only for the next lower writer", () => {
    const children = [
      "a-read-0000000001",
      "b-write-0000000002",
      "c-read-0000000003",
      "d-read-0000000004",
    ];
    expect(lowerWriter("d-read-0000000004", children)).toBe("b-write-0000000002");
    expect(lowerWriter("b-write-0000000002", children)).toBeNull();
  });

  it("readers share the lock, writers hold it alone", () => {
    const s = setupRecipes({ programs: [READER, READER, WRITER, READER, WRITER] });
    s.sim.run({ untilUs: 15_000_000 });
    expect(checkRwLock(s.sim.observations)).toEqual([]);
    expect(notesOf(s).filter((n) => n.endsWith("acquired"))).toHaveLength(15);
  });

  const clients = clientIds(5);
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      faults(fc.oneof(serverFault(), partitionFault(clients), clientPause(clients)), {
        untilMs: 5_000,
        forMsMax: 1_000,
      }),
    ],
    { numRuns: 25 },
  )(
    "no write section overlaps another section under faults that expire no session",
    (seed, plan) => {
      const s = setupRecipes({ seed, programs: [READER, READER, WRITER, READER, WRITER] });
      s.sim.schedule(faultSchedule(plan));
      s.sim.run({ untilUs: 30_000_000 });
      expect(checkRwLock(s.sim.observations)).toEqual([]);
    },
  );
});

describe("group membership", () => {
  const STAY = memberProgram({ root: "/group", leaveAfterUs: null });
  const LEAVE = memberProgram({ root: "/group", leaveAfterUs: ms(1_500) });
  const MONITOR = monitorProgram({ root: "/group" });
  const clients = clientIds(5);

  it("the monitor ends listing exactly the members that stayed", () => {
    const s = setupRecipes({ programs: [MONITOR, STAY, LEAVE, STAY, LEAVE] });
    s.sim.run({ untilUs: 10_000_000 });
    expect(checkMembership(s.sim.observations)).toEqual([]);
    const last = s.sim.observations.filter((r) => r.observation.event === "members").at(-1);
    expect(last?.observation.members).toEqual(["m-c2", "m-c4"]);
  });

  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      faults(fc.oneof(serverFault(), partitionFault(clients), clientPause(clients)), {
        untilMs: 5_000,
        forMsMax: 6_000,
      }),
    ],
    { numRuns: 25 },
  )("after quiescence the monitor lists the members whose sessions live", (seed, plan) => {
    const s = setupRecipes({ seed, programs: [MONITOR, STAY, LEAVE, STAY, LEAVE] });
    s.sim.schedule(faultSchedule(plan));
    s.sim.run({ untilUs: 30_000_000 });
    expect(checkMembership(s.sim.observations)).toEqual([]);
  });
});

describe("naming", () => {
  const NAMING = namingProgram({ root: "/names", count: 10, intervalUs: ms(20) });
  const clients = clientIds(3);
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      faults(fc.oneof(serverFault(), partitionFault(clients), clientPause(clients)), {
        untilMs: 3_000,
        forMsMax: 6_000,
      }),
    ],
    { numRuns: 25 },
  )("sequential nodes give unique names", (seed, plan) => {
    const s = setupRecipes({ seed, programs: clients.map(() => NAMING) });
    s.sim.schedule(faultSchedule(plan));
    s.sim.run({ untilUs: 30_000_000 });
    expect(checkNaming(s.sim.observations)).toEqual([]);
    expect(notesOf(s).filter((n) => n.endsWith("named")).length).toBeGreaterThan(0);
  });
});
