// The two or three operations a linearizability counterexample turns on, as Porcupine zooms to them: the
// operation no order can place, the last one linearized before it (whose state it contradicts) and, for a
// read, the write of the value it returned; plus the key fact in one line.
import type { Counterexample, OperationView } from "../../sim/check/index.js";
import type { HistoryLine } from "../run-data/index.js";
import { type ClientNamer, shortOp } from "./op-labels.js";
import { formatUs } from "./time-format.js";

export interface ConflictOp {
  readonly view: OperationView;
  readonly client: string;
  /** `c2 setData /k0 = 3000016 @0x10000002b`. */
  readonly label: string;
  readonly role: "stuck" | "last" | "source" | "concurrent";
  readonly startUs: number;
  /** Null when it never completed. */
  readonly endUs: number | null;
}

export interface Conflict {
  readonly ops: readonly ConflictOp[];
  readonly fact: string;
}

const CONCURRENT_SHOWN = 2;

function entryOf(history: readonly HistoryLine[], line: number | null): HistoryLine | null {
  return line === null ? null : (history[line - 1] ?? null);
}

function dataOf(entry: HistoryLine | null): unknown {
  const value = entry?.value;
  if (typeof value === "object" && value !== null && "data" in value)
    return (value as { data: unknown }).data;
  const plain = entry?.f === "write" || entry?.f === "read";
  return plain && value !== null && value !== undefined ? value : undefined;
}

function conflictOp(
  history: readonly HistoryLine[],
  view: OperationView,
  role: ConflictOp["role"],
  name: ClientNamer,
): ConflictOp {
  const invoke = entryOf(history, view.callLine);
  const completion = entryOf(history, view.returnLine);
  const client = name(view.process);
  const what = invoke === null ? view.op : shortOp(invoke, completion);
  return {
    view,
    client,
    label: `${client} ${what}`,
    role,
    startUs: (invoke?.time ?? 0) / 1000,
    endUs: completion === null ? null : completion.time / 1000,
  };
}

/** For a read: the latest linearized write of the value it returned. */
function sourceOf(ce: Counterexample, history: readonly HistoryLine[]): OperationView | null {
  const stuck = ce.op;
  const read = entryOf(history, stuck.returnLine);
  if (read === null || dataOf(entryOf(history, stuck.callLine)) !== undefined) return null;
  const returned = dataOf(read);
  if (returned === undefined) return null;
  const steps = ce.partials.flatMap((p) => p.steps.map((s) => s.op));
  const writes = steps.filter((op) => dataOf(entryOf(history, op.callLine)) === returned);
  return writes.at(-1) ?? null;
}

export function conflictOf(
  ce: Counterexample,
  history: readonly HistoryLine[],
  name: ClientNamer,
): Conflict {
  const stuck = conflictOp(history, ce.op, "stuck", name);
  // A read refuted without a search names the write that overwrote its value and the last that gave it.
  const refutation = ce.refutation;
  const lastView =
    refutation === undefined ? (ce.partials[0]?.steps.at(-1)?.op ?? null) : refutation.overwrite;
  const last = lastView === null ? null : conflictOp(history, lastView, "last", name);
  const sourceView = refutation === undefined ? sourceOf(ce, history) : refutation.lastRestorer;
  const seen = new Set([ce.op.callLine, lastView?.callLine]);
  const source =
    sourceView === null || seen.has(sourceView.callLine)
      ? null
      : conflictOp(history, sourceView, "source", name);
  seen.add(sourceView?.callLine);
  const concurrent = ce.concurrent
    .filter((view) => !seen.has(view.callLine))
    .slice(0, CONCURRENT_SHOWN)
    .map((view) => conflictOp(history, view, "concurrent", name));
  const ops = [source, last, stuck, ...concurrent].filter((op): op is ConflictOp => op !== null);
  ops.sort((a, b) => a.startUs - b.startUs);
  return { ops, fact: factOf(ce, stuck, last, history) };
}

function factOf(
  ce: Counterexample,
  stuck: ConflictOp,
  last: ConflictOp | null,
  history: readonly HistoryLine[],
): string {
  const state = ce.partials[0]?.finalState ?? ce.initialState;
  const returned = dataOf(entryOf(history, stuck.view.returnLine));
  const isRead =
    returned !== undefined && dataOf(entryOf(history, stuck.view.callLine)) === undefined;
  if (last !== null && last.endUs !== null && last.endUs < stuck.startUs) {
    const gap = formatUs(stuck.startUs - last.endUs);
    const what = isRead ? `returned ${JSON.stringify(returned)}` : "cannot follow it";
    const then =
      ce.refutation === undefined
        ? `the state was then ${state}`
        : "nothing that could give that value again came after it";
    return `${stuck.client}'s ${stuck.view.op.split(" ")[0]} (invoked at ${formatUs(stuck.startUs)}) ${what}, ${gap} after ${last.label} had completed: ${then}.`;
  }
  if (ce.refutation !== undefined && last === null)
    return `${stuck.label} returned a value nothing gives before it returns, and the initial state ${state} does not hold it.`;
  if (last !== null)
    return `${stuck.label} is impossible in state ${state}, reached by ${last.label}.`;
  return `${stuck.label} is impossible in the initial state ${state}.`;
}
