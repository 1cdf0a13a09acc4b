// The nemesis for an app's instances: when a scenario's generator lists app faults (or swarm draws them), app
// instances get faults of their own beside the ensemble's — a GC pause (timers and callbacks stop, the
// connection times out), a crash and restart (`main` runs again with a new session), or a cut from some of the
// servers (an isolation, beside any partition of the ensemble) — drawn from a stream of
// their own, so the ensemble's faults are the same as without the app. Each is a fixed, grouped fault: shrinking keeps or drops it
// whole, and a shrunk run's hand-written schedule names the instance.
import { nodeId } from "../../sim/api/index.js";
import { nodesNamedBy } from "../../sim/nemesis/index.js";
import type { Prng, Streams } from "../../sim/prng/index.js";
import { APP_FAULTS, type AppFault } from "../nemesis/fault-kinds.js";
import { type FixedOp, intensityOf, type NemesisPlan } from "../nemesis/index.js";
import type { NemesisSpec } from "../schema/index.js";
import { asNemesisOp } from "../schema/nemesis-schema.js";

export interface AppFaultPace {
  /** Mean gap between app faults, and their mean duration (a pause's length, a crash's downtime). */
  readonly meanGapUs: number;
  readonly meanDurationUs: number;
  readonly startUs: number;
  /** Every app fault is over by then. */
  readonly healByUs: number;
}

/** Groups of app faults are numbered from here, clear of a hand-written schedule's own groups. */
export const APP_FAULT_GROUP_BASE = 1_000_000;

/** App faults are half as frequent as the ensemble's: the ensemble is what the scenario is about. */
const GAP_FACTOR = 2;

export function planAppFaults(
  random: Prng,
  targets: { readonly instances: readonly string[]; readonly servers: readonly string[] },
  kinds: readonly AppFault[],
  pace: AppFaultPace,
): FixedOp[] {
  const { instances, servers } = targets;
  const ops: FixedOp[] = [];
  let atUs = pace.startUs;
  for (let group = APP_FAULT_GROUP_BASE; ; group++) {
    atUs += Math.max(1_000, Math.round(random.exponential(pace.meanGapUs * GAP_FACTOR)));
    const durationUs = Math.max(1_000, Math.round(random.exponential(pace.meanDurationUs)));
    if (atUs + durationUs >= pace.healByUs) return ops;
    const node = nodeId(instances[random.int(0, instances.length)] as string);
    const kind = kinds[random.int(0, kinds.length)] as AppFault;
    if (kind === "app-pause") {
      ops.push({ atUs, op: { f: "pause", node, durationUs }, group });
    } else if (kind === "app-isolate") {
      const from = someOf(random, servers).map(nodeId);
      ops.push({ atUs, op: { f: "isolate-start", node, from }, group });
      ops.push({ atUs: atUs + durationUs, op: { f: "isolate-stop", node }, group });
    } else {
      ops.push({ atUs, op: { f: "crash", node }, group });
      ops.push({ atUs: atUs + durationUs, op: { f: "restart", node }, group });
    }
    atUs += durationUs;
  }
}

/** Between one and all of the servers, in their order, drawn uniformly by count then by choice. */
function someOf(random: Prng, servers: readonly string[]): string[] {
  const count = random.int(1, servers.length + 1);
  const pool = [...servers];
  const chosen: string[] = [];
  for (let i = 0; i < count; i++) chosen.push(...pool.splice(random.int(0, pool.length), 1));
  return servers.filter((server) => chosen.includes(server));
}

/**
 * The app faults of a run: those its generator lists (`appFaults`), or for swarm each kind with probability
 * 1/3, at the pace of the ensemble's faults, from `nemesis/app`. None otherwise (a hand-written schedule may
 * name app instances itself).
 */
export function appFaultsOf(
  spec: NemesisSpec,
  plan: NemesisPlan,
  streams: Streams,
  targets: { readonly instances: readonly string[]; readonly servers: readonly string[] },
  healByUs: number,
): FixedOp[] {
  if (spec.kind !== "generator" && spec.kind !== "swarm") return [];
  const pace =
    plan.swarm !== null
      ? { meanGapMs: plan.swarm.meanGapMs, meanDurationMs: plan.swarm.meanDurationMs }
      : spec.kind === "generator"
        ? intensityOf(spec.intensity)
        : null;
  const random = streams.get("nemesis/app");
  const kinds =
    spec.kind === "generator"
      ? (spec.appFaults ?? [])
      : APP_FAULTS.filter(() => random.chance(1 / 3));
  if (pace === null || kinds.length === 0 || targets.instances.length === 0) return [];
  return planAppFaults(random, targets, kinds, {
    meanGapUs: pace.meanGapMs * 1_000,
    meanDurationUs: pace.meanDurationMs * 1_000,
    startUs: spec.startMs * 1_000,
    healByUs,
  });
}

/** The app instances a hand-written schedule names (`app-3`), sorted; they must exist when it runs. */
export function appInstancesNamed(spec: NemesisSpec): string[] {
  if (spec.kind !== "schedule") return [];
  const named = new Set<string>();
  for (const item of spec.ops) {
    for (const node of nodesNamedBy(asNemesisOp(item.op)))
      if (/^app-\d+$/.test(node)) named.add(node);
  }
  return [...named].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}
