// A scenario's nemesis as a plan: fixed ops (a hand-written schedule) and fault windows (a generator, or a swarm
// whose kinds and intensity are drawn from the seed). Generators draw from `nemesis`, swarm's choices from
// `nemesis/swarm`: streams of their own, so neither shifts the workload's or the network's draws.
import type { NodeId } from "../../sim/api/index.js";
import type { ScheduledOp } from "../../sim/nemesis/index.js";
import type { Streams } from "../../sim/prng/index.js";
import {
  asNemesisOp,
  type GeneratorSpec,
  INTENSITY_PRESETS,
  type Intensity,
  type NemesisSpec,
} from "../schema/nemesis-schema.js";
import { GENERATED_FAULTS, type GeneratedFault } from "./fault-kinds.js";
import { type FaultWindow, planWindows } from "./fault-windows.js";

/** A hand-written op; ops sharing a `group` are one fault, which the shrinker keeps or drops whole. */
export interface FixedOp extends ScheduledOp {
  readonly group?: number;
}

export interface NemesisPlan {
  readonly fixed: readonly FixedOp[];
  readonly windows: readonly FaultWindow[];
  /** What swarm drew, for run.json and the summary; null otherwise. */
  readonly swarm: SwarmDraw | null;
}

export interface SwarmDraw {
  readonly faults: readonly GeneratedFault[];
  readonly meanGapMs: number;
  readonly meanDurationMs: number;
  readonly maxDown: number | null;
}

export function planNemesis(
  spec: NemesisSpec,
  streams: Streams,
  servers: readonly NodeId[],
  healByUs: number,
): NemesisPlan {
  switch (spec.kind) {
    case "none":
      return { fixed: [], windows: [], swarm: null };
    case "schedule": {
      const fixed: FixedOp[] = spec.ops.map((item) => ({
        atUs: Math.round(item.atMs * 1_000),
        op: asNemesisOp(item.op),
        ...(item.group === undefined ? {} : { group: item.group }),
      }));
      return { fixed: fixed.sort((a, b) => a.atUs - b.atUs), windows: [], swarm: null };
    }
    case "generator":
      return { fixed: [], windows: generate(spec, streams, servers, healByUs), swarm: null };
    case "swarm": {
      const swarm = drawSwarm(streams);
      const generator: GeneratorSpec = {
        kind: "generator",
        faults: [...swarm.faults],
        intensity: { meanGapMs: swarm.meanGapMs, meanDurationMs: swarm.meanDurationMs },
        startMs: spec.startMs,
        ...(swarm.maxDown === null ? {} : { maxDown: swarm.maxDown }),
      };
      return { fixed: [], windows: generate(generator, streams, servers, healByUs), swarm };
    }
  }
}

function generate(
  spec: GeneratorSpec,
  streams: Streams,
  servers: readonly NodeId[],
  healByUs: number,
): FaultWindow[] {
  const { meanGapMs, meanDurationMs } = intensityOf(spec.intensity);
  return planWindows(streams.get("nemesis"), {
    servers,
    kinds: spec.faults,
    startUs: Math.round(spec.startMs * 1_000),
    healByUs,
    meanGapUs: Math.round(meanGapMs * 1_000),
    meanDurationUs: Math.round(meanDurationMs * 1_000),
    maxDown: spec.maxDown,
    flapUs: spec.flapMs === undefined ? undefined : Math.round(spec.flapMs * 1_000),
  });
}

export function intensityOf(intensity: Intensity): {
  meanGapMs: number;
  meanDurationMs: number;
} {
  return typeof intensity === "string" ? INTENSITY_PRESETS[intensity] : intensity;
}

/** Swarm testing: each fault kind is in with probability 1/3 (at least one is), and so is the pace. */
function drawSwarm(streams: Streams): SwarmDraw {
  const rng = streams.get("nemesis/swarm");
  let faults = GENERATED_FAULTS.filter(() => rng.chance(1 / 3));
  if (faults.length === 0) faults = [rng.pick(GENERATED_FAULTS)];
  return {
    faults,
    meanGapMs: rng.int(200, 4_000),
    meanDurationMs: rng.int(200, 4_000),
    maxDown: rng.pick([null, 1, 2]),
  };
}
