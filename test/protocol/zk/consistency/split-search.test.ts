// The search part by part (component-search.ts) against the search over the whole history, on small
// histories with several unanswered writes, valid and with planted faults: wherever both decide, they agree.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { checkZooKeeper } from "../../../../protocol/zk/consistency/index.js";
import type { ZkRecord } from "../../../../protocol/zk/consistency/zk-history.js";
import { CLIENT_COUNT, lossyWorkload } from "./arbitraries.js";
import { mutate, mutationKinds } from "./mutations.js";
import { simulate } from "./reference-sim.js";

const tally = { decided: 0, split: 0, whole: 0, failing: 0 };

function compare(records: readonly ZkRecord[]): void {
  const split = checkZooKeeper(records, { placementsMax: 256 });
  const whole = checkZooKeeper(records, { placementsMax: 256, split: false });
  if (!split.exhausted) tally.split++;
  if (!whole.exhausted) tally.whole++;
  if (split.exhausted || whole.exhausted) return;
  tally.decided++;
  if (!whole.valid) tally.failing++;
  expect(split.valid).toBe(whole.valid);
}

test.prop([lossyWorkload, fc.constantFrom(undefined, ...mutationKinds)], { numRuns: 3000 })(
  "splitting the search never changes a decided verdict",
  (actions, kind) => {
    const run = simulate(CLIENT_COUNT, actions);
    const records = kind === undefined ? run.records : mutate(kind, run);
    if (records !== undefined) compare(records);
  },
  120_000,
);

test("the comparison above decided both valid and failing histories", () => {
  // Printed so the note can quote it; asserted so a generator that stops producing either is noticed.
  console.log(
    `split-search differential: ${tally.decided} decided by both (${tally.failing} failing), ` +
      `split decided ${tally.split}, whole ${tally.whole}`,
  );
  expect(tally.decided).toBeGreaterThan(1000);
  expect(tally.failing).toBeGreaterThan(100);
});
