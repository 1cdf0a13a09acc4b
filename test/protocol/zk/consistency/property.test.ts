// Properties over histories from the reference simulator: the ZooKeeper check passes every valid history,
// and catches every planted fault (mutations.ts).
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { checkZooKeeper } from "../../../../protocol/zk/consistency/index.js";
import { CLIENT_COUNT, watchedWorkload, workload } from "./arbitraries.js";
import { type MutationKind, mutate, mutationKinds } from "./mutations.js";
import { simulate } from "./reference-sim.js";

test.prop([workload], { numRuns: 150 })(
  "the ZooKeeper check passes every valid history",
  (actions) => {
    const run = simulate(CLIENT_COUNT, actions);
    const result = checkZooKeeper(run.records);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  },
);

/**
 * The rules that must report each fault. A lost acknowledged write shows either in a later read (read-state)
 * or, when no later read touches it, in a later write whose answer only makes sense without it (write-order).
 */
const checksOf: Record<MutationKind, readonly string[]> = {
  "future-read": ["write-order"],
  "discarded-read": ["read-state"],
  "zxid-backwards": ["session-order"],
  "duplicate-event": ["watch-order"],
  "reordered-event": ["watch-order"],
  "refired-event": ["watch-order"],
  "lost-write": ["read-state", "write-order"],
};

/** A refired one-shot watch is caught by the spend rule itself, not by some other rule it happens to break. */
test.prop([watchedWorkload], { numRuns: 60 })(
  "a one-shot watch fired again without a new registration is reported as such",
  (actions) => {
    const mutated = mutate("refired-event", simulate(CLIENT_COUNT, actions));
    fc.pre(mutated !== undefined);
    if (mutated === undefined) return;
    const messages = checkZooKeeper(mutated).violations.map((violation) => violation.message);
    expect(messages.join("\n")).toContain("a second time");
  },
  30_000,
);

for (const kind of mutationKinds) {
  const actions = kind.endsWith("-event") ? watchedWorkload : workload;
  test.prop([actions], { numRuns: 60 })(
    `a planted ${kind} is always caught`,
    (actions) => {
      const run = simulate(CLIENT_COUNT, actions);
      const mutated = mutate(kind, run);
      fc.pre(mutated !== undefined);
      if (mutated === undefined) return;
      const result = checkZooKeeper(mutated);
      expect(result.valid).toBe(false);
      const reported: readonly string[] = result.violations.map((violation) => violation.check);
      expect(
        checksOf[kind].some((check) => reported.includes(check)),
        reported.join(", "),
      ).toBe(true);
    },
    30_000,
  );
}
