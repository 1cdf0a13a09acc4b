// The run as the ZooKeeper consistency checker reads it (protocol/zk/consistency): the workload clients'
// operations from the kernel history, their watch events interleaved where they were observed, and the writes
// the leader makes on its own (closeSession of an expired session, deleteContainer). Fed by the driver's
// observation listener while the run goes; read once at the end.
import type { ZkConnected, ZkRecord, ZkWatchEvent } from "../../protocol/zk/consistency/index.js";
import type { TxnRecord } from "../../protocol/zk/data-tree/index.js";
import { txnRecordOf } from "../../protocol/zk/server/index.js";
import type { WatchEventType } from "../../protocol/zk/watches/index.js";
import type { Json } from "../../sim/api/index.js";
import type { ObservationRecord } from "../../sim/kernel/index.js";
import type { HistoryEntry } from "../../sim/record/index.js";
import { committedHints, type UnansweredWrite, writeCallOf } from "./committed-hints.js";
import { SYSTEM_PROCESS_BASE } from "./labels.js";

interface Positioned<T> {
  /** The history length when it was observed: it goes before the history entry of that index. */
  readonly at: number;
  readonly item: T;
}

export class ZkHistoryRecorder {
  readonly #clients: ReadonlySet<string>;
  readonly #clientOfProcess: (process: number) => string;
  readonly #history: readonly HistoryEntry[];
  /** Watch events and (re)connects, which persistent-watch rules need to tell a reconnect. */
  readonly #events: Positioned<ZkWatchEvent | ZkConnected>[] = [];
  readonly #sessions: Positioned<{ readonly client: string; readonly session: number }>[] = [];
  /** The first delivery of each txn on any server. */
  readonly #deliveries = new Map<number, TxnRecord>();
  /** Where each txn was first proposed (or, unseen, delivered): the recorder's hints bound writes by it. */
  readonly #preparedAt = new Map<number, number>();

  /**
   * `clients`: the workload client nodes (recipe nodes' calls are not in the history, so their events are
   * not either); `history`: the kernel's live history array, whose length positions each observation.
   */
  constructor(
    clients: readonly string[],
    clientOfProcess: (process: number) => string,
    history: readonly HistoryEntry[],
  ) {
    this.#clients = new Set(clients);
    this.#clientOfProcess = clientOfProcess;
    this.#history = history;
  }

  see(record: ObservationRecord): void {
    const o = record.observation;
    const at = this.#history.length;
    if (o.kind === "propose" || o.kind === "deliver") {
      const zxid = Number(o.zxid);
      if (!this.#preparedAt.has(zxid)) this.#preparedAt.set(zxid, at);
      if (o.kind === "deliver" && !this.#deliveries.has(zxid)) {
        this.#deliveries.set(zxid, txnRecordOf(zxid, o.value ?? null));
      }
      return;
    }
    if (!this.#clients.has(record.node)) return;
    if (o.kind === "session-event" && o.state === "SyncConnected") {
      this.#sessions.push({ at, item: { client: record.node, session: Number(o.session) } });
      const connected: ZkConnected = {
        kind: "connected",
        session: Number(o.session),
        server: o.server ?? null,
      };
      this.#events.push({ at, item: connected });
    }
    if (o.kind !== "watch-event") return;
    const event: ZkWatchEvent = {
      kind: "watch-event",
      session: Number(o.session),
      type: o.type as WatchEventType,
      path: String(o.path),
      zxid: Number(o.zxid),
    };
    this.#events.push({ at, item: event });
  }

  /** Client operations and watch events in observed order, bracketed by the leader's own writes. */
  records(): ZkRecord[] {
    const system = this.#systemWrites();
    const records: ZkRecord[] = [...system.invokes];
    const pending = new Map<
      number,
      { readonly f: string; readonly value: Json; readonly sent: number }
    >();
    const unanswered: UnansweredWrite[] = [];
    const answered = new Set<number>();
    let next = 0;
    const flushEvents = (upTo: number) => {
      for (let e = this.#events[next]; e !== undefined && e.at <= upTo; e = this.#events[++next]) {
        records.push(e.item);
      }
    };
    this.#history.forEach((entry, index) => {
      flushEvents(index);
      if (entry.process === "nemesis" || typeof entry.process !== "number") return;
      if (entry.type === "invoke") {
        pending.set(entry.process, { f: entry.f, value: entry.value, sent: index });
        records.push({ kind: "invoke", process: entry.process, f: entry.f, value: entry.value });
        return;
      }
      const session = this.#sessionOf(entry, index);
      const call = pending.get(entry.process);
      pending.delete(entry.process);
      // A read's zxid is where it was served, not a txn of its own.
      const write = call !== undefined && writeCallOf(call.f, call.value) !== undefined;
      if (entry.type === "ok" && typeof entry.zxid === "number" && write) answered.add(entry.zxid);
      if (entry.type === "info" && session !== 0 && call !== undefined) {
        const until = this.#reattachAfter(session, index);
        unanswered.push({ position: records.length, session, until, ...call });
      }
      records.push({
        kind: "complete",
        process: entry.process,
        type: entry.type,
        value: entry.value,
        session,
        server: entry.server ?? null,
        zxid: typeof entry.zxid === "number" ? entry.zxid : null,
      });
    });
    flushEvents(Number.POSITIVE_INFINITY);
    const hints = committedHints(unanswered, this.#deliveries, answered, this.#preparedAt);
    for (const [position, committed] of hints) {
      const record = records[position];
      if (record?.kind === "complete") records[position] = { ...record, committed };
    }
    return [...records, ...system.completions];
  }

  /** Where the session next attached to a server after history index `index` (+Infinity: never). */
  #reattachAfter(session: number, index: number): number {
    const next = this.#sessions.find((known) => known.item.session === session && known.at > index);
    return next?.at ?? Number.POSITIVE_INFINITY;
  }

  /**
   * The session of a completion. One the kernel ended because its client crashed carries none: it was sent
   * under the session the client held then (its last SyncConnected).
   */
  #sessionOf(entry: HistoryEntry, index: number): number {
    if (typeof entry.session === "number" && entry.session !== 0) return entry.session;
    if (entry.type !== "info" || typeof entry.process !== "number") return 0;
    const client = this.#clientOfProcess(entry.process);
    let session = 0;
    for (const known of this.#sessions) {
      if (known.at <= index && known.item.client === client) session = known.item.session;
    }
    return session;
  }

  /**
   * The leader's own writes, which no client history shows, as a `close` by the expired session and a
   * `delete` by session 0, invoked before everything and completed after everything: they are not
   * observations of any client, so they must not constrain real-time or session order.
   */
  #systemWrites(): { readonly invokes: ZkRecord[]; readonly completions: ZkRecord[] } {
    const answered = new Set<number>();
    for (const entry of this.#history) {
      if (entry.f === "close" && entry.type === "ok" && typeof entry.zxid === "number") {
        answered.add(entry.zxid);
      }
    }
    const invokes: ZkRecord[] = [];
    const completions: ZkRecord[] = [];
    for (const [zxid, { txn, header }] of [...this.#deliveries].sort((a, b) => a[0] - b[0])) {
      let f: string | undefined;
      let value: Json = null;
      if (txn.type === "closeSession" && !answered.has(zxid)) f = "close";
      else if (txn.type === "delete" && header.sessionId === 0) {
        f = "delete";
        value = { path: txn.path, version: -1 };
      }
      if (f === undefined) continue;
      const process = SYSTEM_PROCESS_BASE + invokes.length;
      invokes.push({ kind: "invoke", process, f, value });
      completions.push({
        kind: "complete",
        process,
        type: "ok",
        value: {},
        session: header.sessionId,
        server: null,
        zxid,
      });
    }
    return { invokes, completions };
  }
}
