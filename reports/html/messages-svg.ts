// The space-time (Lamport) diagram, as ShiViz draws one: a vertical line per server, time flowing down one
// row per event, an arrow per message from its send to its delivery, faults in red, the focus row marked.
import { escapeHtml } from "./escape.js";
import type { MessageWindow, WindowEvent, WindowMessage } from "./message-window.js";
import { el, title } from "./svg.js";
import { formatUs } from "./time-format.js";

const LEFT = 90;
const COLUMN = 210;
const TOP = 30;
const ROW = 18;

function rowY(row: number): number {
  return TOP + row * ROW + ROW / 2;
}

function serverColumns(window: MessageWindow, height: number): string[] {
  return window.servers.map((server, i) => {
    const x = LEFT + i * COLUMN;
    return (
      el("text", { x, y: 16, class: "server-label" }, escapeHtml(server)) +
      el("line", { x1: x, x2: x, y1: TOP - 6, y2: height - 4, class: "server-line" })
    );
  });
}

function eventMark(window: MessageWindow, event: WindowEvent, row: number): string {
  const y = rowY(row);
  const time = el(
    "text",
    { x: 4, y: y + 4, class: "row-time" },
    escapeHtml(formatUs(event.timeUs)),
  );
  const tip = title(
    `#${event.index} ${formatUs(event.timeUs)} ${event.node} ${event.kind}: ${event.text}`,
  );
  if (event.kind === "nemesis") {
    const node = /\b(\S+)$/.exec(event.text)?.[1] ?? "";
    const column = window.servers.indexOf(node);
    const x = column < 0 ? LEFT - 6 : LEFT + column * COLUMN + 8;
    return time + el("text", { x, y: y + 4, class: "fault-text" }, escapeHtml(event.text), tip);
  }
  const column = window.servers.indexOf(event.node);
  if (column < 0) return time;
  const cls = event.kind === "start" ? "event event-start" : "event";
  return time + el("circle", { cx: LEFT + column * COLUMN, cy: y, r: 3, class: cls }, tip);
}

function arrow(window: MessageWindow, message: WindowMessage): string {
  const fromColumn = window.servers.indexOf(message.from);
  const toColumn = window.servers.indexOf(message.to);
  if (fromColumn < 0 || toColumn < 0) return "";
  const x1 = LEFT + fromColumn * COLUMN;
  const x2 = LEFT + toColumn * COLUMN;
  const y1 = message.sendRow < 0 ? TOP - 6 : rowY(message.sendRow);
  const y2 = rowY(message.deliverRow);
  const how = message.inferred ? " (send point inferred: the sender's last event before)" : "";
  const tip = title(`${message.from} → ${message.to} ${message.text}${how}`);
  const cls = `msg msg-${message.type.toLowerCase()}${message.sendRow < 0 ? " msg-early" : ""}`;
  const line = el("line", { x1, y1, x2, y2, class: cls, "marker-end": "url(#arrowhead)" }, tip);
  const label = el(
    "text",
    { x: (x1 + 2 * x2) / 3 + 3, y: (y1 + 2 * y2) / 3 - 2, class: "msg-label" },
    escapeHtml(shortLabel(message)),
  );
  return line + label;
}

/** `PROPOSAL 0x100000016`: the type and the zxid or epoch the message carries, if any. */
function shortLabel(message: WindowMessage): string {
  const carried = /\b(?:zxid=(0x[0-9a-f]+)|epoch=(\d+))/.exec(message.text);
  if (carried === null) return message.type;
  return `${message.type} ${carried[1] ?? `e${carried[2]}`}`;
}

export function messagesSvg(window: MessageWindow): string {
  const width = LEFT + Math.max(1, window.servers.length - 1) * COLUMN + 120;
  const height = TOP + window.rows.length * ROW + 10;
  const marker = el(
    "marker",
    {
      id: "arrowhead",
      viewBox: "0 0 10 10",
      refX: 10,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      orient: "auto",
    },
    el("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }),
  );
  const focus =
    window.focusRow < 0
      ? ""
      : el("rect", {
          x: 0,
          y: TOP + window.focusRow * ROW,
          width,
          height: ROW,
          class: "focus-row",
        });
  return el(
    "svg",
    { id: "messages-svg", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" },
    el("defs", {}, marker),
    focus,
    ...serverColumns(window, height),
    ...window.rows.map((event, row) => eventMark(window, event, row)),
    ...window.messages.map((message) => arrow(window, message)),
  );
}
