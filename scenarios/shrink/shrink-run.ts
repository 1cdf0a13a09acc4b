// Shrinking a failing run: the run's applied fault schedule and client operations are written out as an
// explicit scenario (a hand-written schedule, an explicit op list), then delta debugging removes whole faults,
// whole clients, client operations, and then servers, re-running the same seed each time, while the same check
// still fails (and, for a run with planted bugs, passes with them switched off).
// Every subsystem draws from its own stream, so removing an item does not reshuffle the others' draws.
import type { ScheduledOp } from "../../sim/nemesis/index.js";
import { runScenario } from "../runner/index.js";
import type { ExplicitClientOp, Scenario } from "../schema/index.js";
import type { ClientOp } from "../workload/index.js";
import { type Budget, ddmin, type Trial } from "./ddmin.js";
import { mergeOutages, shrinkCluster } from "./passes.js";

export interface ShrinkInput {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly faults: readonly (readonly ScheduledOp[])[];
  readonly workload: readonly ClientOp[];
  /** The check that must keep failing (a violation's `check`). */
  readonly check: string;
  readonly maxRuns: number;
}

export interface ShrinkResult {
  /** False when the explicit form of the run no longer fails the check (nothing could be shrunk). */
  readonly reproduced: boolean;
  readonly scenario: Scenario;
  readonly faults: number;
  readonly faultOps: number;
  readonly clientOps: number;
  readonly servers: number;
  readonly observers: number;
  readonly runs: number;
}

/** Shrinks a run of a scenario alone: every trial runs synchronously. */
export function shrinkRun(input: ShrinkInput): ShrinkResult {
  const steps = shrinkSteps(input);
  for (let step = steps.next(false); ; ) {
    if (step.done === true) return step.value;
    const fails = runScenario(step.value, input.seed).violations.some(
      (v) => v.check === input.check,
    );
    step = steps.next(fails);
  }
}

/**
 * The shrinker as a generator: it yields every scenario to try and is sent whether that run of the seed fails
 * the check (so an app run can be tried asynchronously, scenarios/apps).
 */
export function* shrinkSteps(input: ShrinkInput): Trial<ShrinkResult> {
  const budget: Budget = { runs: input.maxRuns };
  const failsIn = function* (
    scenario: Scenario,
    faults: readonly (readonly ScheduledOp[])[],
    ops: readonly ClientOp[],
  ): Trial<boolean> {
    const explicit = explicitScenario(scenario, faults, ops);
    // With planted bugs on, a smaller run counts only while the fixed protocol passes it: dropping a restart
    // can make liveness fail with or without the bug, and that run reproduces nothing.
    if (!(yield explicit)) return false;
    return explicit.bugs.length === 0 || !(yield { ...explicit, bugs: [] });
  };
  budget.runs--;
  if (!(yield* failsIn(input.scenario, input.faults, input.workload))) {
    return summary(
      false,
      explicitScenario(input.scenario, input.faults, input.workload),
      input,
      budget,
    );
  }
  const fails = (faults: readonly (readonly ScheduledOp[])[], ops: readonly ClientOp[]) =>
    failsIn(input.scenario, faults, ops);
  const faults = yield* ddmin(input.faults, (subset) => fails(subset, input.workload), budget);
  const ops = yield* shrinkClients(input.workload, (subset) => fails(faults, subset), budget);
  // Fewer client ops change which faults matter (and make each re-run cheaper): one more pass over the faults,
  // then over single nemesis ops (a restart that is not needed, a crash whose restart does the damage alone),
  // then merging a node's back-to-back outages (its restart and next crash go together).
  const fewerFaults = yield* ddmin(faults, (subset) => fails(subset, ops), budget);
  const singleOps = yield* ddmin(
    fewerFaults.flat().map((op) => [op]),
    (subset) => fails(subset, ops),
    budget,
  );
  const merged = yield* mergeOutages(singleOps, (subset) => fails(subset, ops), budget);
  const cluster = yield* shrinkCluster(input.scenario, merged, ops, failsIn, budget);
  return {
    reproduced: true,
    scenario: explicitScenario(cluster, merged, ops),
    faults: merged.length,
    faultOps: merged.flat().length,
    clientOps: ops.length,
    servers: cluster.cluster.servers,
    observers: cluster.cluster.observers,
    runs: input.maxRuns - budget.runs,
  };
}

/** Whole clients first, then single operations of the clients kept. */
function* shrinkClients(
  workload: readonly ClientOp[],
  fails: (ops: readonly ClientOp[]) => Trial<boolean>,
  budget: Budget,
): Trial<ClientOp[]> {
  const clients = [...new Set(workload.map((op) => op.client))].sort((a, b) => a - b);
  const kept = yield* ddmin(
    clients,
    (subset) => fails(workload.filter((op) => subset.includes(op.client))),
    budget,
  );
  const byClient = workload.filter((op) => kept.includes(op.client));
  return yield* ddmin(byClient, fails, budget);
}

function summary(
  reproduced: boolean,
  scenario: Scenario,
  input: ShrinkInput,
  budget: Budget,
): ShrinkResult {
  return {
    reproduced,
    scenario,
    faults: input.faults.length,
    faultOps: input.faults.flat().length,
    clientOps: input.workload.length,
    servers: input.scenario.cluster.servers,
    observers: input.scenario.cluster.observers,
    runs: input.maxRuns - budget.runs,
  };
}

/** The scenario with its nemesis and workload replaced by the given faults and operations, verbatim. */
export function explicitScenario(
  scenario: Scenario,
  faults: readonly (readonly ScheduledOp[])[],
  ops: readonly ClientOp[],
): Scenario {
  const scheduled = faults.flatMap((group, index) =>
    group.map((item) => ({ atMs: item.atUs / 1_000, op: item.op, group: index })),
  );
  const clientOps = ops.map((op) => ({
    atMs: op.atUs / 1_000,
    client: op.client,
    node: op.node,
    f: op.f,
    key: op.key,
    value: op.value as ExplicitClientOp["value"],
  }));
  // The ops came out of a validated run, so they fit the schema's (mutable, unbranded) types as they are.
  const nemesis = { kind: "schedule", ops: scheduled } as unknown as Scenario["nemesis"];
  return { ...scenario, nemesis, clients: { ...scenario.clients, ops: clientOps } };
}
