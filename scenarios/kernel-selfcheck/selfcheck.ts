// The kernel self-check scenario: five nodes stream numbered messages to each other under a random fault
// schedule of every kind; the check is that every connection delivered a prefix of its stream, in order.
// It is what `zabsim run` runs until the ZooKeeper scenarios exist.
import { ms, seconds } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import { FAULT_KINDS, randomSchedule } from "../nemesis/index.js";
import { type StreamState, streamProtocol } from "./stream-protocol.js";

export const SELFCHECK_NAME = "kernel-selfcheck";

export interface SelfcheckResult {
  readonly scenario: string;
  readonly seed: number;
  readonly verdict: "pass" | "fail";
  readonly violations: readonly { readonly check: string; readonly message: string }[];
  readonly trace_hash: string;
  readonly events: number;
  readonly sim_time_us: number;
  readonly delivered: number;
  readonly faults: number;
}

export interface SelfcheckOptions {
  readonly nodeCount?: number;
  readonly durationUs?: number;
  readonly keepTrace?: boolean;
}

export function buildSelfcheck(seed: number, options: SelfcheckOptions = {}): Simulation {
  const nodeCount = options.nodeCount ?? 5;
  const durationUs = options.durationUs ?? seconds(30);
  const sim = new Simulation({ seed, keepTrace: options.keepTrace ?? false });
  const protocol = streamProtocol({ periodUs: ms(5), burst: 3, closeChance: 0.002 });
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
  sim.run({ untilUs: durationUs });
  const violations: { check: string; message: string }[] = [];
  let delivered = 0;
  for (const id of sim.nodeIds) {
    const state = sim.stateOf(id) as StreamState | undefined;
    if (state === undefined) continue;
    delivered += state.delivered;
    for (const message of state.violations) violations.push({ check: "connection-fifo", message });
  }
  if (delivered === 0) violations.push({ check: "progress", message: "no message was delivered" });
  return {
    scenario: SELFCHECK_NAME,
    seed,
    verdict: violations.length === 0 ? "pass" : "fail",
    violations,
    trace_hash: sim.traceHash,
    events: sim.eventCount,
    sim_time_us: sim.nowUs,
    delivered,
    faults: sim.history.filter((entry) => entry.process === "nemesis").length,
  };
}
