// Test harness: a ZAB ensemble on the real kernel, a steady write workload, and the checks over its run.

import { type ZabConfig, zabConfig, zabPeer } from "../../../protocol/zab/index.js";
import {
  checkZabInvariants,
  type InvariantViolation,
} from "../../../protocol/zab/invariants/index.js";
import {
  checkLiveness,
  type LivenessResult,
  livenessBoundUs,
} from "../../../protocol/zab/liveness.js";
import { ms, type NodeId, nodeId } from "../../../sim/api/index.js";
import { Simulation, type SimulationConfig } from "../../../sim/kernel/index.js";
import type { ScheduledOp } from "../../../sim/nemesis/index.js";

export const DETECTION_MAX_US = 400_000;

export interface EnsembleOptions {
  readonly seed: number;
  readonly servers: number;
  readonly observers?: number;
  readonly config?: Partial<ZabConfig>;
  readonly keepTrace?: boolean;
  readonly disk?: SimulationConfig["disk"];
  /** How long a cut connection takes to break (default 100..400 ms); long keeps a cut connection open. */
  readonly detectionUs?: { readonly minUs: number; readonly maxUs: number };
}

export interface Ensemble {
  readonly sim: Simulation;
  readonly config: ZabConfig;
  readonly servers: readonly NodeId[];
  readonly observers: readonly NodeId[];
}

/** Test parameters: tickTime 100 ms, initLimit 10, syncLimit 5, FLE backoff capped at 1.6 s. */
export function ensemble(options: EnsembleOptions): Ensemble {
  const servers = Array.from({ length: options.servers }, (_, i) => nodeId(`n${i + 1}`));
  const observers = Array.from({ length: options.observers ?? 0 }, (_, i) => nodeId(`o${i + 1}`));
  const config = zabConfig(servers, {
    observers,
    tickTimeUs: ms(100),
    maxNotificationIntervalUs: ms(1_600),
    ...options.config,
  });
  const sim = new Simulation({
    seed: options.seed,
    keepTrace: options.keepTrace ?? false,
    ...(options.disk === undefined ? {} : { disk: options.disk }),
    network: {
      detection: {
        kind: "uniform",
        ...(options.detectionUs ?? { minUs: 100_000, maxUs: DETECTION_MAX_US }),
      },
    },
  });
  for (const node of [...servers, ...observers]) sim.addNode(node, zabPeer(config));
  return { sim, config, servers, observers };
}

/** One write every `everyUs` from `fromUs` to `toUs`, to the nodes in turn, each from a fresh process. */
export function writeLoad(
  e: Ensemble,
  fromUs: number,
  toUs: number,
  everyUs: number,
  firstProcess = 0,
) {
  const nodes = [...e.servers, ...e.observers];
  let process = firstProcess;
  for (let at = fromUs; at < toUs; at += everyUs) {
    const node = nodes[process % nodes.length] as NodeId;
    e.sim.submit({ atUs: at, node, process, f: "write", value: { w: process } });
    process++;
  }
  return process;
}

export function violations(e: Ensemble): InvariantViolation[] {
  return checkZabInvariants(e.sim.observations);
}

export function liveness(e: Ensemble, healedAtUs: number, writeEveryUs: number): LivenessResult {
  const bound = livenessBoundUs(e.config, DETECTION_MAX_US, writeEveryUs);
  return checkLiveness(e.sim.observations, healedAtUs, bound);
}

export function observed(e: Ensemble, kind: string, node?: string) {
  return e.sim.observations.filter(
    (r) => r.observation.kind === kind && (node === undefined || r.node === node),
  );
}

export function lastLeader(e: Ensemble): { node: string; epoch: number } | null {
  const established = observed(e, "leader-established");
  const last = established[established.length - 1];
  return last === undefined ? null : { node: last.node, epoch: Number(last.observation.epoch) };
}

export function faultEnd(ops: readonly ScheduledOp[]): number {
  return ops.reduce((end, op) => Math.max(end, op.atUs), 0);
}
