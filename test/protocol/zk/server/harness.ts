// Server tests on the real kernel: an ensemble of simulated ZooKeeper servers (ZAB underneath) and client
// nodes running the real client library; helpers to submit calls, read replies and observations, and turn
// the run into the ZooKeeper history the consistency checker reads.
import {
  type ClientConfig,
  type ClientState,
  clientConfig,
  zkClient,
} from "../../../../protocol/zk/client/index.js";
import type {
  ZkConnected,
  ZkRecord,
  ZkWatchEvent,
} from "../../../../protocol/zk/consistency/index.js";
import type { TxnRecord } from "../../../../protocol/zk/data-tree/index.js";
import {
  type ServerConfig,
  type ServerOptions,
  serverConfig,
  txnRecordOf,
  type ZkServerState,
  zkServer,
} from "../../../../protocol/zk/server/index.js";
import type { WatchEventType } from "../../../../protocol/zk/watches/index.js";
import { type Json, ms, type NodeId, nodeId, type Observation } from "../../../../sim/api/index.js";
import { Simulation } from "../../../../sim/kernel/index.js";
import type { HistoryEntry } from "../../../../sim/record/index.js";

export const DETECTION_MAX_US = 400_000;

export type ZkSetup = {
  readonly sim: Simulation;
  readonly config: ServerConfig;
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
  readonly processes: { last: number };
  /**
   * Client watch events and (re)connections (SyncConnected) with the history length when each was
   * observed, to interleave them.
   */
  readonly events: { readonly at: number; readonly event: ZkWatchEvent | ZkConnected }[];
  /** Each client's sessions as they were established, with the history length at that moment. */
  readonly sessions: { readonly at: number; readonly client: string; readonly session: number }[];
  /** The client each process (call) ran on. */
  readonly clientOf: Map<number, string>;
  /** The first delivery of each txn anywhere, with the history length at that moment. */
  readonly deliveries: Map<number, { readonly at: number; readonly record: TxnRecord }>;
};

export type ZkSetupOptions = {
  readonly seed?: number;
  readonly servers?: number;
  readonly clients?: number;
  readonly server?: ServerOptions;
  readonly client?: Partial<Omit<ClientConfig, "servers">>;
  /** Per-client connect strings, by client index; default every server. */
  readonly clientServers?: readonly (readonly string[])[];
  readonly keepTrace?: boolean;
};

/** tickTime 100 ms (sessions 200 ms .. 2 s), syncLimit 5, initLimit 10; clients ask for 1.5 s sessions. */
export function zkSetup(options: ZkSetupOptions = {}): ZkSetup {
  const servers = Array.from({ length: options.servers ?? 3 }, (_, i) => nodeId(`n${i + 1}`));
  const clients = Array.from({ length: options.clients ?? 2 }, (_, i) => nodeId(`c${i + 1}`));
  const { zab, ...rest } = options.server ?? {};
  const config = serverConfig(servers, {
    ...rest,
    zab: { tickTimeUs: ms(100), maxNotificationIntervalUs: ms(1_600), ...zab },
  });
  const sim = new Simulation({
    seed: options.seed ?? 1,
    keepTrace: options.keepTrace ?? false,
    network: { detection: { kind: "uniform", minUs: 100_000, maxUs: DETECTION_MAX_US } },
  });
  for (const server of servers) sim.addNode(server, zkServer(config));
  clients.forEach((client, index) => {
    const list = options.clientServers?.[index]?.map(nodeId) ?? servers;
    const cc = clientConfig(list, {
      sessionTimeoutMs: 1_500,
      reconnectDelayMaxUs: ms(200),
      ...options.client,
    });
    sim.addNode(client, zkClient(cc));
  });
  const setup: ZkSetup = {
    sim,
    config,
    servers,
    clients,
    processes: { last: 0 },
    events: [],
    sessions: [],
    clientOf: new Map(),
    deliveries: new Map(),
  };
  sim.onObservation((record) => {
    const o = record.observation;
    if (o.kind === "deliver" && !setup.deliveries.has(Number(o.zxid))) {
      const zxid = Number(o.zxid);
      setup.deliveries.set(zxid, {
        at: sim.history.length,
        record: txnRecordOf(zxid, o.value ?? null),
      });
    }
    if (o.kind === "session-event" && o.state === "SyncConnected") {
      const client = String(o.client);
      setup.sessions.push({ at: sim.history.length, client, session: Number(o.session) });
      const connected: ZkConnected = {
        kind: "connected",
        session: Number(o.session),
        server: (o.server as Json) ?? null,
      };
      setup.events.push({ at: sim.history.length, event: connected });
    }
    if (o.kind !== "watch-event") return;
    const event: ZkWatchEvent = {
      kind: "watch-event",
      session: Number(o.session),
      type: o.type as WatchEventType,
      path: String(o.path),
      zxid: Number(o.zxid),
    };
    setup.events.push({ at: sim.history.length, event });
  });
  return setup;
}

/** Submits one call; each call gets its own process so calls of one client may overlap. */
export function call(s: ZkSetup, atMs: number, f: string, value: Json, client = "c1"): number {
  const process = ++s.processes.last;
  s.clientOf.set(process, client);
  s.sim.submit({ atUs: Math.round(atMs * 1_000), node: client, process, f, value });
  return process;
}

export type Completion = HistoryEntry & { readonly type: "ok" | "fail" | "info" };

export function completions(s: ZkSetup): readonly Completion[] {
  return s.sim.history.filter(
    (e): e is Completion => e.process !== "nemesis" && e.type !== "invoke",
  );
}

export function completionOf(s: ZkSetup, process: number): Completion | undefined {
  return completions(s).find((e) => e.process === process);
}

/** The completion's value as an object. */
export function answerOf(s: ZkSetup, process: number): { readonly [key: string]: Json } {
  const done = completionOf(s, process);
  if (done === undefined) throw new Error(`process ${process} did not complete`);
  return done.value as { readonly [key: string]: Json };
}

export type Observed = Observation & { readonly timeUs: number; readonly node: string };

export function observed(s: ZkSetup, kind: string, node?: string): readonly Observed[] {
  return s.sim.observations
    .filter((r) => r.observation.kind === kind)
    .filter((r) => node === undefined || (r.observation.client ?? r.node) === node)
    .map((r) => ({ ...r.observation, timeUs: r.timeUs, node: r.node }));
}

export function sessionEvents(s: ZkSetup, client = "c1"): readonly string[] {
  return observed(s, "session-event", client).map((o) => String(o.state));
}

export function clientState(s: ZkSetup, client = "c1"): ClientState {
  return s.sim.stateOf(client) as ClientState;
}

export function serverState(s: ZkSetup, server: string): ZkServerState {
  return s.sim.stateOf(server) as ZkServerState;
}

export function connectedServer(s: ZkSetup, client = "c1"): NodeId | null {
  const connection = clientState(s, client).connection;
  return connection?.established === true ? connection.server : null;
}

/** The server currently leading and serving, if any. */
export function leaderOf(s: ZkSetup): NodeId | null {
  for (const server of s.servers) {
    if (s.sim.statusOf(server) !== "up") continue;
    const state = serverState(s, server);
    if (state.zab.role === "LEADING" && state.serving !== null) return server;
  }
  return null;
}

const ADMIN = new Set(["ruok", "srvr", "stat", "mntr", "cons"]);
const SYSTEM_PROCESS_BASE = 1_000_000_000;

/**
 * The writes the leader makes on its own, which no client history shows: closeSession of an expired session
 * and the ContainerManager's deleteContainer (session 0). They are given to the checker as a `close` by the
 * expired session and a `delete` by session 0, invoked before everything and completed after everything:
 * they are not observations of any client, so they must not constrain real-time or session order.
 */
function systemWrites(s: ZkSetup): {
  readonly invokes: ZkRecord[];
  readonly completions: ZkRecord[];
} {
  // A client's own close answered at this zxid is already in the history.
  const answered = new Set<number>();
  for (const entry of s.sim.history) {
    if (entry.f === "close" && entry.type === "ok" && typeof entry.zxid === "number") {
      answered.add(entry.zxid);
    }
  }
  const invokes: ZkRecord[] = [];
  const completions: ZkRecord[] = [];
  for (const [zxid, { record }] of [...s.deliveries].sort((a, b) => a[0] - b[0])) {
    const { txn, header } = record;
    let f: string | undefined;
    let value: Json = null;
    if (txn.type === "closeSession" && !answered.has(zxid)) f = "close";
    else if (txn.type === "delete" && header.sessionId === 0) {
      f = "delete";
      value = { path: txn.path, version: -1 };
    }
    if (f === undefined) continue;
    const process = SYSTEM_PROCESS_BASE + invokes.length;
    const session = header.sessionId;
    invokes.push({ kind: "invoke", process, f, value });
    completions.push({
      kind: "complete",
      process,
      type: "ok",
      value: {},
      session,
      server: null,
      zxid,
    });
  }
  return { invokes, completions };
}

/**
 * The session of a completion. One the kernel ended because its client crashed carries none: it was sent
 * under the session the client held then (its last SyncConnected), which the checker needs to know, e.g.
 * to delete an ephemeral it may have created when that session expires.
 */
function sessionOf(s: ZkSetup, entry: HistoryEntry, index: number): number {
  if (typeof entry.session === "number" && entry.session !== 0) return entry.session;
  if (entry.type !== "info" || typeof entry.process !== "number") return 0;
  const client = s.clientOf.get(entry.process);
  let session = 0;
  for (const known of s.sessions) {
    if (known.at <= index && known.client === client) session = known.session;
  }
  return session;
}

/** The run as the consistency checker reads it: client operations and watch events in observed order. */
export function zkRecords(s: ZkSetup): ZkRecord[] {
  const system = systemWrites(s);
  const records: ZkRecord[] = [...system.invokes];
  let next = 0;
  const flushEvents = (upTo: number) => {
    while (next < s.events.length && (s.events[next]?.at ?? Number.POSITIVE_INFINITY) <= upTo) {
      const item = s.events[next++];
      if (item !== undefined) records.push(item.event);
    }
  };
  s.sim.history.forEach((entry, index) => {
    flushEvents(index);
    if (entry.process === "nemesis" || ADMIN.has(entry.f)) return;
    if (entry.type === "invoke") {
      records.push({ kind: "invoke", process: entry.process, f: entry.f, value: entry.value });
      return;
    }
    records.push({
      kind: "complete",
      process: entry.process,
      type: entry.type,
      value: entry.value,
      session: sessionOf(s, entry, index),
      server: entry.server ?? null,
      zxid: typeof entry.zxid === "number" ? entry.zxid : null,
    });
  });
  flushEvents(Number.POSITIVE_INFINITY);
  return [...records, ...system.completions];
}
