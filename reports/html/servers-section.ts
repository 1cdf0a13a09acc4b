// The servers as a monitoring probe saw them (run.json's `monitor`, read from each server's four-letter
// words): each server's mntr fields at the end of the run, and each one's mode at every probe.
import type { MonitorSampleJson } from "../run-data/index.js";
import { escapeHtml } from "./escape.js";
import { formatUs } from "./time-format.js";

/** The mntr fields shown, in order, with their headings; a field a system does not report shows "—". */
const COLUMNS: readonly (readonly [field: string, heading: string])[] = [
  ["mode", "mode"],
  ["epoch", "epoch"],
  ["zxid", "zxid"],
  ["connections", "connections"],
  ["outstanding", "outstanding"],
  ["pendingProposals", "pending proposals"],
  ["nodeCount", "znodes"],
  ["ephemerals", "ephemerals"],
  ["watches", "watches"],
];

const MODE_LETTER: { readonly [mode: string]: string } = {
  leader: "L",
  follower: "F",
  observer: "O",
  "not serving": "·",
};

function cell(value: string | number | boolean | null | undefined, field: string): string {
  if (value === undefined || value === null) return "—";
  if (field === "zxid" && typeof value === "number") return `0x${value.toString(16)}`;
  return String(value);
}

function lastTable(sample: MonitorSampleJson): string {
  const head = COLUMNS.map(([, heading]) => `<th>${escapeHtml(heading)}</th>`).join("");
  const rows = sample.servers.map((server) => {
    const cells =
      server.stats === null
        ? `<td colspan="${COLUMNS.length}" class="muted">no answer (${escapeHtml(server.status)})</td>`
        : COLUMNS.map(
            ([field]) => `<td>${escapeHtml(cell(server.stats?.[field], field))}</td>`,
          ).join("");
    return `<tr><td>${escapeHtml(server.node)}</td>${cells}</tr>`;
  });
  return `<table class="servers"><thead><tr><th>server</th>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** One letter per probe and server: L leader, F follower, O observer, · not serving, × down, ‖ paused. */
function modeStrip(samples: readonly MonitorSampleJson[]): string {
  const nodes = samples[0]?.servers.map((server) => server.node) ?? [];
  const lines = nodes.map((node) => {
    const letters = samples.map((sample) => {
      const server = sample.servers.find((s) => s.node === node);
      if (server === undefined || server.status === "down") return "×";
      if (server.status === "paused") return "‖";
      return MODE_LETTER[String(server.stats?.mode ?? "")] ?? "?";
    });
    return `${node.padEnd(4)} ${letters.join("")}`;
  });
  return `<pre class="mode-strip">${escapeHtml(lines.join("\n"))}</pre>`;
}

export function serversSection(samples: readonly MonitorSampleJson[]): string {
  const last = samples[samples.length - 1];
  if (last === undefined) return "";
  const every = samples.length > 1 ? (samples[1]?.timeUs ?? 0) - (samples[0]?.timeUs ?? 0) : 0;
  const cadence = every > 0 ? `every ${escapeHtml(formatUs(every))}` : "at the end";
  return `<section id="servers"><h2>Servers (mntr)</h2>
<p class="muted">What each server's four-letter words (mntr) said, probed ${cadence} of the run; at ${escapeHtml(formatUs(last.timeUs))}:</p>
${lastTable(last)}
<p class="muted">Mode at each probe: L leader, F follower, O observer, · not serving, × down, ‖ paused.</p>
${modeStrip(samples)}</section>`;
}
