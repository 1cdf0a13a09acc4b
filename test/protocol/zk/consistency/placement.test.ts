// The incremental placement search (placement-search.ts): unanswered writes are placed where the evidence
// pins them — a read that reflects them, the version a later answer counts — without enumerating every
// combination, and a history no placement explains is rejected without giving up.
import { expect, test } from "vitest";
import { checkZooKeeper, type ZkRecord } from "../../../../protocol/zk/consistency/index.js";
import { type SimAction, simulate } from "./reference-sim.js";

/** `count` clients each lose the reply to a setData of /x (applied or not), then client 0 reads /x. */
function lostSetData(applied: readonly boolean[]): ZkRecord[] {
  const actions: SimAction[] = [
    { kind: "call", client: 0, f: "create", value: { path: "/x", data: "a" } },
    { kind: "call", client: 0, f: "create", value: { path: "/y", data: "a" } },
  ];
  applied.forEach((done, index) => {
    const client = index + 1;
    actions.push({ kind: "call", client, f: "exists", value: { path: "/x" } });
    actions.push({
      kind: "lost-reply",
      client,
      f: "setData",
      value: { path: index % 2 === 0 ? "/x" : "/y", data: `v${index}` },
      applied: done,
      server: 0,
    });
  });
  actions.push({ kind: "catch-up", server: 0, count: 100 });
  actions.push({ kind: "call", client: 0, f: "getData", value: { path: "/x" } });
  actions.push({ kind: "call", client: 0, f: "getData", value: { path: "/y" } });
  return [...simulate(applied.length + 1, actions).records];
}

const APPLIED = [false, true, false, true, true, false, true, false, true, false];

test("info writes that later reads reflect are placed, within a budget the combinations exceed", () => {
  const records = lostSetData(APPLIED);
  const result = checkZooKeeper(records, { placementsMax: 8 });
  expect(result.violations).toEqual([]);
  expect(result.valid).toBe(true);
  expect(result.exhausted).toBe(false);
  expect(result.placementsTried).toBeLessThanOrEqual(8);
  const placed = result.infoPlacement.filter((info) => info.zxid !== null);
  expect(placed.length).toBeGreaterThan(0);
});

test("a read of a value no placement produces is rejected, not left undecided", () => {
  const records = lostSetData(APPLIED);
  const last = records.findLastIndex((r) => r.kind === "complete");
  const invented = records.map((record, at) =>
    at === last && record.kind === "complete"
      ? { ...record, value: JSON.parse(JSON.stringify(record.value).replace(/"v\d"/, '"never"')) }
      : record,
  );
  expect(JSON.stringify(invented)).toContain('"never"');
  const result = checkZooKeeper(invented, { placementsMax: 64 });
  expect(result.valid).toBe(false);
  expect(result.exhausted).toBe(false);
  expect(result.violations.map((violation) => violation.check)).toContain("read-state");
});

test("an info write nothing observes stays absent: the all-absent placement is the first tried", () => {
  const result = checkZooKeeper(lostSetData(APPLIED.map(() => false)), { placementsMax: 1 });
  expect(result.valid).toBe(true);
  expect(result.placementsTried).toBe(1);
  expect(result.infoPlacement.every((info) => info.zxid === null)).toBe(true);
});
