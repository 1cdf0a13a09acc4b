// Small helpers for the report's inline SVG: an element builder that escapes, a linear time scale, a time
// axis with round ticks, and the shaded fault bands every time chart shares.
import { escapeHtml } from "./escape.js";
import type { FaultInterval } from "./fault-intervals.js";
import { formatUs } from "./time-format.js";

type Attrs = { readonly [name: string]: string | number };

export function el(tag: string, attrs: Attrs, ...children: readonly string[]): string {
  const attrText = Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join("");
  return children.length === 0
    ? `<${tag}${attrText}/>`
    : `<${tag}${attrText}>${children.join("")}</${tag}>`;
}

/** A native tooltip for the element it is placed in. */
export function title(text: string): string {
  return `<title>${escapeHtml(text)}</title>`;
}

export interface TimeScale {
  readonly x: (us: number) => number;
  readonly startUs: number;
  readonly endUs: number;
  readonly left: number;
  readonly width: number;
}

export function timeScale(startUs: number, endUs: number, left: number, width: number): TimeScale {
  const span = Math.max(1, endUs - startUs);
  return {
    x: (us) => Math.round((left + ((us - startUs) / span) * width) * 10) / 10,
    startUs,
    endUs,
    left,
    width,
  };
}

/** A 1-2-5 step giving about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = Math.max(span / count, 1e-9);
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 5, 10].find((f) => f * power >= raw) ?? 10;
  return factor * power;
}

export function timeAxis(scale: TimeScale, y: number): string {
  const step = niceStep(scale.endUs - scale.startUs, 10);
  const ticks: string[] = [];
  const right = scale.left + scale.width;
  for (let us = Math.ceil(scale.startUs / step) * step; us <= scale.endUs; us += step) {
    const x = scale.x(us);
    ticks.push(el("line", { x1: x, x2: x, y1: y, y2: y + 4, class: "tick" }));
    // Centred under its tick, except at the ends, where a centred label would run out of the chart.
    const anchor = x - scale.left < 30 ? "" : right - x < 30 ? " end" : " mid";
    ticks.push(
      el("text", { x, y: y + 15, class: `tick-label${anchor}` }, escapeHtml(formatUs(us))),
    );
  }
  const line = el("line", {
    x1: scale.left,
    x2: scale.left + scale.width,
    y1: y,
    y2: y,
    class: "axis",
  });
  return el("g", { class: "time-axis" }, line, ...ticks);
}

/** Faults as translucent bands (lasting) or lines (instant) over a chart's plot area. */
export function faultBands(
  faults: readonly FaultInterval[],
  scale: TimeScale,
  top: number,
  height: number,
): string {
  const shapes = faults.map((fault) => {
    const x1 = scale.x(fault.startUs);
    const tip = title(`${fault.label}: ${formatUs(fault.startUs)} – ${formatUs(fault.endUs)}`);
    if (fault.endUs <= fault.startUs)
      return el("line", { x1, x2: x1, y1: top, y2: top + height, class: "fault-instant" }, tip);
    const width = Math.max(1, scale.x(fault.endUs) - x1);
    return el("rect", { x: x1, y: top, width, height, class: "fault-band" }, tip);
  });
  return el("g", { class: "faults" }, ...shapes);
}
