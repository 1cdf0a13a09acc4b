// Where the ZooKeeper-level violations show in a run: the consistency check names records (the recorder's
// interleaving of the history's client lines, the watch events and the leader's own writes), which map
// exactly onto history.jsonl lines and the observations the events came from; the sessions check names a
// server's final tree, whose bad ephemeral shows where that server applied the create or the close.
import type { ZkRecord, ZkViolationAt } from "../../../protocol/zk/consistency/index.js";
import type { TxnRecord } from "../../../protocol/zk/data-tree/index.js";
import { txnRecordOf } from "../../../protocol/zk/server/index.js";
import type { Json } from "../../../sim/api/index.js";
import type { ObservationRecord } from "../../../sim/kernel/index.js";
import type { HistoryEntry } from "../../../sim/record/index.js";
import { SYSTEM_PROCESS_BASE } from "../labels.js";
import type { ViolationAt } from "../system.js";

/** Maps consistency violations' records to history indices and observations. */
export class ZkRecordLocator {
  readonly #history: readonly HistoryEntry[];
  /** History index by record position (client lines only). */
  readonly #lines = new Map<number, number>();
  /** The observation by watch-event record position. */
  readonly #events = new Map<number, ObservationRecord>();

  /** `clients`: the client nodes whose watch events the recorder kept (the workload's). */
  constructor(
    records: readonly ZkRecord[],
    history: readonly HistoryEntry[],
    observations: readonly ObservationRecord[],
    clients: readonly string[],
  ) {
    this.#history = history;
    const clientSet: ReadonlySet<string> = new Set(clients);
    const watchEvents = observations.filter(
      (r) => r.observation.kind === "watch-event" && clientSet.has(r.node),
    );
    let line = 0;
    let event = 0;
    records.forEach((record, position) => {
      if (record.kind === "watch-event") {
        const observed = watchEvents[event++];
        if (observed !== undefined) this.#events.set(position, observed);
        return;
      }
      if (record.kind === "connected" || record.process >= SYSTEM_PROCESS_BASE) return;
      while (line < history.length && typeof history[line]?.process !== "number") line++;
      this.#lines.set(position, line++);
    });
  }

  /** The history index of the invoke at record `position`. */
  historyIndex(position: number): number | undefined {
    return this.#lines.get(position);
  }

  /**
   * The violation in history terms: the operation's invoke index, when its answer came (its invoke, if none
   * did) and from which server; the involved operations' invokes; a watch event's client, server and time.
   */
  locate(at: ZkViolationAt): ViolationAt {
    const zxid = at.zxid === undefined || at.zxid < 0 ? {} : { zxid: at.zxid };
    const involved = (at.relatedRecords ?? []).flatMap((r) => this.#lines.get(r) ?? []);
    const base = {
      ...zxid,
      ...(at.related === undefined ? {} : { related: at.related }),
      ...(involved.length === 0 ? {} : { involved }),
    };
    const event = at.eventRecord === undefined ? undefined : this.#events.get(at.eventRecord);
    if (event !== undefined) {
      const server = event.observation.server;
      return {
        ...base,
        ...(typeof server === "string" ? { node: server } : {}),
        client: event.node,
        timeUs: event.timeUs,
        observed: "watch-event",
      };
    }
    const historyIndex = at.record === undefined ? undefined : this.#lines.get(at.record);
    const invoke = historyIndex === undefined ? undefined : this.#history[historyIndex];
    if (at.process !== undefined && at.process >= SYSTEM_PROCESS_BASE) {
      // The leader's own write is in no history: it shows where the operation it conflicts with answered.
      const other = involved[0];
      const when = other === undefined ? {} : answerOf(this.#history, other);
      return { ...base, process: at.process, client: "leader", ...when };
    }
    if (historyIndex === undefined || invoke === undefined) return base;
    return {
      ...base,
      process: invoke.process as number,
      historyIndex,
      ...answerOf(this.#history, historyIndex),
    };
  }
}

/** When and where the operation invoked at `index` was answered (its invoke time when it never was). */
export function answerOf(
  history: readonly HistoryEntry[],
  index: number,
): { readonly timeUs: number; readonly node?: string } {
  const invoke = history[index];
  const done = history.find((e, i) => i > index && e.process === invoke?.process);
  const timeUs = Math.floor((done?.time ?? invoke?.time ?? 0) / 1000);
  return typeof done?.server === "string" ? { timeUs, node: done.server } : { timeUs };
}

/** What a server applied about one ephemeral: the create that made it and its session's close. */
export interface EphemeralTxns {
  readonly create?: { readonly zxid: number; readonly timeUs: number };
  readonly close?: { readonly zxid: number; readonly timeUs: number };
}

function createsPath(record: TxnRecord, path: string, session: number): boolean {
  const { txn } = record;
  const subs = txn.type === "multi" ? txn.txns : [txn];
  return subs.some(
    (sub) =>
      sub.type === "create" &&
      sub.path === path &&
      sub.owner.kind === "session" &&
      sub.owner.sessionId === session,
  );
}

/** The txns `server` applied that made `path` an ephemeral of `session`, and that closed the session. */
export function ephemeralTxns(
  observations: readonly ObservationRecord[],
  server: string,
  path: string,
  session: number,
): EphemeralTxns {
  let create: EphemeralTxns["create"];
  let close: EphemeralTxns["close"];
  for (const { node, timeUs, observation } of observations) {
    if (node !== server || observation.kind !== "deliver") continue;
    const zxid = Number(observation.zxid);
    const record = txnRecordOf(zxid, observation.value ?? null);
    if (createsPath(record, path, session)) create = { zxid, timeUs };
    if (record.txn.type === "closeSession" && record.header.sessionId === session)
      close = { zxid, timeUs };
  }
  return { ...(create === undefined ? {} : { create }), ...(close === undefined ? {} : { close }) };
}

/**
 * The history index of the client create whose txn is `create`: the one answered with its zxid, or else the
 * last create of that path (a sequential one's prefix) sent before the txn was applied, under that session,
 * and never answered ok.
 */
export function createInHistory(
  history: readonly HistoryEntry[],
  create: { readonly zxid: number; readonly timeUs: number } | undefined,
  path: string,
  session: number,
): number | undefined {
  if (create === undefined) return undefined;
  const answered = history.findIndex(
    (e) => e.type === "ok" && e.zxid === create.zxid && typeof e.process === "number",
  );
  const done = history[answered];
  if (done !== undefined)
    return history.findLastIndex(
      (e, i) => i < answered && e.process === done.process && e.type === "invoke",
    );
  const named = history.findLastIndex(
    (e, i) =>
      e.type === "invoke" &&
      e.f === "create" &&
      e.time / 1000 <= create.timeUs &&
      namesPath(pathOf(e.value), path) &&
      unansweredIn(history, i, session),
  );
  return named < 0 ? undefined : named;
}

/** `/k1/s-` names `/k1/s-0000000022` (a sequential create); any path names itself. */
function namesPath(asked: string | undefined, path: string): boolean {
  if (asked === undefined) return false;
  return asked === path || (path.startsWith(asked) && /^\d{10}$/.test(path.slice(asked.length)));
}

/** The operation invoked at `index` got no ok answer, and its completion (if any) names `session`. */
function unansweredIn(history: readonly HistoryEntry[], index: number, session: number): boolean {
  const process = history[index]?.process;
  const done = history.find((e, i) => i > index && e.process === process);
  if (done?.type === "ok") return false;
  return typeof done?.session !== "number" || done.session === 0 || done.session === session;
}

function pathOf(value: Json): string | undefined {
  const path = (value as { readonly path?: Json } | null)?.path;
  return typeof path === "string" ? path : undefined;
}
