// Cutting the placement search by what later reads' Stats pin (stat-bounds.ts) only anticipates those
// reads' own checks: on small histories with unanswered writes, valid and with planted faults, the check
// with the cut and without it agree wherever both decide. And the merge of the components' placements
// (interleave.ts) keeps each component's order and stays off revealed zxids.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { checkZooKeeper } from "../../../../protocol/zk/consistency/index.js";
import { interleave } from "../../../../protocol/zk/consistency/interleave.js";
import type { ZkRecord } from "../../../../protocol/zk/consistency/zk-history.js";
import type { Json } from "../../../../sim/api/index.js";
import { CLIENT_COUNT, lossyWorkload } from "./arbitraries.js";
import { mutate, mutationKinds } from "./mutations.js";
import { simulate } from "./reference-sim.js";

const tally = { decided: 0, failing: 0 };

function compare(records: readonly ZkRecord[]): void {
  for (const split of [true, false]) {
    const cut = checkZooKeeper(records, { placementsMax: 256, split });
    const full = checkZooKeeper(records, { placementsMax: 256, split, statBounds: false });
    if (cut.exhausted || full.exhausted) continue;
    tally.decided++;
    if (!full.valid) tally.failing++;
    expect(cut.valid).toBe(full.valid);
  }
}

test.prop([lossyWorkload, fc.constantFrom(undefined, ...mutationKinds)], { numRuns: 1500 })(
  "the Stats' cut never changes a decided verdict",
  (actions, kind) => {
    const run = simulate(CLIENT_COUNT, actions);
    const records = kind === undefined ? run.records : mutate(kind, run);
    if (records !== undefined) compare(records);
  },
  120_000,
);

test("the comparison above decided both valid and failing histories", () => {
  console.log(
    `stat-bounds differential: ${tally.decided} decided by both (${tally.failing} failing)`,
  );
  expect(tally.decided).toBeGreaterThan(1000);
  expect(tally.failing).toBeGreaterThan(100);
});

test("components that filled the same zxids are interleaved, each in its own order", () => {
  // Component A saw a change at 5 (a Stat names it) and placed writes 0 and 1 at 6 and 7; component B
  // placed writes 2 and 3 at 5 and 6, with a read of its own served at 8.
  const merged = interleave(
    [
      {
        assigned: [
          { writer: 4, zxid: 5 },
          { writer: 0, zxid: 6 },
          { writer: 1, zxid: 7 },
        ],
        named: [5, 10],
        revealed: new Set([5]),
      },
      {
        assigned: [
          { writer: 2, zxid: 5 },
          { writer: 3, zxid: 6 },
        ],
        named: [8],
        revealed: new Set(),
      },
    ],
    [[6, 7, 9], [6, 7, 9], [4, 5, 6, 7], [5, 6, 7, 8], [5]],
    new Set([3]),
  );
  expect(merged).toBeDefined();
  const at = new Map((merged ?? []).map(({ writer, zxid }) => [writer, zxid]));
  expect(at.get(4)).toBe(5);
  expect(new Set(at.values()).size).toBe(5);
  // B's writes stay at or below its read at 8, in order; A's stay above 5, in order.
  expect((at.get(2) ?? 0) < (at.get(3) ?? 0) && (at.get(3) ?? 99) <= 8).toBe(true);
  expect(5 < (at.get(0) ?? 0) && (at.get(0) ?? 0) < (at.get(1) ?? 0)).toBe(true);
});

test("two components that need one revealed zxid cannot be interleaved", () => {
  const merged = interleave(
    [
      { assigned: [{ writer: 0, zxid: 5 }], named: [5], revealed: new Set([5]) },
      { assigned: [{ writer: 1, zxid: 5 }], named: [5], revealed: new Set([5]) },
    ],
    [[5], [5]],
    new Set(),
  );
  expect(merged).toBeUndefined();
});

test("a quota's stats node changes its data without its mzxid: a read of it pins no data", () => {
  const call = (f: string, value: Json) => ({ kind: "call", client: 0, f, value }) as const;
  const create = (path: string, data: string) => call("create", { path, data });
  const run = simulate(CLIENT_COUNT, [
    create("/app", ""),
    create("/zookeeper/quota/app", ""),
    create("/zookeeper/quota/app/zookeeper_limits", "count=5,bytes=-1"),
    create("/zookeeper/quota/app/zookeeper_stats", "count=0,bytes=0"),
    {
      kind: "lost-reply",
      client: 0,
      f: "create",
      value: { path: "/app/x", data: "ab" },
      applied: true,
      server: 0,
    },
    call("getData", { path: "/zookeeper/quota/app/zookeeper_stats" }),
  ]);
  const read = run.records.at(-1) as { readonly value?: { readonly data?: Json } };
  expect(read.value?.data).toBe("count=2,bytes=2");
  for (const split of [true, false]) {
    expect(checkZooKeeper(run.records, { placementsMax: 256, split }).valid).toBe(true);
  }
});
