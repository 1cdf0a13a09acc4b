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

export function reportModel(input: ReportInput): ReportModel {
  const { record } = input;
  const endUs = endOf(record);
  const ops = pairClientOps(record.history);
  const clientOf = new Map(record.run.workload.map((op) => [op.process, op.client]));
  const name = clientNamer(record.run);
  const focus = findFocus(record, stuckOf(input, name));
  const pins = focus.involved.map((mark) => mark.position);
  return {
    input,
    endUs,
    ops,
    faults: faultIntervals(record.history, endUs),
    timeline: timelineColumns(ops, clientOf),
    roles: roleTimeline(record.trace, endUs, record.run.monitor),
    focus,
    window: messageWindow(record.trace, focus.position, pins),
    metrics: metricsOf(ops, endUs),
    name,
  };
}
