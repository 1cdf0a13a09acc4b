// Throughput (completions per second, stacked ok / fail / info) and latency (p50, p99, max of ok
// operations, log scale) over time, as inline SVG with faults shaded.
import { escapeHtml } from "./escape.js";
import type { FaultInterval } from "./fault-intervals.js";
import type { MetricBucket, Metrics } from "./metrics.js";
import { el, faultBands, type TimeScale, timeAxis, timeScale, title } from "./svg.js";
import { formatUs } from "./time-format.js";

const WIDTH = 1000;
const LEFT = 60;
const PLOT = 120;

function chart(id: string, label: string, scale: TimeScale, body: readonly string[]): string {
  return el(
    "svg",
    { id, viewBox: `0 0 ${WIDTH} ${PLOT + 24}`, width: "100%", role: "img" },
    el("text", { x: 4, y: 12, class: "chart-label" }, escapeHtml(label)),
    ...body,
    timeAxis(scale, PLOT + 2),
  );
}

function throughputBars(metrics: Metrics, scale: TimeScale): string[] {
  const perSecond = 1_000_000 / metrics.bucketUs;
  const peak = Math.max(1, ...metrics.buckets.map((b) => b.ok + b.fail + b.info));
  const barWidth = Math.max(0.5, scale.x(metrics.bucketUs) - scale.x(0) - 0.3);
  const bars: string[] = [];
  for (const bucket of metrics.buckets) {
    let y = PLOT;
    const x = scale.x(bucket.startUs);
    for (const status of ["ok", "fail", "info"] as const) {
      const height = (bucket[status] / peak) * (PLOT - 16);
      if (height <= 0) continue;
      y -= height;
      const tip = title(
        `${formatUs(bucket.startUs)}: ${bucket[status]} ${status} (${Math.round(bucket[status] * perSecond)}/s)`,
      );
      bars.push(el("rect", { x, y, width: barWidth, height, class: `bar-${status}` }, tip));
    }
  }
  const peakLabel = `${Math.round(peak * perSecond)}/s`;
  bars.push(el("text", { x: LEFT - 4, y: 22, class: "y-label" }, peakLabel));
  return bars;
}

function latencyLine(
  buckets: readonly MetricBucket[],
  pick: (b: MetricBucket) => number | null,
  scale: TimeScale,
  y: (us: number) => number,
  bucketUs: number,
): string {
  const points = buckets.flatMap((b) => {
    const value = pick(b);
    return value === null ? [] : [`${scale.x(b.startUs + bucketUs / 2)},${y(value)}`];
  });
  return points.join(" ");
}

function latencyLines(metrics: Metrics, scale: TimeScale): string[] {
  const values = metrics.buckets.flatMap((b) => (b.maxUs === null ? [] : [b.maxUs]));
  const top = Math.max(10, ...values);
  const bottom = Math.max(1, Math.min(top / 10, ...metrics.buckets.map((b) => b.p50Us ?? top)));
  const span = Math.log10(top) - Math.log10(bottom) || 1;
  const y = (us: number) =>
    Math.round(
      (PLOT - ((Math.log10(Math.max(us, bottom)) - Math.log10(bottom)) / span) * (PLOT - 16)) * 10,
    ) / 10;
  const lines = (["p50Us", "p99Us", "maxUs"] as const).map((key) =>
    el("polyline", {
      points: latencyLine(metrics.buckets, (b) => b[key], scale, y, metrics.bucketUs),
      class: `latency-${key.slice(0, -2)}`,
    }),
  );
  const labels = [
    el("text", { x: LEFT - 4, y: y(top) + 4, class: "y-label" }, escapeHtml(formatUs(top))),
    el("text", { x: LEFT - 4, y: y(bottom), class: "y-label" }, escapeHtml(formatUs(bottom))),
  ];
  return [...lines, ...labels];
}

export function metricsSvg(
  metrics: Metrics,
  faults: readonly FaultInterval[],
  endUs: number,
): string {
  const scale = timeScale(0, endUs, LEFT, WIDTH - LEFT - 40);
  const shade = faultBands(faults, scale, 0, PLOT);
  return [
    chart("throughput-svg", "throughput (completions/s): ok, fail, info", scale, [
      shade,
      ...throughputBars(metrics, scale),
    ]),
    chart("latency-svg", "latency of ok operations (log scale): p50, p99, max", scale, [
      shade,
      ...latencyLines(metrics, scale),
    ]),
  ].join("\n");
}
