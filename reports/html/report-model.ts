// Everything the report shows, derived from the recorded run in one pass of pure functions: operations,
// faults, roles, the message window around the violation, and metrics.

import type { Counterexample } from "../../sim/check/index.js";
import type { AppNoteJson, RunRecord } from "../run-data/index.js";
import { type ClientOp, pairClientOps } from "./client-ops.js";
import { conflictOf } from "./conflict.js";
import { type FaultInterval, faultIntervals } from "./fault-intervals.js";
import { type Focus, findFocus, type StuckOp } from "./focus.js";
import { type MessageWindow, messageWindow } from "./message-window.js";
import { type Metrics, metricsOf } from "./metrics.js";
import { type ClientNamer, clientNamer } from "./op-labels.js";
import { roleTimeline, type ServerRoles } from "./role-timeline.js";
import { type TimelineColumns, timelineColumns } from "./timeline-data.js";
import type { ZkCounterexample } from "./zk-counterexample-section.js";

export interface ReportInput {
  readonly record: RunRecord;
  /** The linearizability counterexample, when a linearizability check failed and one was found. */
  readonly counterexample: Counterexample | null;
  /** For a failed ZooKeeper-consistency check: the explained violation, or why there is none. */
  readonly zkCounterexample?: ZkCounterexample | null;
  /** An app run's notes (notes.jsonl), in simulated-time order. */
  readonly notes?: readonly AppNoteJson[];
}

export interface ReportModel {
  readonly input: ReportInput;
  readonly endUs: number;
  readonly ops: readonly ClientOp[];
  readonly faults: readonly FaultInterval[];
  readonly timeline: TimelineColumns;
  readonly roles: readonly ServerRoles[];
  readonly focus: Focus;
  readonly window: MessageWindow;
  readonly metrics: Metrics;
  readonly name: ClientNamer;
  /** The violation for the timeline: its moment, its label, and the operations involved (indices in `ops`). */
  readonly marked: MarkedViolation | null;
}

export interface MarkedViolation {
  readonly us: number;
  readonly label: string;
  readonly ops: readonly number[];
}

function endOf(record: RunRecord): number {
  const lastTrace = record.trace.at(-1)?.timeUs ?? 0;
  const lastHistory = (record.history.at(-1)?.time ?? 0) / 1000;
  return Math.max(record.run.stats.sim_time_us ?? 0, lastTrace, lastHistory, 1);
}

/** The counterexample's operation that cannot be placed and those it conflicts with, as invoke indices. */
function stuckOf(input: ReportInput, name: ClientNamer): StuckOp | null {
  const ce = input.counterexample;
  if (ce === null) return null;
  const conflict = conflictOf(ce, input.record.history, name);
  const involved = conflict.ops
    .filter((op) => op.role !== "stuck")
    .map((op) => op.view.callLine - 1);
  return { invokeIndex: ce.op.callLine - 1, involved };
}

/** The violation's moment (the diagram's focus) and its operations: `at`'s, or the counterexample's. */
function markedViolation(
  record: RunRecord,
  ops: readonly ClientOp[],
  focus: Focus,
  stuck: StuckOp | null,
): MarkedViolation | null {
  if (record.run.violations.length === 0 || record.trace.length === 0) return null;
  const at = record.run.violations[0]?.at;
  const invokes = [
    ...(at?.historyIndex === undefined ? [] : [at.historyIndex]),
    ...(at?.involved ?? []),
    ...(stuck === null ? [] : [stuck.invokeIndex, ...stuck.involved]),
  ].map((index) => record.history[index]);
  const indexOf = new Map(ops.map((op, i) => [op.invoke, i]));
  const marked = invokes.flatMap((invoke) => {
    const index = invoke === undefined ? undefined : indexOf.get(invoke);
    return index === undefined ? [] : [index];
  });
  const us = record.trace[focus.position]?.timeUs ?? 0;
  return { us, label: focus.label, ops: [...new Set(marked)].sort((a, b) => a - b) };
}

export function reportModel(input: ReportInput): ReportModel {
  const { record } = input;
  const endUs = endOf(record);
  const ops = pairClientOps(record.history);
  const name = clientNamer(record.run);
  const stuck = stuckOf(input, name);
  const focus = findFocus(record, stuck);
  const pins = focus.involved.map((mark) => mark.position);
  return {
    input,
    endUs,
    ops,
    faults: faultIntervals(record.history, endUs),
    timeline: timelineColumns(ops, name, record.trace),
    roles: roleTimeline(record.trace, endUs, record.run.monitor),
    focus,
    window: messageWindow(record.trace, focus.position, pins),
    metrics: metricsOf(ops, endUs),
    name,
    marked: markedViolation(record, ops, focus, stuck),
  };
}
