// A linearizability counterexample as Porcupine draws one, zoomed: the key fact in one line, then only the
// two or three operations that conflict, on a row each at their real-time extents with short labels. The
// longest partial linearizations follow, folded: their operations as numbered bars per client, the linearized
// ones in order with the model state after each, and the operation that cannot be placed in red.
import type { Counterexample, PartialLinearization } from "../../sim/check/index.js";
import type { HistoryLine } from "../run-data/index.js";
import { type Conflict, type ConflictOp, conflictOf } from "./conflict.js";
import { escapeHtml } from "./escape.js";
import { type ClientNamer, shortOp } from "./op-labels.js";
import { el, timeScale, title } from "./svg.js";
import { formatUs } from "./time-format.js";

const WIDTH = 1000;
const LEFT = 60;
const ROW = 30;
/** Roughly the width of one character of an 11 px label, to keep labels inside the chart. */
const CHAR_PX = 6.2;

const ROLE_TEXT: { readonly [role in ConflictOp["role"]]: string } = {
  stuck: "cannot be placed",
  last: "the last operation linearized before it",
  source: "wrote the value it returned",
  concurrent: "concurrent with it",
};

const REFUTED_TEXT = {
  overwritten:
    "Refuted without a search: in real time the overwrite completed before the read began, and every operation that could give the value again had completed before the overwrite began.",
  never:
    "Refuted without a search: no operation invoked before the read returned could give the value, and the initial state does not hold it.",
} as const;

function zoomScale(ops: readonly ConflictOp[]) {
  const start = Math.min(...ops.map((op) => op.startUs));
  const end = Math.max(...ops.map((op) => op.endUs ?? op.startUs), start + 1);
  const pad = (end - start) * 0.04;
  // Half the width is left for labels beside the bars.
  return timeScale(start - pad, end + pad, LEFT + 250, WIDTH - LEFT - 500);
}

/** Beside the bar where it fits (right, else left), so no label runs out of the chart. */
function barLabel(text: string, x1: number, x2: number, y: number): string {
  const width = text.length * CHAR_PX;
  const right = x2 + 6 + width <= WIDTH - 4;
  const attrs = right
    ? { x: x2 + 6, y, class: "lin-label" }
    : { x: Math.max(LEFT + width, x1 - 6), y, class: "lin-label end" };
  return el("text", attrs, escapeHtml(text));
}

export function conflictSvg(conflict: Conflict): string {
  const scale = zoomScale(conflict.ops);
  const rows = conflict.ops.map((op, i) => {
    const y = i * ROW;
    const x1 = scale.x(op.startUs);
    const x2 = Math.max(x1 + 3, scale.x(op.endUs ?? scale.endUs));
    const tip = title(`${op.label}: ${ROLE_TEXT[op.role]}`);
    const cls = `lin-op ${op.role === "stuck" ? "lin-stuck" : op.role === "concurrent" ? "lin-other" : "lin-done"}`;
    const rect = el("rect", { x: x1, y: y + 6, width: x2 - x1, height: ROW - 12, class: cls }, tip);
    const lane = el("text", { x: 4, y: y + 19, class: "lane-label" }, escapeHtml(op.client));
    const mark = op.role === "stuck" ? "✗ " : "";
    return el(
      "g",
      { class: `conflict-op conflict-${op.role}` },
      lane,
      rect,
      barLabel(`${mark}${op.label}`, x1, x2, y + 19),
    );
  });
  const height = conflict.ops.length * ROW + 16;
  const span = el(
    "text",
    { x: WIDTH - 4, y: height - 2, class: "tick-label end" },
    escapeHtml(`${formatUs(scale.endUs - scale.startUs)} shown`),
  );
  return el(
    "svg",
    { id: "conflict-svg", viewBox: `0 0 ${WIDTH} ${height}`, width: "100%", role: "img" },
    ...rows,
    span,
  );
}

function partialSvg(
  partial: PartialLinearization,
  history: readonly HistoryLine[],
  name: ClientNamer,
) {
  const views = [...partial.steps.map((s) => s.op), partial.stuck];
  const clients = [...new Set(views.map((v) => name(v.process)))].sort();
  const time = (line: number | null) =>
    line === null ? null : (history[line - 1]?.time ?? 0) / 1000;
  const starts = views.map((v) => time(v.callLine) ?? 0);
  const ends = views.map((v) => time(v.returnLine) ?? Math.max(...starts));
  const start = Math.min(...starts);
  const end = Math.max(...ends, start + 1);
  // Room after the last bar for its badge.
  const scale = timeScale(start, end + (end - start) * 0.05, LEFT, WIDTH - LEFT - 10);
  const bars = views.map((view, i) => {
    const y = clients.indexOf(name(view.process)) * 22;
    const x1 = scale.x(starts[i] ?? start);
    const width = Math.max(3, scale.x(ends[i] ?? end) - x1);
    const stuck = i === views.length - 1;
    const order = stuck ? "✗" : `#${partial.omitted + i + 1}`;
    const cls = stuck ? "lin-op lin-stuck" : "lin-op lin-done";
    const rect = el(
      "rect",
      { x: x1, y: y + 3, width, height: 16, class: cls },
      title(`${order} ${name(view.process)} ${view.op}`),
    );
    return rect + el("text", { x: x1 + 2, y: y + 15, class: "lin-badge" }, escapeHtml(order));
  });
  const lanes = clients.map((c, i) =>
    el("text", { x: 4, y: i * 22 + 15, class: "lane-label" }, escapeHtml(c)),
  );
  const height = clients.length * 22 + 4;
  return el(
    "svg",
    { class: "partial-svg", viewBox: `0 0 ${WIDTH} ${height}`, width: "100%", role: "img" },
    ...lanes,
    ...bars,
  );
}

function partialBlock(
  partial: PartialLinearization,
  rank: number,
  history: readonly HistoryLine[],
  name: ClientNamer,
) {
  const label = (view: PartialLinearization["stuck"]) => {
    const invoke = history[view.callLine - 1];
    const done = view.returnLine === null ? null : (history[view.returnLine - 1] ?? null);
    return conflictLabel(invoke, done, view.op, name(view.process));
  };
  const why = partial.stuckRejected ? "is impossible in state" : "applies in state";
  const steps = partial.steps.map(
    (step, i) =>
      `<li value="${partial.omitted + i + 1}"><code>${escapeHtml(label(step.op))}</code> ⇒ <code>${escapeHtml(step.state)}</code></li>`,
  );
  const omitted =
    partial.omitted > 0
      ? `<p class="muted">… ${partial.omitted} earlier operations linearized first</p>`
      : "";
  return `<div class="partial"><h4>#${rank}: ${partial.length} linearized, then <code>${escapeHtml(label(partial.stuck))}</code> ${why} <code>${escapeHtml(partial.finalState)}</code></h4>
${partialSvg(partial, history, name)}${omitted}<ol class="steps">${steps.join("")}</ol></div>`;
}

function conflictLabel(
  invoke: HistoryLine | undefined,
  done: HistoryLine | null,
  op: string,
  client: string,
) {
  return `${client} ${invoke === undefined ? op : shortOp(invoke, done)}`;
}

export function counterexampleSection(
  ce: Counterexample,
  history: readonly HistoryLine[],
  name: ClientNamer,
): string {
  const conflict = conflictOf(ce, history, name);
  const key = ce.key === null ? "" : ` on key <code>${escapeHtml(JSON.stringify(ce.key))}</code>`;
  const op = ce.op;
  const lines = `history lines ${op.callLine}–${op.returnLine ?? "end"}`;
  const partials = ce.partials.map((p, i) => partialBlock(p, i + 1, history, name));
  const count = `${ce.partials.length} longest partial linearization${ce.partials.length === 1 ? "" : "s"}`;
  const details =
    ce.refutation === undefined
      ? `<details><summary>The ${count}</summary>
<p class="muted">Numbered bars were linearized in that order; the red bar is the operation no order can place next. Hover a bar for the model's view of it.</p>
${partials.join("\n")}</details>`
      : `<p class="muted">${REFUTED_TEXT[ce.refutation.overwrite === null ? "never" : "overwritten"]}</p>`;
  return `<section id="counterexample"><h2>Why it is not linearizable${key}</h2>
<p class="key-fact">${escapeHtml(conflict.fact)}</p>
${conflictSvg(conflict)}
<p class="muted">Zoomed to the operations that conflict (${escapeHtml(lines)} for the one that cannot be placed, in red; ${ce.concurrentCount} concurrent with it). Initial state <code>${escapeHtml(ce.initialState)}</code>.</p>
${details}</section>`;
}
