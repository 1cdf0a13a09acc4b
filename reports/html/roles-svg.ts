// Each server's role and epoch over time as one lane per server (inline SVG), faults shaded behind.
import { escapeHtml } from "./escape.js";
import type { FaultInterval } from "./fault-intervals.js";
import type { ServerRoles } from "./role-timeline.js";
import { el, faultBands, type TimeScale, timeAxis, timeScale, title } from "./svg.js";
import { formatUs } from "./time-format.js";

const WIDTH = 1000;
const LEFT = 60;
const LANE = 22;

function laneSvg(roles: ServerRoles, y: number, scale: TimeScale): string {
  const label = el("text", { x: 4, y: y + 15, class: "lane-label" }, escapeHtml(roles.server));
  const bars = roles.segments.map((segment) => {
    const x = scale.x(segment.startUs);
    const width = Math.max(0.5, scale.x(segment.endUs) - x);
    const epoch = segment.epoch === null ? "" : ` epoch ${segment.epoch}`;
    const tip = title(
      `${roles.server} ${segment.role}${epoch}: ${formatUs(segment.startUs)} – ${formatUs(segment.endUs)}`,
    );
    const rect = el(
      "rect",
      { x, y: y + 2, width, height: LANE - 6, class: `role role-${segment.role}` },
      tip,
    );
    // Epoch numbers only where they fit.
    const text =
      width > 28 && segment.epoch !== null
        ? el("text", { x: x + 3, y: y + 14, class: "role-epoch" }, `e${segment.epoch}`)
        : "";
    return rect + text;
  });
  return el("g", { class: "role-lane", "data-server": roles.server }, label, ...bars);
}

export function rolesSvg(
  servers: readonly ServerRoles[],
  faults: readonly FaultInterval[],
  endUs: number,
): string {
  const scale = timeScale(0, endUs, LEFT, WIDTH - LEFT - 40);
  const height = servers.length * LANE + 24;
  const lanes = servers.map((roles, i) => laneSvg(roles, i * LANE, scale));
  return el(
    "svg",
    { id: "roles-svg", viewBox: `0 0 ${WIDTH} ${height}`, width: "100%", role: "img" },
    faultBands(faults, scale, 0, servers.length * LANE),
    ...lanes,
    timeAxis(scale, servers.length * LANE + 2),
  );
}
