// Everything the report shows, derived from the recorded run in one pass of pure functions: operations,
// faults, roles, the message window around the violation, and metrics.

import type { Counterexample } from "../../sim/check/index.js";
import type { AppNoteJson, HistoryLine, RunRecord } from "../run-data/index.js";
import { type ClientOp, pairClientOps } from "./client-ops.js";
import type { LineTime } from "./counterexample-section.js";
import { type FaultInterval, faultIntervals } from "./fault-intervals.js";
import { type Focus, findFocus } from "./focus.js";
import { type MessageWindow, messageWindow } from "./message-window.js";
import { type Metrics, metricsOf } from "./metrics.js";
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
  readonly lineTime: LineTime;
}

function endOf(record: RunRecord): number {
  const lastTrace = record.trace.at(-1)?.timeUs ?? 0;
  const lastHistory = (record.history.at(-1)?.time ?? 0) / 1000;
  return Math.max(record.run.stats.sim_time_us ?? 0, lastTrace, lastHistory, 1);
}

/** history.jsonl is written one entry per line, so line N is entry N-1. */
function lineTimeOf(history: readonly HistoryLine[]): LineTime {
  return (line) => {
    const entry = history[line - 1];
    return entry === undefined ? null : entry.time / 1000;
  };
}

export function reportModel(input: ReportInput): ReportModel {
  const { record, counterexample } = input;
  const endUs = endOf(record);
  const ops = pairClientOps(record.history);
  const clientOf = new Map(record.run.workload.map((op) => [op.process, op.client]));
  const lineTime = lineTimeOf(record.history);
  const stuckAtUs = counterexample === null ? null : lineTime(counterexample.op.callLine);
  const focus = findFocus(record, stuckAtUs);
  return {
    input,
    endUs,
    ops,
    faults: faultIntervals(record.history, endUs),
    timeline: timelineColumns(ops, clientOf),
    roles: roleTimeline(record.trace, endUs),
    focus,
    window: messageWindow(record.trace, focus.position),
    metrics: metricsOf(ops, endUs),
    lineTime,
  };
}
