// A linearizability counterexample as Porcupine draws one, but readable: for each of the longest partial
// linearizations, the operations on a lane per process at their real-time extents, the linearized ones
// numbered in order with the model state after each, and the operation that cannot be placed in red.
import type { Counterexample, OperationView, PartialLinearization } from "../../sim/check/index.js";
import { escapeHtml } from "./escape.js";
import { el, timeScale, title } from "./svg.js";
import { formatUs } from "./time-format.js";

/** Simulated time (µs) of a line of history.jsonl, for placing operations. */
export type LineTime = (line: number) => number | null;

const WIDTH = 1000;
const LEFT = 90;
const LANE = 30;

interface Placed {
  readonly view: OperationView;
  /** 1-based order in the partial linearization; 0 for the stuck op, -1 for others. */
  readonly order: number;
  readonly state: string;
}

function placedOps(ce: Counterexample, partial: PartialLinearization): Placed[] {
  const placed: Placed[] = partial.steps.map((step, i) => ({
    view: step.op,
    order: partial.omitted + i + 1,
    state: step.state,
  }));
  placed.push({ view: partial.stuck, order: 0, state: partial.finalState });
  const seen = new Set(placed.map((p) => p.view.callLine));
  for (const view of ce.concurrent)
    if (!seen.has(view.callLine)) placed.push({ view, order: -1, state: "" });
  return placed;
}

function opBar(p: Placed, y: number, x1: number, x2: number): string {
  const cls =
    p.order === 0 ? "lin-op lin-stuck" : p.order > 0 ? "lin-op lin-done" : "lin-op lin-other";
  const what =
    p.order === 0
      ? "cannot be placed here"
      : p.order > 0
        ? `#${p.order}, state after: ${p.state}`
        : "concurrent, not in this partial linearization";
  const tip = title(`process ${p.view.process} ${p.view.op} (${p.view.status}): ${what}`);
  const rect = el(
    "rect",
    { x: x1, y: y + 4, width: Math.max(3, x2 - x1), height: LANE - 10, class: cls },
    tip,
  );
  const badge = p.order > 0 ? `#${p.order} ` : p.order === 0 ? "✗ " : "";
  const state = p.order > 0 ? ` ⇒ ${p.state}` : "";
  const text = el(
    "text",
    { x: x1 + 3, y: y + 18, class: "lin-label" },
    escapeHtml(`${badge}${p.view.op}${state}`),
  );
  return rect + text;
}

function partialSvg(ce: Counterexample, partial: PartialLinearization, lineTime: LineTime): string {
  const placed = placedOps(ce, partial);
  const processes = [...new Set(placed.map((p) => p.view.process))].sort((a, b) => a - b);
  const times = placed.flatMap((p) => [
    lineTime(p.view.callLine),
    lineTime(p.view.returnLine ?? -1),
  ]);
  const known = times.filter((t): t is number => t !== null);
  const start = Math.min(...known);
  const end = Math.max(...known, start + 1);
  const scale = timeScale(
    start - (end - start) * 0.02,
    end + (end - start) * 0.05,
    LEFT,
    WIDTH - LEFT - 10,
  );
  const bars = placed.map((p) => {
    const y = processes.indexOf(p.view.process) * LANE;
    const x1 = scale.x(lineTime(p.view.callLine) ?? start);
    const x2 = scale.x(p.view.returnLine === null ? end : (lineTime(p.view.returnLine) ?? end));
    return opBar(p, y, x1, x2);
  });
  const labels = processes.map((process, i) =>
    el("text", { x: 4, y: i * LANE + 18, class: "lane-label" }, `process ${process}`),
  );
  const height = processes.length * LANE + 4;
  return el(
    "svg",
    { class: "partial-svg", viewBox: `0 0 ${WIDTH} ${height}`, width: "100%", role: "img" },
    ...labels,
    ...bars,
    el(
      "text",
      { x: WIDTH - 10, y: height - 2, class: "tick-label end" },
      escapeHtml(formatUs(end - start)),
    ),
  );
}

function partialBlock(
  ce: Counterexample,
  partial: PartialLinearization,
  rank: number,
  lineTime: LineTime,
): string {
  const why = partial.stuckRejected
    ? `is impossible in state <code>${escapeHtml(partial.finalState)}</code>`
    : `applies in state <code>${escapeHtml(partial.finalState)}</code>, but nothing after it does`;
  const linearized = `${partial.length} ${partial.length === 1 ? "operation" : "operations"} linearized`;
  const steps = partial.steps.map(
    (step, i) =>
      `<li value="${partial.omitted + i + 1}">process ${step.op.process} <code>${escapeHtml(step.op.op)}</code> ⇒ <code>${escapeHtml(step.state)}</code></li>`,
  );
  const omitted =
    partial.omitted > 0
      ? `<p class="muted">… ${partial.omitted} earlier operations linearized first</p>`
      : "";
  return `<div class="partial"><h4>#${rank}: ${linearized}, then
process ${partial.stuck.process} <code>${escapeHtml(partial.stuck.op)}</code> ${why}</h4>
${partialSvg(ce, partial, lineTime)}${omitted}<ol class="steps">${steps.join("")}</ol></div>`;
}

export function counterexampleSection(ce: Counterexample, lineTime: LineTime): string {
  const key = ce.key === null ? "" : ` on key <code>${escapeHtml(JSON.stringify(ce.key))}</code>`;
  const op = ce.op;
  const partials = ce.partials.map((p, i) => partialBlock(ce, p, i + 1, lineTime));
  return `<section id="counterexample"><h2>Why it is not linearizable</h2>
<p class="stuck-op">The operation that cannot be placed${key}: process ${op.process}
<code>${escapeHtml(op.op)}</code> (${op.status === "info" ? "outcome unknown, " : ""}history lines ${op.callLine}–${op.returnLine ?? "end"}),
concurrent with ${ce.concurrentCount} others. Initial state <code>${escapeHtml(ce.initialState)}</code>.</p>
<p class="muted">Longest partial linearizations first: numbered bars were linearized in that order; the red bar is
the operation no order can place next; grey bars overlap it in time.</p>
${partials.join("\n")}</section>`;
}
