// Recipe tests on the real kernel: fake ZooKeeper servers sharing one FakeWorld (from the client tests),
// recipe nodes hosting programs beside the real client library, and optionally a protected resource.
import { clientConfig } from "../../../../protocol/zk/client/index.js";
import {
  fencedResource,
  type RecipeProgram,
  recipeNode,
} from "../../../../protocol/zk/recipes/index.js";
import { serverConfig, zkServer } from "../../../../protocol/zk/server/index.js";
import { ms, type NodeId, nodeId } from "../../../../sim/api/index.js";
import { Simulation } from "../../../../sim/kernel/index.js";
import type { NemesisOp, ScheduledOp } from "../../../../sim/nemesis/index.js";
import { fakeServer } from "../client/fake-server.js";
import { type FakeWorld, fakeWorld } from "../client/fake-world.js";

export type RecipeSetup = {
  readonly sim: Simulation;
  readonly world: FakeWorld;
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
};

export type RecipeSetupOptions = {
  readonly seed?: number;
  readonly servers?: number;
  /** One program per client node, named c1, c2, ... */
  // biome-ignore lint/suspicious/noExplicitAny: programs of different recipes have different states.
  readonly programs: readonly RecipeProgram<any>[];
  /** Adds a resource node `r1` with or without fencing. */
  readonly resource?: { readonly fencing: boolean };
  readonly sessionTimeoutMs?: number;
  /**
   * `fake` (default): the client tests' fake servers sharing one world. `zab`: the real servers of
   * protocol/zk/server on ZAB, tickTime 100 ms (sessions 0.2–2 s), as the server tests set them up.
   */
  readonly ensemble?: "fake" | "zab";
};

export const RESOURCE = nodeId("r1");

/** tickTime 200 ms; sessions of 3 s; failures detected in 0.1–0.4 s (as the client tests). `world` is
 * the fake ensemble's, unused (empty) with the ZAB ensemble. */
export function setupRecipes(options: RecipeSetupOptions): RecipeSetup {
  const servers = Array.from({ length: options.servers ?? 3 }, (_, i) => nodeId(`n${i + 1}`));
  const clients = options.programs.map((_, i) => nodeId(`c${i + 1}`));
  const world = fakeWorld();
  const sim = new Simulation({
    seed: options.seed ?? 1,
    network: { detection: { kind: "uniform", minUs: 100_000, maxUs: 400_000 } },
  });
  if (options.ensemble === "zab") {
    const config = serverConfig(servers, {
      zab: { tickTimeUs: ms(100), maxNotificationIntervalUs: ms(1_600) },
    });
    for (const server of servers) sim.addNode(server, zkServer(config));
  } else {
    for (const server of servers) sim.addNode(server, fakeServer(world));
  }
  const config = clientConfig(servers, {
    sessionTimeoutMs: options.sessionTimeoutMs ?? 3_000,
    reconnectDelayMaxUs: ms(200),
  });
  options.programs.forEach((program, i) => {
    sim.addNode(clients[i] ?? "", recipeNode(config, program));
  });
  if (options.resource !== undefined) sim.addNode(RESOURCE, fencedResource(options.resource));
  return { sim, world, servers, clients };
}

/** A fault as a start op and the op that ends it. */
export type Fault = readonly [startMs: number, forMs: number, ops: readonly [NemesisOp, NemesisOp]];

export function faultSchedule(faults: readonly Fault[]): ScheduledOp[] {
  return faults
    .flatMap(([atMs, forMs, [start, stop]]) => [
      { atUs: atMs * 1_000, op: start },
      { atUs: (atMs + forMs) * 1_000, op: stop },
    ])
    .sort((a, b) => a.atUs - b.atUs);
}

/** The recipe notes of a run, as `event client` lines, for failure messages. */
export function notesOf(s: RecipeSetup): readonly string[] {
  return s.sim.observations
    .filter((r) => r.observation.kind === "recipe")
    .map((r) => `${r.timeUs} ${r.observation.client} ${r.observation.event}`);
}
