// The HTML run report: recorded run data in, one self-contained HTML page out.
export { type ClientOp, pairClientOps } from "./client-ops.js";
export { escapeHtml, scriptJson } from "./escape.js";
export { type FaultInterval, faultIntervals } from "./fault-intervals.js";
export { findFocus, zxidsIn } from "./focus.js";
export { type MessageWindow, messageWindow } from "./message-window.js";
export { metricsOf } from "./metrics.js";
export { renderReport } from "./render-report.js";
export type { ReportInput } from "./report-model.js";
export { roleTimeline, type ServerRoles } from "./role-timeline.js";
export { timelineColumns } from "./timeline-data.js";
export { type ZkCounterexample, zkCounterexampleSection } from "./zk-counterexample-section.js";
