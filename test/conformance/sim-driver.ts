// Drives the simulated ZooKeeper service on the kernel: an ensemble of zkServer nodes (ZAB underneath, no
// faults) and one zkClient node per session label. Every call is submitted as a kernel request and the
// simulation runs until it is answered, before the next call — the real side is driven the same way.
// A reconnect closes the handle and restarts its client node: the restarted node is a fresh handle, so each
// real session has its own simulated handle. Outcomes are normalized exactly like the real driver's.

import { clientConfig, zkClient } from "../../protocol/zk/client/index.js";
import type { Stat } from "../../protocol/zk/data-tree/index.js";
import { type ServerOptions, serverConfig, zkServer } from "../../protocol/zk/server/index.js";
import { type Json, type NodeId, nodeId } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import type { HistoryEntry } from "../../sim/record/index.js";
import {
  absolute,
  aclOf,
  type ConfOp,
  type Driver,
  type MultiItem,
  type MultiSubOp,
  type NormalStat,
  type Outcome,
  type ReceivedEvent,
  type SessionLabel,
  users,
} from "./ops.js";

/** Simulated time a call may take before the driver gives up (no faults: it is answered in ms). */
const CALL_LIMIT_US = 120_000_000;

type Fields = { readonly [key: string]: Json };

export type SimDriverOptions = {
  /** Servers in the ensemble (default 3: a leader and followers serving reads). */
  readonly servers?: number;
  readonly seed?: number;
  /** Every client connects to the first server only (a standalone server's view of watches). */
  readonly clientsOnFirstServer?: boolean;
  /**
   * Server settings beyond the defaults (ZooKeeper's system properties: container checks, TTL nodes). The
   * release line defaults to the real server's (REAL_ZK_VERSION).
   */
  readonly server?: ServerOptions;
};

/** The real server the conformance tests compare with is Debian's ZooKeeper 3.8.0 (zk-server.ts). */
export const REAL_ZK_VERSION = "3.8";

/** The simulated service and its two session labels; each method runs the kernel until it is done. */
export class SimService {
  readonly #sim: Simulation;
  readonly #clients: Record<SessionLabel, NodeId> = { A: nodeId("cA"), B: nodeId("cB") };
  readonly #generations: Record<SessionLabel, number> = { A: 0, B: 0 };
  /** The session each label's handle holds now (0 = none yet). */
  readonly #current: Record<SessionLabel, number> = { A: 0, B: 0 };
  /** The session each label's previous `open` returned: the next one must be newer. */
  readonly #used: Record<SessionLabel, number> = { A: 0, B: 0 };
  /** Every session's name ("A1", "B2"). */
  readonly #names = new Map<number, string>();
  /** Labels whose handle was closed: their node is restarted (a fresh handle) before the next session. */
  readonly #closed = new Set<SessionLabel>();
  #received: ReceivedEvent[] = [];
  /** The reply-header zxid of every notification any session received, in order (drained by the reader). */
  readonly notificationZxids: number[] = [];
  #waitingFor = -1;
  #answer: HistoryEntry | undefined;
  #process = 0;
  root = "";

  constructor(options: SimDriverOptions) {
    const servers = Array.from({ length: options.servers ?? 3 }, (_, i) => nodeId(`n${i + 1}`));
    const config = serverConfig(servers, { zkVersion: REAL_ZK_VERSION, ...options.server });
    this.#sim = new Simulation({ seed: options.seed ?? 1, keepTrace: false });
    for (const server of servers) this.#sim.addNode(server, zkServer(config));
    const hosts = options.clientsOnFirstServer === true ? servers.slice(0, 1) : servers;
    for (const client of Object.values(this.#clients)) {
      this.#sim.addNode(client, zkClient(clientConfig(hosts, { sessionTimeoutMs: 30_000 })));
    }
    this.#sim.onObservation(({ observation: o }) => {
      if (o.kind === "session-event" && o.state === "SyncConnected") {
        this.#connected(String(o.client), Number(o.session));
      }
      if (o.kind === "watch-event") {
        const session = this.#names.get(Number(o.session)) ?? `?${String(o.session)}`;
        this.#received.push({ session, type: String(o.type), path: String(o.path) });
        this.notificationZxids.push(Number(o.zxid));
      }
    });
    this.#sim.onReply(({ request, entry }) => {
      if (request.requestId === this.#waitingFor) {
        this.#answer = entry;
        this.#sim.stop();
      }
    });
  }

  #connected(client: string, session: number): void {
    const labels = Object.keys(this.#clients) as SessionLabel[];
    const label = labels.find((l) => this.#clients[l] === client);
    if (label === undefined || this.#names.has(session)) return;
    this.#generations[label] += 1;
    this.#names.set(session, `${label}${this.#generations[label]}`);
    this.#current[label] = session;
  }

  #runUntil(done: () => boolean, what: string): void {
    const deadline = this.#sim.nowUs + CALL_LIMIT_US;
    while (!done()) {
      if (this.#sim.nowUs >= deadline) throw new Error(`simulated ${what} did not finish`);
      this.#sim.run({ untilUs: deadline });
    }
  }

  /** Simulated ms since the start: the real side's wall clock, for waits measured from an event. */
  get nowMs(): number {
    return this.#sim.nowUs / 1_000;
  }

  /** Lets `durationMs` of simulated time pass with nothing submitted (timers fire, sessions ping). */
  idle(durationMs: number): void {
    this.#sim.run({ untilUs: this.#sim.nowUs + Math.round(durationMs * 1_000) });
  }

  /** Submits one call on the label's client node and runs the kernel until it is answered. */
  call(label: SessionLabel, f: string, value: Json): HistoryEntry {
    this.#answer = undefined;
    const node = this.#clients[label];
    const process = ++this.#process;
    this.#waitingFor = this.#sim.submit({ atUs: this.#sim.nowUs, node, process, f, value });
    this.#runUntil(() => this.#answer !== undefined, `${f} on ${label}`);
    this.#waitingFor = -1;
    const done = this.#answer as HistoryEntry | undefined;
    if (done === undefined) throw new Error(`no answer to ${f}`);
    return done;
  }

  /** A fresh session for the label: restart a closed handle's node, then wait for its SyncConnected. */
  open(label: SessionLabel): void {
    const before = this.#used[label];
    if (this.#closed.has(label)) {
      this.#closed.delete(label);
      const node = this.#clients[label];
      this.#sim.schedule([
        { atUs: this.#sim.nowUs, op: { f: "kill", node } },
        { atUs: this.#sim.nowUs, op: { f: "restart", node } },
      ]);
    }
    this.#runUntil(() => this.#current[label] !== before, `session for ${label}`);
    this.#used[label] = this.#current[label];
  }

  close(label: SessionLabel): void {
    if (this.#closed.has(label)) return;
    const done = this.call(label, "close", null);
    if (done.type !== "ok") throw new Error(`close of ${label} failed: ${JSON.stringify(done)}`);
    this.#closed.add(label);
  }

  /**
   * A sync on every open session: the leader answers it after every earlier txn committed, and the
   * session's server sends the events of those txns before the sync's reply.
   */
  settle(): readonly ReceivedEvent[] {
    for (const label of ["A", "B"] as const) {
      if (!this.#closed.has(label)) this.call(label, "sync", { path: "/" });
    }
    const events = this.#received;
    this.#received = [];
    return events;
  }

  /** The name ("A1") of a session id, for ephemeral owners. */
  nameOf(session: number): string | undefined {
    return this.#names.get(session);
  }

  stat(raw: Json): NormalStat {
    const s = raw as unknown as Stat;
    const owner = s.ephemeralOwner === 0 ? "0" : (this.#names.get(s.ephemeralOwner) ?? "?");
    return {
      czxid: s.czxid,
      mzxid: s.mzxid,
      pzxid: s.pzxid,
      version: s.version,
      cversion: s.cversion,
      aversion: s.aversion,
      ephemeralOwner: owner,
      dataLength: s.dataLength,
      numChildren: s.numChildren,
    };
  }

  runOp(op: Exclude<ConfOp, { op: "reconnect" }>): Outcome {
    const path = "path" in op ? absolute(this.root, op.path) : this.root;
    const done = this.call(op.s, op.op, requestValue(this.root, path, op));
    const value = (done.value ?? {}) as Fields;
    if (done.type !== "ok") return { ok: false, code: `CLIENT:${String(value.error)}` };
    return outcomeOf(op, value, (raw) => this.stat(raw));
  }
}

export function createSimDriver(options: SimDriverOptions = {}): Driver {
  const service = new SimService(options);
  return {
    begin: async (sequenceRoot) => {
      service.root = sequenceRoot;
      service.open("A");
      service.open("B");
      const created = service.runOp({
        op: "create",
        s: "A",
        path: "",
        data: "",
        mode: "persistent",
        acl: "open",
      });
      if (!created.ok) throw new Error(`sim cannot create ${sequenceRoot}: ${created.code}`);
      const rootStat = service.runOp({ op: "exists", s: "A", path: "" });
      if (!rootStat.ok || rootStat.stat === undefined) {
        throw new Error(`sim cannot stat ${sequenceRoot}`);
      }
      return rootStat.stat.czxid;
    },
    run: async (op) => {
      if (op.op !== "reconnect") return service.runOp(op);
      service.close(op.s);
      service.open(op.s);
      return { ok: true };
    },
    settle: async () => service.settle(),
    end: async () => {
      service.close("A");
      const events = [...service.settle()];
      service.close("B");
      events.push(...service.settle());
      return events;
    },
  };
}

function requestValue(root: string, path: string, op: Exclude<ConfOp, { op: "reconnect" }>): Json {
  switch (op.op) {
    case "create":
      return { path, data: op.data, acl: aclJson(op.acl), mode: op.mode };
    case "delete":
      return { path, version: op.version };
    case "setData":
      return { path, data: op.data, version: op.version };
    case "setACL":
      return { path, acl: aclJson(op.acl), version: op.version };
    case "multi":
      return { ops: op.ops.map((sub) => subRequest(root, sub)) };
    case "addAuth":
      return { scheme: "digest", credential: `${op.user}:${users[op.user]}` };
    case "getData":
    case "exists":
    case "getChildren":
      return { path, watch: op.watch === true };
    case "getACL":
      return { path };
  }
}

function aclJson(choice: Parameters<typeof aclOf>[0]): Json {
  return aclOf(choice).map((entry) => ({ perms: entry.perms, scheme: entry.scheme, id: entry.id }));
}

function subRequest(root: string, op: MultiSubOp): Json {
  const path = absolute(root, op.path);
  switch (op.op) {
    case "create":
      return {
        op: "create",
        path,
        data: op.data,
        acl: aclJson("open"),
        mode: op.mode,
      };
    case "delete":
      return { op: "delete", path, version: op.version };
    case "setData":
      return { op: "setData", path, data: op.data, version: op.version };
    case "check":
      return { op: "check", path, version: op.version };
  }
}

function outcomeOf(
  op: Exclude<ConfOp, { op: "reconnect" }>,
  value: Fields,
  stat: (raw: Json) => NormalStat,
): Outcome {
  const error = typeof value.error === "string" ? value.error : undefined;
  if (op.op === "multi") {
    const results = Array.isArray(value.results)
      ? value.results.map((sub) => multiItem(sub as Fields, stat))
      : [];
    return error === undefined ? { ok: true, results } : { ok: false, code: error, results };
  }
  if (error !== undefined) return { ok: false, code: error };
  switch (op.op) {
    case "create":
      return { ok: true, path: String(value.path) };
    case "delete":
    case "addAuth":
      return { ok: true };
    case "setData":
    case "setACL":
    case "exists":
      return { ok: true, stat: stat(value.stat ?? null) };
    case "getData":
      return { ok: true, data: String(value.data ?? ""), stat: stat(value.stat ?? null) };
    case "getChildren": {
      const children = Array.isArray(value.children) ? value.children.map(String) : [];
      return { ok: true, children: children.sort(), stat: stat(value.stat ?? null) };
    }
    case "getACL": {
      const acl = Array.isArray(value.acl) ? value.acl : [];
      return {
        ok: true,
        acl: acl.map((entry) => {
          const fields = entry as Fields;
          return {
            perms: Number(fields.perms),
            scheme: String(fields.scheme),
            id: String(fields.id),
          };
        }),
        stat: stat(value.stat ?? null),
      };
    }
  }
}

function multiItem(sub: Fields, stat: (raw: Json) => NormalStat): MultiItem {
  switch (sub.op) {
    case "create":
      return { type: "create", path: String(sub.path) };
    case "delete":
      return { type: "delete" };
    case "setData":
      return { type: "setData", stat: stat(sub.stat ?? null) };
    case "check":
      return { type: "check" };
    case "error":
      return { type: "error", code: String(sub.err) };
    default:
      return { type: "error", code: `unexpected ${String(sub.op)}` };
  }
}
