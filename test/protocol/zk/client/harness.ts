// Client tests on the real kernel: 1–3 fake servers sharing one FakeWorld, and client nodes running the
// real client library; helpers to submit calls and read replies, session events and watch events.
import {
  type ClientConfig,
  type ClientState,
  clientConfig,
  zkClient,
} from "../../../../protocol/zk/client/index.js";
import { type Json, ms, type NodeId, nodeId, type Observation } from "../../../../sim/api/index.js";
import { Simulation } from "../../../../sim/kernel/index.js";
import type { HistoryEntry } from "../../../../sim/record/index.js";
import { fakeServer } from "./fake-server.js";
import { type FakeWorld, fakeWorld } from "./fake-world.js";

export type Setup = {
  readonly sim: Simulation;
  readonly world: FakeWorld;
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
  /** The last process number handed out by `call`. */
  readonly processes: { last: number };
};

export type SetupOptions = {
  readonly seed?: number;
  readonly servers?: number;
  readonly clients?: number;
  readonly client?: Partial<Omit<ClientConfig, "servers">>;
};

/** tickTime 200 ms (session timeouts 400 ms .. 4 s); the client asks for 3 s; failures detected in 0.1–0.4 s. */
export function setup(options: SetupOptions = {}): Setup {
  const servers = Array.from({ length: options.servers ?? 1 }, (_, i) => nodeId(`n${i + 1}`));
  const clients = Array.from({ length: options.clients ?? 1 }, (_, i) => nodeId(`c${i + 1}`));
  const world = fakeWorld();
  const sim = new Simulation({
    seed: options.seed ?? 1,
    network: { detection: { kind: "uniform", minUs: 100_000, maxUs: 400_000 } },
  });
  for (const server of servers) sim.addNode(server, fakeServer(world));
  const config = clientConfig(servers, {
    sessionTimeoutMs: 3_000,
    reconnectDelayMaxUs: ms(200),
    ...options.client,
  });
  for (const client of clients) sim.addNode(client, zkClient(config));
  return { sim, world, servers, clients, processes: { last: 0 } };
}

/** Submits one call; each call gets its own process so calls of one client may overlap. */
export function call(s: Setup, atMs: number, f: string, value: Json, client = "c1"): number {
  const process = ++s.processes.last;
  s.sim.submit({ atUs: Math.round(atMs * 1_000), node: client, process, f, value });
  return process;
}

export type Completion = HistoryEntry & { readonly type: "ok" | "fail" | "info" };

/** Completions in history order. */
export function completions(s: Setup): readonly Completion[] {
  return s.sim.history.filter(
    (e): e is Completion => e.process !== "nemesis" && e.type !== "invoke",
  );
}

export function completionOf(s: Setup, process: number): Completion | undefined {
  return completions(s).find((e) => e.process === process);
}

export type Observed = Observation & { readonly timeUs: number };

/** Observations of `kind` recorded by (or naming) `client`, with their time. */
export function observed(s: Setup, kind: string, client = "c1"): readonly Observed[] {
  return s.sim.observations
    .filter((r) => r.observation.kind === kind && (r.observation.client ?? r.node) === client)
    .map((r) => ({ ...r.observation, timeUs: r.timeUs }));
}

export function clientState(s: Setup, client = "c1"): ClientState {
  return s.sim.stateOf(client) as ClientState;
}

/** The server the client is connected to now (the test fails if it is not connected). */
export function connectedServer(s: Setup, client = "c1"): NodeId {
  const connection = clientState(s, client).connection;
  if (connection === null || !connection.established) throw new Error(`${client} is not connected`);
  return connection.server;
}

export function sessionEvents(s: Setup, client = "c1"): readonly string[] {
  return observed(s, "session-event", client).map((o) => String(o.state));
}
