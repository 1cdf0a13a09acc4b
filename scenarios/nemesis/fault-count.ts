// How many faults a run had, counted one way everywhere (CLI, run.json, the shrinker, the HTML report): a fault
// is one fault window. A crash with its restart, a partition with its heal, a pause with its resume, an
// isolation with its end count once; a single op (a link reset, a clock jump, a torn write) counts once.
import type { NemesisOp, ScheduledOp } from "../../sim/nemesis/index.js";

/** The faults an op ends, by the op that started them. */
const ENDS: { readonly [f: string]: readonly NemesisOp["f"][] } = {
  restart: ["crash", "kill"],
  resume: ["pause"],
  "partition-stop": ["partition-start"],
  "isolate-stop": ["isolate-start"],
  "link-heal": ["link-loss", "link-delay"],
};

/** Ops that only end a fault another op started: not faults of their own. */
export const ENDING_OPS: ReadonlySet<string> = new Set(Object.keys(ENDS));

/** The node whose fault an op starts or ends; partitions and link faults are network-wide. */
function keyOf(f: NemesisOp["f"], op: NemesisOp): string {
  return "node" in op ? `${f} ${op.node}` : f;
}

/** An op that leaves a fault in force until another op ends it (a timed pause ends by itself). */
function opens(op: NemesisOp): boolean {
  if (op.f === "pause") return op.durationUs === undefined;
  return Object.values(ENDS).some((started) => started.includes(op.f));
}

/**
 * The number of faults in a run's fault groups (`ScenarioRun.faults`: a generator's windows, a hand-written
 * schedule's `group`s, ops alone). A group is one fault, unless each of its ops only ends a fault another
 * group started (a hand-written `restart n2` after an ungrouped `crash n2`): then it is part of that one.
 */
export function countFaults(groups: readonly (readonly ScheduledOp[])[]): number {
  const ops = groups
    .flatMap((group, index) => group.map((item) => ({ op: item.op, atUs: item.atUs, index })))
    .sort((a, b) => a.atUs - b.atUs || a.index - b.index);
  const open = new Map<string, number>();
  const counts = new Set<number>();
  for (const { op, index } of ops) {
    const ended = (ENDS[op.f] ?? [])
      .map((f) => keyOf(f, op))
      .filter((key) => open.has(key) && open.get(key) !== index);
    for (const key of ended) open.delete(key);
    if (ended.length === 0) counts.add(index);
    if (opens(op)) open.set(keyOf(op.f, op), index);
  }
  return counts.size;
}
