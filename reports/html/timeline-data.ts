// The client-operation timeline as compact columns for the page's script: start times delta-encoded in
// µs, strings interned in tables, one array per field, so 100,000 operations stay a few megabytes.
import type { HistoryLine } from "../run-data/index.js";
import { assignLanes, type ClientOp, OP_STATUSES } from "./client-ops.js";

export interface TimelineColumns {
  readonly lanes: readonly string[];
  readonly packed: boolean;
  readonly fNames: readonly string[];
  readonly servers: readonly string[];
  readonly errors: readonly string[];
  /** Start of each operation minus the previous one's, in µs (operations are in start order). */
  readonly startDelta: readonly number[];
  /** Duration in µs; -1 for an operation never completed. */
  readonly duration: readonly number[];
  readonly lane: readonly number[];
  /** Index into OP_STATUSES. */
  readonly status: readonly number[];
  readonly f: readonly number[];
  readonly value: readonly (number | string | null)[];
  /** Index into `servers` / `errors`, or -1. */
  readonly server: readonly number[];
  readonly error: readonly number[];
  /** The reply's zxid as epoch and counter (shorter than one 40-bit number), or -1. */
  readonly zxidEpoch: readonly number[];
  readonly zxidCounter: readonly number[];
}

const VALUE_CHARS_MAX = 60;

class Interner {
  readonly table: string[] = [];
  readonly #index = new Map<string, number>();
  of(text: string): number {
    let index = this.#index.get(text);
    if (index === undefined) {
      index = this.table.length;
      this.table.push(text);
      this.#index.set(text, index);
    }
    return index;
  }
}

function shownValue(op: ClientOp): number | string | null {
  const value = op.completion?.value ?? op.invoke.value ?? null;
  if (value === null || typeof value === "number") return value;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > VALUE_CHARS_MAX ? `${text.slice(0, VALUE_CHARS_MAX - 1)}…` : text;
}

function field(entry: HistoryLine | null, name: string): unknown {
  return entry === null ? undefined : (entry as Record<string, unknown>)[name];
}

export function timelineColumns(
  ops: readonly ClientOp[],
  clientOf: ReadonlyMap<number, number>,
): TimelineColumns {
  const lanes = assignLanes(ops, clientOf);
  const fNames = new Interner();
  const servers = new Interner();
  const errors = new Interner();
  const columns = {
    startDelta: [] as number[],
    duration: [] as number[],
    status: [] as number[],
    f: [] as number[],
    value: [] as (number | string | null)[],
    server: [] as number[],
    error: [] as number[],
    zxidEpoch: [] as number[],
    zxidCounter: [] as number[],
  };
  let previousUs = 0;
  for (const op of ops) {
    const startUs = Math.round(op.startUs);
    columns.startDelta.push(startUs - previousUs);
    previousUs = startUs;
    columns.duration.push(op.endUs === null ? -1 : Math.max(0, Math.round(op.endUs) - startUs));
    columns.status.push(OP_STATUSES.indexOf(op.status));
    columns.f.push(fNames.of(op.f));
    columns.value.push(shownValue(op));
    const server = field(op.completion, "server") ?? field(op.invoke, "server");
    columns.server.push(typeof server === "string" ? servers.of(server) : -1);
    const error = field(op.completion, "error");
    columns.error.push(error === undefined ? -1 : errors.of(String(error)));
    const zxid = field(op.completion, "zxid");
    const hasZxid = typeof zxid === "number" && zxid >= 0;
    columns.zxidEpoch.push(hasZxid ? Math.floor(zxid / 2 ** 32) : -1);
    columns.zxidCounter.push(hasZxid ? zxid % 2 ** 32 : -1);
  }
  return {
    lanes: lanes.names,
    packed: lanes.packed,
    fNames: fNames.table,
    servers: servers.table,
    errors: errors.table,
    lane: lanes.laneOf,
    ...columns,
  };
}
