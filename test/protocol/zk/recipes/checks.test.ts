// Each recipe checker catches a planted fault: a clean run passes, and the same run with its observations
// mutated (two lock sections interleaved, an item consumed twice, config values out of order, ...) fails
// with the check's name.
import { expect, it } from "vitest";
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
  type RecordedObservation,
} from "../../../../protocol/zk/recipes/checks/index.js";
import {
  barrierProgram,
  configFollowerProgram,
  configWriterProgram,
  consumerProgram,
  doubleBarrierProgram,
  electionProgram,
  lockProgram,
  memberProgram,
  monitorProgram,
  namingProgram,
  producerProgram,
  type RecipeProgram,
  rwLockProgram,
} from "../../../../protocol/zk/recipes/index.js";
import { type Json, ms } from "../../../../sim/api/index.js";
import { RESOURCE, setupRecipes } from "./harness.js";

type Records = readonly RecordedObservation[];

// biome-ignore lint/suspicious/noExplicitAny: programs of different recipes have different states.
function run(programs: readonly RecipeProgram<any>[], resource = false): Records {
  const s = setupRecipes(resource ? { programs, resource: { fencing: false } } : { programs });
  s.sim.run({ untilUs: 10_000_000 });
  return s.sim.observations;
}

const isEvent = (event: string) => (r: RecordedObservation) => r.observation.event === event;

function indexWhere(records: Records, pick: (r: RecordedObservation) => boolean, nth = 0): number {
  const indices = records.flatMap((r, i) => (pick(r) ? [i] : []));
  const index = nth < 0 ? indices.at(nth) : indices[nth];
  if (index === undefined) throw new Error("no such record to mutate");
  return index;
}

function edit(
  records: Records,
  index: number,
  change: { readonly [key: string]: Json },
  timeUs?: number,
) {
  return records.map((r, i) =>
    i === index
      ? { ...r, timeUs: timeUs ?? r.timeUs, observation: { ...r.observation, ...change } }
      : r,
  );
}

function checksOf(violations: readonly { readonly check: string }[]): readonly string[] {
  return [...new Set(violations.map((v) => v.check))];
}

it("planted fault, lock: a write of an earlier section accepted after the next section's", () => {
  const lock = lockProgram({
    root: "/lock",
    resource: RESOURCE,
    writes: 3,
    writeIntervalUs: ms(20),
    ackTimeoutUs: ms(300),
    rounds: 1,
    restUs: ms(10),
  });
  const records = run([lock, lock], true);
  expect(checkLockExclusion(records)).toEqual([]);
  const writes = (r: RecordedObservation) => r.observation.kind === "resource-write";
  const first = records[indexWhere(records, writes, 0)];
  const moved = [...records, { ...(first as RecordedObservation), timeUs: 99_000_000 }];
  expect(checksOf(checkLockExclusion(moved))).toEqual(["lock-exclusion"]);
});

it("planted fault, rw-lock: a writer's section stretched over the next section", () => {
  const rw = { root: "/rw", holdUs: ms(100), rounds: 1, restUs: ms(10) };
  const records = run([
    rwLockProgram({ ...rw, mode: "write" }),
    rwLockProgram({ ...rw, mode: "read" }),
  ]);
  expect(checkRwLock(records)).toEqual([]);
  const released = indexWhere(records, isEvent("released"), 0);
  const late = edit(records, released, {}, 99_000_000);
  expect(checksOf(checkRwLock(late))).toEqual(["rw-lock-exclusion"]);
});

it("planted fault, election: a term led twice, a term going backwards, two leaders at once", () => {
  const election = electionProgram({ root: "/e", termUs: ms(100), rounds: 1, restUs: ms(10) });
  const records = run([election, election, election]);
  expect(checkElection(records)).toEqual([]);
  const second = indexWhere(records, isEvent("elected"), 1);
  const firstTerm = records[indexWhere(records, isEvent("elected"), 0)]?.observation.term ?? 0;
  expect(checksOf(checkElection(edit(records, second, { term: firstTerm })))).toContain(
    "election-term",
  );
  expect(checksOf(checkElection(edit(records, second, { term: -1 })))).toContain("election-order");
  const resigned = indexWhere(records, isEvent("resigned"), 0);
  expect(checksOf(checkElection(edit(records, resigned, {}, 99_000_000)))).toEqual([
    "election-exclusive",
  ]);
});

it("planted fault, barrier: a pass read while the barrier stood", () => {
  const records = run([
    barrierProgram({ path: "/b", role: "coordinator", afterUs: ms(1_000) }),
    barrierProgram({ path: "/b", role: "waiter", afterUs: ms(300) }),
  ]);
  expect(checkBarrier(records)).toEqual([]);
  const raised = records[indexWhere(records, isEvent("raised"))]?.observation.zxid ?? 0;
  const passed = indexWhere(records, isEvent("passed"));
  expect(checksOf(checkBarrier(edit(records, passed, { zxid: raised })))).toEqual(["barrier"]);
});

it("planted fault, double barrier: entering before the last member joined, leaving before the last finished", () => {
  const program = doubleBarrierProgram({ root: "/db", members: 3, workUs: ms(200) });
  const records = run([program, program, program]);
  expect(checkDoubleBarrier(records, 3)).toEqual([]);
  const entered = indexWhere(records, isEvent("entered"));
  expect(checksOf(checkDoubleBarrier(edit(records, entered, {}, 1), 3))).toEqual([
    "double-barrier-enter",
  ]);
  const left = indexWhere(records, isEvent("left"));
  const lastFinished = records[indexWhere(records, isEvent("finished"), -1)]?.timeUs ?? 0;
  const early = edit(records, left, {}, lastFinished - 1);
  expect(checksOf(checkDoubleBarrier(early, 3))).toEqual(["double-barrier-leave"]);
});

it("planted fault, queue: an item consumed twice, an item nobody produced", () => {
  const records = run([
    producerProgram({ root: "/q", items: 5, intervalUs: ms(20) }),
    consumerProgram({ root: "/q" }),
    consumerProgram({ root: "/q" }),
  ]);
  expect(checkQueue(records)).toEqual([]);
  const consumed = records[indexWhere(records, isEvent("consumed"))] as RecordedObservation;
  const twice = [...records, { ...consumed, node: consumed.node, timeUs: 99_000_000 }];
  expect(checksOf(checkQueue(twice))).toEqual(["queue-once"]);
  const forged = edit(records, indexWhere(records, isEvent("consumed")), { item: "nobody-1" });
  expect(checksOf(checkQueue(forged))).toEqual(["queue-produced"]);
});

it("planted fault, config: values delivered out of order, a follower left behind", () => {
  const records = run([
    configWriterProgram({ path: "/config", values: 5, intervalUs: ms(300) }),
    configFollowerProgram({ path: "/config" }),
  ]);
  expect(checkConfig(records, { quiescent: true })).toEqual([]);
  const saw = (r: RecordedObservation) => r.observation.event === "saw";
  const a = indexWhere(records, saw, 1);
  const b = indexWhere(records, saw, 2);
  const swapped = edit(edit(records, a, { value: records[b]?.observation.value ?? 0 }), b, {
    value: records[a]?.observation.value ?? 0,
  });
  expect(checksOf(checkConfig(swapped, { quiescent: false }))).toEqual(["config-order"]);
  const behind = records.filter((_, i) => i !== indexWhere(records, saw, -1));
  expect(checksOf(checkConfig(behind, { quiescent: true }))).toEqual(["config-final"]);
});

it("planted fault, membership: a live member missing from the monitor's last list", () => {
  const records = run([
    monitorProgram({ root: "/g" }),
    memberProgram({ root: "/g", leaveAfterUs: null }),
    memberProgram({ root: "/g", leaveAfterUs: null }),
  ]);
  expect(checkMembership(records)).toEqual([]);
  const last = indexWhere(records, isEvent("members"), -1);
  expect(checksOf(checkMembership(edit(records, last, { members: ["m-c2"] })))).toEqual([
    "membership",
  ]);
});

it("planted fault, naming: one name given twice", () => {
  const records = run([namingProgram({ root: "/n", count: 3, intervalUs: ms(10) })]);
  expect(checkNaming(records)).toEqual([]);
  const first = indexWhere(records, isEvent("named"), 0);
  const second = indexWhere(records, isEvent("named"), 1);
  const dup = edit(records, second, { name: records[first]?.observation.name ?? "" });
  expect(checksOf(checkNaming(dup))).toEqual(["naming-unique"]);
});
