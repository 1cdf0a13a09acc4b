// Shrinking passes beyond plain removal (shrink-run.ts): joining a node's back-to-back outages, and running
// the failure on fewer servers and observers.
import { nodesNamedBy, type ScheduledOp } from "../../sim/nemesis/index.js";
import type { Scenario } from "../schema/index.js";
import type { ClientOp } from "../workload/index.js";
import type { Budget, Trial } from "./ddmin.js";

export type Faults = readonly (readonly ScheduledOp[])[];

/**
 * A node's restart followed by its next lifecycle op (another crash, kill or pause) is one outage split in
 * two: removing both ops joins them. Removal one op at a time cannot find that (a crash without the restart
 * before it, or a restart without the crash after it, is a different run), so the pairs are tried together.
 */
export function* mergeOutages(
  faults: Faults,
  fails: (faults: Faults) => Trial<boolean>,
  budget: Budget,
): Trial<Faults> {
  let current = faults;
  for (let merged = true; merged && budget.runs > 0; ) {
    merged = false;
    for (const [first, second] of outageGaps(current)) {
      if (budget.runs <= 0) break;
      const candidate = current.filter((_, index) => index !== first && index !== second);
      budget.runs--;
      if (yield* fails(candidate)) {
        current = candidate;
        merged = true;
        break;
      }
    }
  }
  return current;
}

const LIFECYCLE = new Set(["crash", "kill", "pause", "restart", "resume"]);

/** Index pairs (restart or resume of X, X's next lifecycle op), over single-op faults in time order. */
function outageGaps(faults: Faults): [number, number][] {
  const order = faults
    .map((group, index) => ({ op: group.length === 1 ? group[0] : undefined, index }))
    .filter((item) => item.op !== undefined && LIFECYCLE.has(item.op.op.f))
    .sort((a, b) => (a.op?.atUs ?? 0) - (b.op?.atUs ?? 0) || a.index - b.index);
  const pairs: [number, number][] = [];
  order.forEach((item, at) => {
    const up = item.op?.op;
    if (up === undefined || (up.f !== "restart" && up.f !== "resume")) return;
    const node = nodesNamedBy(up)[0];
    const next = order.slice(at + 1).find((other) => {
      const op = other.op?.op;
      return op !== undefined && nodesNamedBy(op)[0] === node;
    });
    if (next !== undefined && next.op?.op.f !== "restart" && next.op?.op.f !== "resume") {
      pairs.push([item.index, next.index]);
    }
  });
  return pairs;
}

/**
 * Fewer observers, then fewer servers (the highest-numbered go), smallest first, when nothing left in the
 * run names a node that would go. Node streams are derived by name, so the servers kept draw as before.
 */
export function* shrinkCluster(
  scenario: Scenario,
  faults: Faults,
  ops: readonly ClientOp[],
  failsIn: (scenario: Scenario, faults: Faults, ops: readonly ClientOp[]) => Trial<boolean>,
  budget: Budget,
): Trial<Scenario> {
  const named = new Set([
    ...faults.flat().flatMap((item) => nodesNamedBy(item.op)),
    ...ops.map((op) => op.node),
  ]);
  const usable = (servers: number, observers: number) =>
    [...named].every((node) => isKeptNode(node, servers, observers));
  let current = scenario;
  const sizes: { servers: number; observers: number }[] = [];
  for (let observers = 0; observers < scenario.cluster.observers; observers++)
    sizes.push({ servers: scenario.cluster.servers, observers });
  for (let servers = 1; servers < scenario.cluster.servers; servers++)
    sizes.push({ servers, observers: 0 });
  for (const size of sizes) {
    if (budget.runs <= 0) break;
    if (size.observers > current.cluster.observers || size.servers > current.cluster.servers)
      continue;
    if (!usable(size.servers, size.observers)) continue;
    const smaller = { ...current, cluster: { ...current.cluster, ...size } };
    budget.runs--;
    if (yield* failsIn(smaller, faults, ops)) current = smaller;
  }
  return current;
}

/** Servers are n1..nN and observers o1..oM; any other name (a client node) is not the cluster's to drop. */
function isKeptNode(node: string, servers: number, observers: number): boolean {
  const match = /^([no])(\d+)$/.exec(node);
  if (match === null) return true;
  const index = Number(match[2]);
  return match[1] === "n" ? index <= servers : index <= observers;
}
