// The client-operation timeline as compact columns for the page's script: start times delta-encoded in
// µs, strings interned in tables, one array per field, so 100,000 operations stay a few megabytes.
import type { HistoryLine, TraceLine } from "../run-data/index.js";
import { assignLanes, type ClientOp, OP_STATUSES } from "./client-ops.js";
import { nodeKinds } from "./node-kinds.js";
import { opDetail } from "./op-labels.js";
import { laneInfo, laneMarks, type TimelineMarks } from "./timeline-marks.js";

export interface TimelineColumns {
  /** One label per client (`c3`, `app-1`, `lock-2`), or `lane N` when packed. */
  readonly lanes: readonly string[];
  /** Each lane's other identities, for its tooltip. */
  readonly laneInfo: readonly string[];
  /** Steps of clients without history operations (recipe lock holders), as marks on their lanes. */
  readonly marks: TimelineMarks;
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
  /** The operation in short, without its name: `/k0 = 3000016`, `/k0 → 4000017`. */
  readonly detail: readonly string[];
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

function shownDetail(op: ClientOp): string {
  const text = opDetail(op.invoke, op.completion);
  return text.length > VALUE_CHARS_MAX ? `${text.slice(0, VALUE_CHARS_MAX - 1)}…` : text;
}

function field(entry: HistoryLine | null, name: string): unknown {
  return entry === null ? undefined : (entry as Record<string, unknown>)[name];
}

export function timelineColumns(
  ops: readonly ClientOp[],
  name: (process: number) => string,
  trace: readonly TraceLine[] = [],
): TimelineColumns {
  const labels = new Set(ops.map((op) => name(op.process)));
  const quiet = nodeKinds(trace).clients.filter((client) => !labels.has(client));
  const lanes = assignLanes(ops, name, quiet);
  const fNames = new Interner();
  const servers = new Interner();
  const errors = new Interner();
  const columns = {
    startDelta: [] as number[],
    duration: [] as number[],
    status: [] as number[],
    f: [] as number[],
    detail: [] as string[],
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
    columns.detail.push(shownDetail(op));
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
    laneInfo: lanes.packed ? [] : laneInfo(lanes.names, ops, lanes.laneOf),
    marks: lanes.packed
      ? { lane: [], us: [], text: [] }
      : laneMarks(trace, lanes.names, new Set(quiet)),
    packed: lanes.packed,
    fNames: fNames.table,
    servers: servers.table,
    errors: errors.table,
    lane: lanes.laneOf,
    ...columns,
  };
}
