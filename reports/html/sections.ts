// The report's chart sections: the client-operation timeline (drawn by the page script), the message
// diagram around the violation, server roles, latency and throughput.
import { escapeHtml } from "./escape.js";
import type { FaultInterval } from "./fault-intervals.js";
import { messagesSvg } from "./messages-svg.js";
import { metricsSvg } from "./metrics-svg.js";
import type { ReportModel } from "./report-model.js";
import { rolesSvg } from "./roles-svg.js";
import { formatUs } from "./time-format.js";

function swatch(color: string, label: string): string {
  return `<span><i class="swatch" style="background:${color}"></i>${escapeHtml(label)}</span>`;
}

export function timelineSection(model: ReportModel): string {
  const { timeline } = model;
  const packed = timeline.packed
    ? " Too many clients for a lane each: operations are packed into lanes by time."
    : "";
  return `<section id="timeline"><h2>Client operations, per client (${model.ops.length})</h2>
<p class="legend">${swatch("var(--ok)", "ok")}${swatch("var(--fail)", "fail")}${swatch("var(--info)", "info (outcome unknown; faded: never completed)")}${swatch("rgba(224,49,49,0.25)", "fault in force")}</p>
<p class="muted">One lane per client, by its name (hover a name for its processes, sessions and servers); ◆ marks the steps of clients that make no operations of their own (a recipe's lock holders). The red line is the violation; its operations are outlined. Wheel to zoom, drag to pan, double-click to reset, hover for details; shift-wheel scrolls lanes; zoomed in, bars show their operation.${packed}
<button type="button" id="zoom-in">zoom in</button> <button type="button" id="zoom-out">zoom out</button> <button type="button" id="zoom-reset">reset</button>${model.marked === null ? "" : ' <button type="button" id="zoom-violation">zoom to the violation</button>'} <span id="timeline-range"></span></p>
<div id="timeline-wrap"><canvas id="timeline-canvas"></canvas><div id="timeline-spacer"></div><div id="timeline-tip" hidden></div></div>
</section>`;
}

export function messagesSection(model: ReportModel): string {
  const { window, focus } = model;
  if (window.rows.length === 0)
    return `<section id="messages"><h2>Server messages</h2><p class="muted">No trace.jsonl in this run directory.</p></section>`;
  const row = window.rows[window.focusRow];
  const at = row === undefined ? "" : ` at ${formatUs(row.timeUs)} (trace event #${row.index})`;
  return `<section id="messages"><h2>Server messages around the violation</h2>
<p class="muted">Centred on ${escapeHtml(focus.reason)}${escapeHtml(at)}: the red ◆, on a highlighted row${focus.involved.length > 0 ? "; blue ◆ mark the other operations involved" : ""}. Servers first, then clients. Time flows down, one row per event.
trace.jsonl records deliveries, not sends: an arrow starts at the sender's last event before the delivery (dashed when that is above
the window). ${window.hidden} heartbeats and ticks are left out. Hover an arrow or dot for the full event.</p>
<div class="messages-scroll">${messagesSvg(window, focus)}</div>${outside(model)}</section>`;
}

/** Involved operations too far from the violation to draw in the window, named so they are not lost. */
function outside(model: ReportModel): string {
  const { window, focus } = model;
  const missing = focus.involved.filter((mark) => !window.positions.includes(mark.position));
  if (missing.length === 0) return "";
  const items = missing.map((mark) => `<li><code>${escapeHtml(mark.label)}</code></li>`).join("");
  return `<p class="muted">Also involved, outside this window:</p><ul>${items}</ul>`;
}

export function rolesSection(model: ReportModel): string {
  const legend = ["leading", "following", "looking", "observing", "paused", "down"]
    .map((role) => `<span><i class="swatch role-${role}-bg"></i>${role}</span>`)
    .join("");
  return `<section id="roles"><h2>Server roles and epochs</h2>
<p class="legend">${legend}</p>
<p class="muted">Servers only. Inferred from the messages each server sends and receives and its faults, and set to what mntr said at each probe (looking = not serving), so it agrees with the mode strip below; e<i>N</i> is the epoch. Faults shaded.</p>
${rolesSvg(model.roles, model.faults, model.endUs)}</section>`;
}

export function metricsSection(model: ReportModel): string {
  return `<section id="metrics"><h2>Latency and throughput</h2>
<p class="legend">${swatch("var(--ok)", "ok")}${swatch("var(--fail)", "fail")}${swatch("var(--info)", "info")}${swatch("rgba(224,49,49,0.25)", "fault in force")}${swatch("var(--fail)", "the violation (line)")}</p>
<p class="muted">Latency of every completed operation, at its completion (log scale):</p>
<div class="latency-wrap"><canvas id="latency-canvas"></canvas></div>
<p class="muted">Throughput and latency percentiles in ${model.metrics.buckets.length} buckets of ${formatUs(model.metrics.bucketUs)}; faults shaded. Hover a bar for its counts.</p>
${metricsSvg(model.metrics, model.faults, model.endUs)}</section>`;
}

export const FAULTS_LISTED = 500;

/** Listed as windows (a crash until its restart is one row); the count in the summary is run.json's. */
export function faultsSection(faults: readonly FaultInterval[]): string {
  const rows = faults
    .slice(0, FAULTS_LISTED)
    .map(
      (f) =>
        `<tr><td>${escapeHtml(formatUs(f.startUs))}</td><td>${f.endUs > f.startUs ? escapeHtml(formatUs(f.endUs)) : "—"}</td><td>${escapeHtml(f.label)}</td></tr>`,
    );
  const more =
    faults.length > FAULTS_LISTED
      ? `<p class="muted">… and ${faults.length - FAULTS_LISTED} more</p>`
      : "";
  return `<section id="faults"><details><summary><h2 style="display:inline">Fault windows (${faults.length})</h2></summary>
<table><thead><tr><th>from</th><th>until</th><th>fault</th></tr></thead><tbody>${rows.join("")}</tbody></table>${more}</details></section>`;
}
