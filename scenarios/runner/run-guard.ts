// Bounds on one seed's run, so that a sweep always ends: an event budget derived from the scenario (running
// out is inconclusive), and a stall limit (events at one simulated instant, in a row: a livelock, a failure).
import type { Simulation } from "../../sim/kernel/index.js";
import type { Scenario } from "../schema/index.js";

/**
 * Events in a row at one simulated instant before the run counts as a livelock. Real bursts at one instant
 * (every node starting, a sync's messages) are a few thousand events; a protocol that loops on zero-delay
 * timers or messages reaches this within a second of wall time.
 */
export const STALL_EVENTS = 1_000_000;

/** Every seed may use this many events whatever its scenario, so small scenarios are never cut short. */
const BUDGET_BASE_EVENTS = 1_000_000;
/** Per node and simulated second: heartbeats, pings, session ticks, elections (measured runs use ~100). */
const EVENTS_PER_NODE_SECOND = 2_000;
/** Per client operation and server: request, proposal, acks, commits, reply (measured runs use ~15 in all). */
const EVENTS_PER_OP_SERVER = 100;

/**
 * The events a seed of this scenario may use, from its size and length: generous (two orders of magnitude
 * above what the built-in scenarios use), so only a run that has gone wrong reaches it.
 */
export function eventBudget(scenario: Scenario, endUs: number): number {
  const seconds = endUs / 1_000_000;
  const servers = scenario.cluster.servers + scenario.cluster.observers;
  const recipeClients = scenario.clients.recipes.reduce((sum, r) => sum + r.clients + 1, 0);
  const nodes = servers + scenario.clients.count + recipeClients;
  const opsPerSecond =
    scenario.clients.ops === undefined
      ? (scenario.clients.count * 1_000) / scenario.clients.everyMs
      : scenario.clients.ops.length / Math.max(seconds, 1);
  const perSecond = nodes * EVENTS_PER_NODE_SECOND + opsPerSecond * servers * EVENTS_PER_OP_SERVER;
  return BUDGET_BASE_EVENTS + Math.ceil(seconds * perSecond);
}

/** Something that needs turns between events (the app host): it stops the loop when it has work. */
export interface TurnSource {
  readonly pending: boolean;
}

/** Why a guarded run stopped before its end. */
export type GuardStop =
  | { readonly kind: "event-budget"; readonly budget: number; readonly atUs: number }
  | { readonly kind: "livelock"; readonly atUs: number; readonly events: number };

/**
 * Runs the simulation up to a time within the bounds. Once a bound is hit, `stop` says which, and every later
 * call does nothing: the run ends there.
 */
export class RunGuard {
  readonly #sim: Simulation;
  readonly #budget: number;
  readonly #turns: TurnSource | null;
  #stop: GuardStop | null = null;

  constructor(sim: Simulation, budget: number, turns: TurnSource | null = null) {
    this.#sim = sim;
    this.#budget = budget;
    this.#turns = turns;
  }

  get stop(): GuardStop | null {
    return this.#stop;
  }

  /**
   * Runs up to `untilUs`, yielding whenever the turn source has work (an app's turn must run before the next
   * event); a run without one never yields.
   */
  *runUntil(untilUs: number): Generator<void, void, void> {
    const sim = this.#sim;
    while (this.#stop === null) {
      const result = sim.run({
        untilUs,
        maxEvents: Math.max(0, this.#budget - sim.eventCount),
        maxEventsAtOneTime: STALL_EVENTS,
      });
      if (result.reason === "events")
        this.#stop = { kind: "event-budget", budget: this.#budget, atUs: sim.nowUs };
      else if (result.reason === "stalled")
        this.#stop = { kind: "livelock", atUs: sim.nowUs, events: STALL_EVENTS };
      else if (result.reason !== "stopped") return;
      if (this.#turns?.pending === true) yield;
    }
  }
}
