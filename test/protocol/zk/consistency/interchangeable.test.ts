// Offering one of each group of interchangeable unanswered writes, and one order of commuting writes in a
// run (interchangeable.ts, commuting.ts), only drops placements that leave the same states as one kept:
// on small histories with unanswered writes, valid and with planted faults, the check with and without
// the reduction agree wherever both decide. And the parts it rests on, on cases small enough to read.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { accessOf, conflict } from "../../../../protocol/zk/consistency/commuting.js";
import { checkZooKeeper } from "../../../../protocol/zk/consistency/index.js";
import {
  Interchangeable,
  withUnseenData,
} from "../../../../protocol/zk/consistency/interchangeable.js";
import type { ZkOperation } from "../../../../protocol/zk/consistency/zk-operation.js";
import type { ClientWriteOp } from "../../../../protocol/zk/wire/index.js";
import { backlogWorkload, CLIENT_COUNT, lossyWorkload } from "./arbitraries.js";
import { mutate, mutationKinds } from "./mutations.js";
import { simulate } from "./reference-sim.js";

const tally = { decided: 0, failing: 0 };

test.prop(
  [fc.oneof(lossyWorkload, backlogWorkload), fc.constantFrom(undefined, ...mutationKinds)],
  { numRuns: 2000 },
)(
  "the reduction never changes a decided verdict",
  (actions, kind) => {
    const run = simulate(CLIENT_COUNT, actions);
    const records = kind === undefined ? run.records : mutate(kind, run);
    if (records === undefined) return;
    for (const split of [true, false]) {
      const reduced = checkZooKeeper(records, { placementsMax: 256, split });
      const full = checkZooKeeper(records, { placementsMax: 256, split, interchange: false });
      if (reduced.exhausted || full.exhausted) continue;
      tally.decided++;
      if (!full.valid) tally.failing++;
      expect(reduced.valid).toBe(full.valid);
    }
  },
  120_000,
);

test("the comparison above decided both valid and failing histories", () => {
  console.log(
    `interchange differential: ${tally.decided} decided by both (${tally.failing} failing)`,
  );
  expect(tally.decided).toBeGreaterThan(1200);
  expect(tally.failing).toBeGreaterThan(100);
});

const acl = [{ perms: 31, scheme: "world", id: "anyone" }] as const;
const setData = (path: string, data = "d"): ClientWriteOp => ({
  op: "setData",
  path,
  data,
  version: -1,
});
const create = (
  path: string,
  mode: "persistent" | "persistent_sequential" = "persistent",
): ClientWriteOp => ({
  op: "create",
  path,
  data: "",
  acl: [...acl],
  mode,
});
const remove = (path: string): ClientWriteOp => ({ op: "delete", path, version: -1 });
const clash = (left: ClientWriteOp, right: ClientWriteOp) =>
  conflict(accessOf(left), accessOf(right));

test("writes commute when neither changes what the other reads or changes", () => {
  // Two children made or removed: the parent's cversion rises the same either way.
  expect(clash(create("/k/a"), create("/k/b"))).toBe(false);
  expect(clash(create("/k/a"), remove("/k/b"))).toBe(false);
  // A parent's data and its children are apart.
  expect(clash(setData("/k"), create("/k/a"))).toBe(false);
  // The last setData's data stays: order matters.
  expect(clash(setData("/k"), setData("/k"))).toBe(true);
  // One makes what the other removes or writes.
  expect(clash(create("/k/a"), remove("/k/a"))).toBe(true);
  expect(clash(create("/k/a"), setData("/k/a"))).toBe(true);
  // A sequential create's name counts the parent's children changes, and it may make any child.
  expect(clash(create("/k/s-", "persistent_sequential"), create("/k/a"))).toBe(true);
  expect(clash(create("/k/s-", "persistent_sequential"), setData("/k/s-0000000001"))).toBe(true);
  // Removing a parent needs it childless; closeSession may touch anything.
  expect(clash(remove("/k"), create("/k/a"))).toBe(true);
  expect(clash({ op: "closeSession" }, setData("/x"))).toBe(true);
});

test("data nobody saw is replaced by a stand-in of its length; data an answer shows is kept", () => {
  const shown = { output: { data: "seen", stat: {} } } as unknown as ZkOperation;
  const writes = withUnseenData(
    [
      { call: setData("/k", "seen"), session: 1 },
      { call: setData("/k", "unseen"), session: 2 },
    ],
    [shown],
  );
  expect(writes.map(({ call }) => (call.op === "setData" ? call.data : ""))).toEqual([
    "seen",
    "\u0000".repeat(6),
  ]);
});

test("of two writes with one effect, the one whose slots lie within the other's is offered", () => {
  const writes = [0, 1, 2].map((session) => ({ call: setData("/k", "\u0000"), session }));
  // Writer 0 may take positions 0 and 1, writer 1 positions 0 to 3, writer 2 positions 0 and 2.
  const twins = new Interchangeable(writes, [[0, 1, 2], [0, 1], [1, 2], [1]]);
  // Writer 1 can go wherever writer 0 can; writer 2's slot 2 is not writer 0's.
  expect(twins.pick([0, 1, 2], 0)).toEqual([0, 2]);
  // From position 2 on, writer 2 has {2} and writer 1 has {2, 3}.
  expect(twins.pick([1, 2], 2)).toEqual([2]);
});
