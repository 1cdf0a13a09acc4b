// Who leads now, from the peers' observations: the node that most recently established leadership, while it is
// still up and still LEADING. Leader-targeted faults read it when they start.
import type { NodeId } from "../../sim/api/index.js";
import type { ObservationRecord, Simulation } from "../../sim/kernel/index.js";

export class LeaderTracker {
  readonly #roles = new Map<string, string>();
  #leader: NodeId | null = null;

  /** Feeds one observation (the runner forwards every observation the kernel reports). */
  see(record: ObservationRecord): void {
    const { node, observation } = record;
    if (observation.kind === "start") this.#roles.set(node, "LOOKING");
    if (observation.kind === "state") this.#roles.set(node, String(observation.role));
    if (observation.kind === "leader-established") this.#leader = node;
  }

  leader(sim: Simulation): NodeId | null {
    const leader = this.#leader;
    if (leader === null || this.#roles.get(leader) !== "LEADING") return null;
    return sim.statusOf(leader) === "down" ? null : leader;
  }
}
