// Pairs invokes with completions into ZooKeeper operations, decoded into the typed calls the client
// library sends, and positions every record on one clock so rules can compare "before" and "after".

import type { Json } from "../../../sim/api/index.js";
import { type ClientCall, decodeCall } from "../client/index.js";
import type { ZkCall } from "./zk-call.js";
import {
  type ZkCompletion,
  type ZkConnected,
  ZkHistoryError,
  type ZkRecord,
  type ZkWatchEvent,
} from "./zk-history.js";

/** An operation that was sent (a `fail` is dropped: it never reached a server). */
export type ZkOperation = {
  readonly index: number;
  readonly process: number;
  readonly f: string;
  readonly call: ZkCall;
  readonly status: "ok" | "info";
  /** The completion's value; undefined for `info`. */
  readonly output: Json | undefined;
  readonly session: number;
  readonly server: Json;
  /** The reply zxid; null for `info`. */
  readonly zxid: number | null;
  /** Position of the invoke record. */
  readonly callAt: number;
  /** Position of the completion; +Infinity for `info`, which may take effect any time later. */
  readonly returnAt: number;
  /** For `info`: the zxid the recorder says it was committed at (ZkCompletion.committed), or null. */
  readonly committed: number | null;
};

export type PositionedEvent = ZkWatchEvent & { readonly at: number };
export type PositionedConnection = ZkConnected & { readonly at: number };

export type ZkParsed = {
  readonly operations: readonly ZkOperation[];
  readonly events: readonly PositionedEvent[];
  readonly connections: readonly PositionedConnection[];
};

type Open = {
  readonly process: number;
  readonly f: string;
  readonly value: Json;
  readonly at: number;
};

function callOf(f: string, value: Json, at: number): ZkCall | undefined {
  const decoded = decodeCall(f, value);
  if (!decoded.ok) throw new ZkHistoryError(at, `cannot read ${f}: ${decoded.reason}`);
  return zkCallOf(decoded.value);
}

function zkCallOf(call: ClientCall): ZkCall | undefined {
  if (call.call === "close") return { op: "closeSession" };
  return call.call === "op" ? call.op : undefined;
}

/** Pairs the records; invokes never completed are `info` with session 0 unless a later op names it. */
export function parseZkHistory(records: readonly ZkRecord[]): ZkParsed {
  const operations: ZkOperation[] = [];
  const events: PositionedEvent[] = [];
  const connections: PositionedConnection[] = [];
  const open = new Map<number, Open>();
  const push = (pending: Open, done: ZkCompletion | null, at: number): void => {
    const call = callOf(pending.f, pending.value, pending.at);
    if (call === undefined) return;
    const ok = done !== null && done.type === "ok";
    operations.push({
      index: operations.length,
      process: pending.process,
      f: pending.f,
      call,
      status: ok ? "ok" : "info",
      output: ok ? done.value : undefined,
      session: done?.session ?? 0,
      server: done?.server ?? null,
      zxid: ok ? done.zxid : null,
      callAt: pending.at,
      returnAt: ok ? at : Number.POSITIVE_INFINITY,
      committed: !ok && typeof done?.committed === "number" ? done.committed : null,
    });
  };
  records.forEach((record, at) => {
    if (record.kind === "watch-event") {
      events.push({ ...record, at });
      return;
    }
    if (record.kind === "connected") {
      connections.push({ ...record, at });
      return;
    }
    const pending = open.get(record.process);
    if (record.kind === "invoke") {
      if (pending !== undefined) push(pending, null, at);
      open.set(record.process, { process: record.process, f: record.f, value: record.value, at });
      return;
    }
    if (pending === undefined) {
      throw new ZkHistoryError(
        at,
        `process ${record.process} completes an operation it never invoked`,
      );
    }
    open.delete(record.process);
    if (record.type === "ok" && record.zxid === null) {
      throw new ZkHistoryError(at, "an ok completion must carry the reply zxid");
    }
    if (record.type !== "fail") push(pending, record, at);
  });
  for (const pending of open.values()) push(pending, null, records.length);
  operations.sort((left, right) => left.callAt - right.callAt);
  return {
    operations: operations.map((op, index) => ({ ...op, index })),
    events,
    connections,
  };
}

/** The `error` code of an answered operation, or null when it answered OK (or not at all). */
export function errorOf(op: ZkOperation): string | null {
  const { output } = op;
  if (typeof output !== "object" || output === null || !("error" in output)) return null;
  const error = (output as { readonly [key: string]: Json }).error;
  return typeof error === "string" ? error : null;
}
