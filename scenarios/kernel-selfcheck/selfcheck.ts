// The kernel self-check scenario: five nodes stream numbered messages to each other under a random fault
// schedule of every kind; the check is that every connection delivered a prefix of its stream, in order.
// It is what `zabsim run` runs until the ZooKeeper scenarios exist.

import type { Observation } from "../../sim/api/index.js";
import { ms, seconds } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import { ENDING_OPS } from "../nemesis/fault-count.js";
import { FAULT_KINDS, randomSchedule } from "../nemesis/index.js";
import { type StreamState, streamProtocol } from "./stream-protocol.js";

export const SELFCHECK_NAME = "kernel-selfcheck";

export interface SelfcheckResult {
  readonly scenario: string;
  readonly seed: number;
  readonly verdict: "pass" | "fail";
  readonly violations: readonly SelfcheckViolation[];
  readonly trace_hash: string;
  readonly events: number;
  readonly sim_time_us: number;
  readonly delivered: number;
  readonly faults: number;
}

/** A broken stream or no progress: where it showed (the receiving node, simulated time) and its story. */
export interface SelfcheckViolation {
  readonly check: string;
  readonly message: string;
  readonly at?: { readonly node?: string; readonly timeUs: number };
  readonly story?: string;
}

export interface SelfcheckOptions {
  readonly nodeCount?: number;
  readonly durationUs?: number;
  readonly keepTrace?: boolean;
  /** A broken sender (stream-protocol's `skipEvery`), to show the check fires. */
  readonly skipEvery?: number;
}

export function buildSelfcheck(seed: number, options: SelfcheckOptions = {}): Simulation {
  const nodeCount = options.nodeCount ?? 5;
  const durationUs = options.durationUs ?? seconds(30);
  const sim = new Simulation({ seed, keepTrace: options.keepTrace ?? false });
  const protocol = streamProtocol({
    periodUs: ms(5),
    burst: 3,
    closeChance: 0.002,
    ...(options.skipEvery === undefined ? {} : { skipEvery: options.skipEvery }),
  });
  const nodes = Array.from({ length: nodeCount }, (_, i) => sim.addNode(`n${i + 1}`, protocol));
  const schedule = randomSchedule(sim.streams.get("nemesis"), {
    nodes,
    startUs: seconds(1),
    healByUs: Math.floor(durationUs * 0.8),
    meanGapUs: seconds(1.5),
    meanDurationUs: seconds(3),
    kinds: FAULT_KINDS,
  });
  sim.schedule(schedule);
  return sim;
}

export function runSelfcheck(seed: number, options: SelfcheckOptions = {}): SelfcheckResult {
  const durationUs = options.durationUs ?? seconds(30);
  const sim = buildSelfcheck(seed, options);
  const violations: SelfcheckViolation[] = [];
  sim.addObservationListener(({ timeUs, node, observation: o }) => {
    if (o.kind !== "fifo-violation") return;
    violations.push(fifoViolation(sim, node, timeUs, o));
  });
  sim.run({ untilUs: durationUs });
  let delivered = 0;
  for (const id of sim.nodeIds) {
    const state = sim.stateOf(id) as StreamState | undefined;
    if (state !== undefined) delivered += state.delivered;
  }
  if (delivered === 0) {
    const story = `No node delivered a single message in ${secondsText(durationUs)} of simulated time: the network or the scheduler never ran the streams.`;
    violations.push({ check: "progress", message: "no message was delivered", story });
  }
  return {
    scenario: SELFCHECK_NAME,
    seed,
    verdict: violations.length === 0 ? "pass" : "fail",
    violations,
    trace_hash: sim.traceHash,
    events: sim.eventCount,
    sim_time_us: sim.nowUs,
    delivered,
    // Counted as every run counts them (scenarios/nemesis/fault-count.ts): an op that ends a fault is part of
    // it (the random schedule ends every fault it starts).
    faults: sim.history.filter((e) => e.process === "nemesis" && !ENDING_OPS.has(e.f)).length,
  };
}

/**
 * "n3 got DATA 5 from n1 at 2.345 s where it expected DATA 3: the connection from n1 to n3 lost or reordered
 * messages, breaking the in-order promise ZAB relies on. The last fault before it: crash n1 at 2.100 s."
 */
function fifoViolation(
  sim: Simulation,
  node: string,
  timeUs: number,
  o: Observation,
): SelfcheckViolation {
  const from = String(o.from);
  const fault = sim.history
    .filter((e) => e.process === "nemesis" && e.time / 1000 <= timeUs)
    .at(-1);
  const faultText =
    fault === undefined
      ? " No fault had been injected yet."
      : ` The last fault before it: ${fault.f} ${JSON.stringify(fault.value)} at ${secondsText(fault.time / 1000)}.`;
  const story = `${node} got DATA ${String(o.seq)} from ${from} at ${secondsText(timeUs)} where it expected DATA ${String(o.expected)}: the connection from ${from} to ${node} lost or reordered messages, breaking the in-order promise ZAB relies on.${faultText}`;
  return { check: "connection-fifo", message: String(o.message), at: { node, timeUs }, story };
}

function secondsText(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}
