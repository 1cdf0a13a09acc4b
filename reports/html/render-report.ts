// The HTML run report (issue 9): one self-contained file — inline CSS, inline SVG, one inline script, the
// data as JSON — that explains a recorded run. Pure: recorded data in, an HTML string out.

import { conflictOf } from "./conflict.js";
import { counterexampleSection } from "./counterexample-section.js";
import { escapeHtml, scriptJson } from "./escape.js";
import { LATENCY_SCRIPT } from "./latency-script.js";
import { notesSection } from "./notes-section.js";
import { type ReportInput, type ReportModel, reportModel } from "./report-model.js";
import {
  faultsSection,
  messagesSection,
  metricsSection,
  rolesSection,
  timelineSection,
} from "./sections.js";
import { serversSection } from "./servers-section.js";
import { type StoryFallback, storySection } from "./story-section.js";
import { REPORT_CSS } from "./style.js";
import { summarySection } from "./summary-section.js";
import { formatUs } from "./time-format.js";
import { TIMELINE_SCRIPT } from "./timeline-script.js";
import { violationsSection } from "./violations-section.js";
import { zkCounterexampleSection } from "./zk-counterexample-section.js";

const NAV = [
  ["story", "What went wrong"],
  ["summary", "Summary"],
  ["violations", "Violations"],
  ["notes", "App notes"],
  ["counterexample", "Counterexample"],
  ["zk-counterexample", "Counterexample"],
  ["timeline", "Operations"],
  ["messages", "Messages"],
  ["roles", "Roles"],
  ["servers", "Servers"],
  ["metrics", "Latency & throughput"],
  ["faults", "Faults"],
] as const;

function zkSection(input: ReportInput, model: ReportModel): string {
  const ce = input.zkCounterexample ?? null;
  return ce === null ? "" : zkCounterexampleSection(ce, model.name);
}

/** A linearizability failure told by its counterexample's key fact, placed where the diagram is centred. */
function storyFallback(model: ReportModel): StoryFallback | null {
  const ce = model.input.counterexample;
  if (ce === null) return null;
  const fact = conflictOf(ce, model.input.record.history, model.name).fact;
  const row = model.window.rows[model.window.focusRow];
  const where = row === undefined ? "" : `at ${formatUs(row.timeUs)} · ${model.focus.node}`;
  return { check: "linearizability", text: fact, where };
}

export function renderReport(input: ReportInput): string {
  const model = reportModel(input);
  const { run } = input.record;
  const sections = [
    storySection(input.record, model.name, storyFallback(model)),
    summarySection(run, model.ops.length),
    violationsSection(run),
    notesSection(input.notes, run.violations),
    input.counterexample === null
      ? ""
      : counterexampleSection(input.counterexample, input.record.history, model.name),
    zkSection(input, model),
    timelineSection(model),
    messagesSection(model),
    rolesSection(model),
    serversSection(run.monitor),
    metricsSection(model),
    faultsSection(model.faults),
  ].filter((section) => section !== "");
  const present = NAV.filter(([id]) => sections.some((s) => s.startsWith(`<section id="${id}"`)));
  const nav = present.map(([id, label]) => `<a href="#${id}">${label}</a>`).join("");
  // The script needs only the timeline, the faults and the violation; the rest is already drawn as SVG.
  const data = {
    endUs: Math.round(model.endUs),
    timeline: model.timeline,
    faults: model.faults,
    marked: model.marked,
  };
  const title = `zabsim: ${run.scenario} seed ${run.seed} — ${run.verdict}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<nav>${nav}</nav>
<main>
${sections.join("\n")}
</main>
<script id="report-data" type="application/json">${scriptJson(data)}</script>
<script>${LATENCY_SCRIPT}${TIMELINE_SCRIPT}</script>
</body>
</html>
`;
}
