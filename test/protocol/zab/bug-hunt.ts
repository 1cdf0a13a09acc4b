// Bug hunts: seed sweeps over random fault schedules with a planted bug switched on, until an invariant checker
// reports it. Each bug has a focused fault generator that makes its trigger likely (DESIGN.md): the schedule is
// still drawn at random from the seed, never scripted.
import type { BugId } from "../../../protocol/zab/index.js";
import {
  checkZabInvariants,
  type InvariantViolation,
  ZAB_CHECKERS,
} from "../../../protocol/zab/invariants/index.js";
import { FAULT_KINDS, type FaultKind, randomSchedule } from "../../../scenarios/nemesis/index.js";
import type { NodeId } from "../../../sim/api/index.js";
import type { ScheduledOp } from "../../../sim/nemesis/index.js";
import { type Prng, Streams } from "../../../sim/prng/index.js";
import { ensemble, writeLoad } from "./harness.js";

export interface HuntPlan {
  readonly bug: BugId;
  readonly servers: number;
  /** The checker expected to report the bug. */
  readonly invariant: string;
  readonly faults: (rng: Prng, nodes: readonly NodeId[]) => ScheduledOp[];
  readonly writeEveryUs: number;
  readonly endUs: number;
  /** A slower disk widens the windows between a write and its fsync. */
  readonly fsyncMaxUs: number;
}

const FAULTS_FROM_US = 1_000_000;

/** The shape of a crash loop: mean gap between crashes, mean downtime, how many servers may be down at once. */
export interface CrashLoopOptions {
  readonly endUs: number;
  readonly meanGapUs: number;
  readonly meanDownUs: number;
  readonly maxDown: number;
  /** If set, half of the restarted servers crash again within this time (while they rejoin and sync). */
  readonly flapUsMax?: number;
}

/**
 * Crash loop: at random gaps a random running server crashes (power loss: unsynced writes are lost) and
 * restarts after a random time; up to `maxDown` servers are down at once. Flapping servers crash again soon
 * after their restart, which lands crashes inside the short windows of a sync.
 */
export function crashLoop(
  rng: Prng,
  nodes: readonly NodeId[],
  options: CrashLoopOptions,
): ScheduledOp[] {
  const ops: ScheduledOp[] = [];
  const upAt = new Map<NodeId, number>();
  const { endUs, meanGapUs, meanDownUs, maxDown } = options;
  for (let at = FAULTS_FROM_US; at < endUs; at += 1 + Math.round(rng.exponential(meanGapUs))) {
    const down = nodes.filter((n) => (upAt.get(n) ?? 0) > at);
    const up = nodes.filter((n) => (upAt.get(n) ?? 0) <= at);
    if (down.length >= maxDown || up.length === 0) continue;
    const node = rng.pick(up);
    let restartUs = at + 1 + Math.round(rng.exponential(meanDownUs));
    ops.push({ atUs: at, op: { f: "crash", node } });
    ops.push({ atUs: restartUs, op: { f: "restart", node } });
    if (options.flapUsMax !== undefined && rng.int(0, 2) === 0) {
      const again = restartUs + rng.int(1, options.flapUsMax);
      restartUs = again + 1 + Math.round(rng.exponential(meanDownUs));
      ops.push({ atUs: again, op: { f: "crash", node } });
      ops.push({ atUs: restartUs, op: { f: "restart", node } });
    }
    upAt.set(node, restartUs);
  }
  return ops.sort((a, b) => a.atUs - b.atUs);
}

/** The shape of correlated outages: pairs of servers failing together (a rack losing power). */
export interface OutageOptions {
  readonly endUs: number;
  /** Mean quiet time between outages. */
  readonly meanGapUs: number;
  /** The second server of a pair crashes up to this long after the first. */
  readonly spreadUs: number;
  /** The first comes back within this time after the second crashed ... */
  readonly fastUs: number;
  /** ... and the second between half of this and this after the first is back. */
  readonly slowUs: number;
}

/**
 * Correlated outages: two random servers crash close together; the first restarts soon, the second only
 * later. An ensemble of three then re-forms around the server that came back, with the one that stayed up,
 * and a server crashed mid-sync can meet a peer that missed the last epoch (ZOOKEEPER-4643's interleaving).
 */
export function outages(
  rng: Prng,
  nodes: readonly NodeId[],
  options: OutageOptions,
): ScheduledOp[] {
  const ops: ScheduledOp[] = [];
  for (let at = FAULTS_FROM_US; at < options.endUs; ) {
    const [first, second] = rng.shuffle(nodes);
    if (first === undefined || second === undefined) break;
    const secondAt = at + rng.int(0, options.spreadUs);
    const firstBack = secondAt + rng.int(1, options.fastUs);
    const secondBack = firstBack + rng.int(options.slowUs / 2, options.slowUs);
    ops.push({ atUs: at, op: { f: "crash", node: first } });
    ops.push({ atUs: secondAt, op: { f: "crash", node: second } });
    ops.push({ atUs: firstBack, op: { f: "restart", node: first } });
    ops.push({ atUs: secondBack, op: { f: "restart", node: second } });
    at = secondBack + 1 + Math.round(rng.exponential(options.meanGapUs));
  }
  return ops.sort((a, b) => a.atUs - b.atUs);
}

/** The generic nemesis restricted to some fault kinds, faulting often. */
export function nemesis(kinds: readonly FaultKind[], endUs: number, meanGapUs: number) {
  return (rng: Prng, nodes: readonly NodeId[]) =>
    randomSchedule(rng, {
      nodes,
      startUs: FAULTS_FROM_US,
      healByUs: endUs,
      meanGapUs,
      meanDurationUs: 1_500_000,
      kinds,
    });
}

export const EVERY_FAULT: readonly FaultKind[] = FAULT_KINDS;

export interface HuntRun {
  readonly seed: number;
  readonly violations: readonly InvariantViolation[];
}

/** One run of the plan at `seed`, checked by every checker except those in `disabled`. */
export function huntRun(
  plan: HuntPlan,
  seed: number,
  bugs: readonly BugId[],
  disabled: readonly string[] = [],
): HuntRun {
  const e = ensemble({
    seed,
    servers: plan.servers,
    config: { bugs, committedLogCount: 5, snapCount: 50 },
    disk: { fsyncLatency: { kind: "uniform", minUs: 200, maxUs: plan.fsyncMaxUs } },
  });
  e.sim.schedule(plan.faults(new Streams(seed).get("bug-hunt"), e.servers));
  writeLoad(e, 500_000, plan.endUs, plan.writeEveryUs);
  e.sim.run({ untilUs: plan.endUs + 2_000_000 });
  const checkers = Object.keys(ZAB_CHECKERS).filter((name) => !disabled.includes(name));
  return { seed, violations: checkZabInvariants(e.sim.observations, checkers) };
}

export interface HuntResult {
  /** The first seed (from 1) whose run reported the expected invariant, or null. */
  readonly foundAtSeed: number | null;
  readonly seedsRun: number;
  readonly first: InvariantViolation | null;
  /** Checkers that reported anything in the runs, by name. */
  readonly reportedBy: readonly string[];
}

export function hunt(
  plan: HuntPlan,
  seeds: number,
  bugs: readonly BugId[],
  disabled: readonly string[] = [],
): HuntResult {
  const reportedBy = new Set<string>();
  for (let seed = 1; seed <= seeds; seed++) {
    const run = huntRun(plan, seed, bugs, disabled);
    for (const v of run.violations) reportedBy.add(v.check.split(".")[0] ?? v.check);
    // A checker reports under its name, or `name.flag` (ShouldNotHappen.ackInconsistent).
    const hit = run.violations.find(
      (v) => v.check === plan.invariant || v.check.startsWith(`${plan.invariant}.`),
    );
    if (hit !== undefined) {
      return { foundAtSeed: seed, seedsRun: seed, first: hit, reportedBy: [...reportedBy].sort() };
    }
  }
  return { foundAtSeed: null, seedsRun: seeds, first: null, reportedBy: [...reportedBy].sort() };
}
