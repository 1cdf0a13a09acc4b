// Random server-fault schedules for the recipe scenarios on the real service (zkServer nodes on ZAB), as
// the hand-written `schedule` ops of the scenario schema: crash/restart and GC pauses of servers,
// partitions isolating a server (both ways or one-way), client–server cuts (both ways or one-way) and
// connection resets. Every fault heals before `healByMs`, so the recovery window that follows has every
// server up and connected. Client nodes are never paused or crashed.
//
// A partition-start replaces the current partition, so a client is cut from at most one server at a
// time. Faults last up to FAULT_MS_MAX (3 s), longer than the scenarios' 2 s sessions (4 s asked, clamped
// to 20 ticks), so sessions can expire: a paused leader that wakes up expires sessions it can no longer
// commit the closing of, and a client of a paused follower hears nothing for 2/3 of its session before
// it moves. Recipes must cope with both; the second is the documented lock hazard (zab-hazard.ts).
import { fc } from "@fast-check/vitest";
import type { ScenarioInput } from "../../../../scenarios/schema/index.js";

type ScheduleOps = Extract<NonNullable<ScenarioInput["nemesis"]>, { kind: "schedule" }>["ops"];
export type ScheduleOp = ScheduleOps[number];
type Op = ScheduleOp["op"];

/** Faults start no earlier than this (the first leader is elected and the recipes have started). */
export const FAULT_START_MS = 1_000;
/** The longest fault, past the recipe scenarios' 2 s session timeout. */
export const FAULT_MS_MAX = 3_000;

export type FaultOptions = {
  readonly servers: readonly string[];
  /** Client nodes a cut or a reset may name (recipe clients and the workload client). */
  readonly clients: readonly string[];
  /** Every fault is healed by then (the scenario's durationMs). */
  readonly healByMs: number;
  readonly countMax: number;
};

/** One fault's start and end ops, given when it starts and how long it lasts. */
type FaultShape = (atMs: number, forMs: number) => Op[][];

/** A list of faults as schedule ops; the ops of one fault share a `group` (the shrinker's unit). */
export function faultSchedule(options: FaultOptions): fc.Arbitrary<ScheduleOp[]> {
  const fault = fc.tuple(
    fc.integer({ min: FAULT_START_MS, max: options.healByMs - 100 }),
    fc.integer({ min: 100, max: FAULT_MS_MAX }),
    faultShape(options),
  );
  return fc.array(fault, { maxLength: options.countMax }).map((faults) =>
    faults
      .flatMap(([atMs, forMs, shape], group) => {
        // Clamp so the fault heals in time (the end op of a pause is its duration).
        const endMs = Math.min(atMs + forMs, options.healByMs);
        return shape(atMs, endMs - atMs).flatMap((ops, i) =>
          ops.map((op) => ({ atMs: i === 0 ? atMs : endMs, op, group })),
        );
      })
      .sort((a, b) => a.atMs - b.atMs || a.group - b.group),
  );
}

function faultShape(options: FaultOptions): fc.Arbitrary<FaultShape> {
  const server = fc.constantFrom(...options.servers);
  const client = fc.constantFrom(...options.clients);
  const others = (n: string) => options.servers.filter((s) => s !== n);
  return fc.oneof(
    server.map(
      (node): FaultShape =>
        () => [[{ f: "crash", node }], [{ f: "restart", node }]],
    ),
    server.map(
      (node): FaultShape =>
        (_, forMs) => [[{ f: "pause", node, durationUs: forMs * 1_000 }]],
    ),
    fc.tuple(server, fc.constantFrom("both", "out", "in")).map(
      ([n, way]): FaultShape =>
        () =>
          partition(cuts(n, others(n), way)),
    ),
    fc.tuple(client, server, fc.constantFrom("both", "out", "in")).map(
      ([c, n, way]): FaultShape =>
        () =>
          partition(cuts(c, [n], way)),
    ),
    fc
      .tuple(fc.oneof(client, server), server)
      .filter(([a, b]) => a !== b)
      .map(
        ([a, b]): FaultShape =>
          () => [[{ f: "link-reset", a, b }]],
      ),
  );
}

/** The directed links cut between `node` and `peers`: both ways, only from it, or only to it. */
function cuts(node: string, peers: readonly string[], way: string): [string, string][] {
  const out = peers.map((p): [string, string] => [node, p]);
  const into = peers.map((p): [string, string] => [p, node]);
  return way === "out" ? out : way === "in" ? into : [...out, ...into];
}

function partition(links: [string, string][]): Op[][] {
  return [[{ f: "partition-start", cuts: links }], [{ f: "partition-stop" }]];
}
