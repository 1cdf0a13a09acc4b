// The space-time (Lamport) diagram, as ShiViz draws one: a vertical line per node — the servers first, then
// the clients — time flowing down one row per event, an arrow per message from its send to its delivery,
// faults in red, the violation marked (◆ and its label) on its row and the operations involved marked too.
// The node labels (top) and the times (left) stay in view while the diagram scrolls (CSS sticky).
import { escapeHtml } from "./escape.js";
import type { Focus, FocusMark } from "./focus.js";
import type { MessageWindow, WindowEvent, WindowMessage } from "./message-window.js";
import { el, title } from "./svg.js";
import { formatUs } from "./time-format.js";

const TIMES = 70;
const FIRST = 60;
const COLUMN = 140;
const HEAD = 24;
const ROW = 18;

/** Trace text as people read it: zxids and session ids in hex (client replies print them in decimal). */
export function hexIds(text: string): string {
  return text.replace(
    /\b(zxid|sid)=(\d+)\b/g,
    (_, name: string, digits: string) => `${name}=0x${Number(digits).toString(16)}`,
  );
}

function rowY(row: number): number {
  return row * ROW + ROW / 2;
}

function columnX(column: number): number {
  return FIRST + column * COLUMN;
}

function laneLines(window: MessageWindow, height: number): string[] {
  return window.servers.map((_, i) => {
    const cls = i < window.serverCount ? "server-line" : "server-line client-line";
    return el("line", { x1: columnX(i), x2: columnX(i), y1: 0, y2: height, class: cls });
  });
}

function eventMark(window: MessageWindow, event: WindowEvent, row: number): string {
  const y = rowY(row);
  const tip = title(
    `#${event.index} ${formatUs(event.timeUs)} ${event.node} ${event.kind}: ${hexIds(event.text)}`,
  );
  if (event.kind === "nemesis") {
    const node = /^\S+ (\S+)/.exec(event.text)?.[1] ?? "";
    const column = window.servers.indexOf(node);
    const x = column < 0 ? 4 : columnX(column) + 8;
    return el("text", { x, y: y + 4, class: "fault-text" }, escapeHtml(event.text), tip);
  }
  const column = window.servers.indexOf(event.node);
  if (column < 0) return "";
  const cls = event.kind === "start" ? "event event-start" : "event";
  return el("circle", { cx: columnX(column), cy: y, r: 3, class: cls }, tip);
}

function arrow(window: MessageWindow, message: WindowMessage): string {
  const fromColumn = window.servers.indexOf(message.from);
  const toColumn = window.servers.indexOf(message.to);
  if (fromColumn < 0 || toColumn < 0) return "";
  const x1 = columnX(fromColumn);
  const x2 = columnX(toColumn);
  const y1 = message.sendRow < 0 ? 0 : rowY(message.sendRow);
  const y2 = rowY(message.deliverRow);
  const how = message.inferred ? " (send point inferred: the sender's last event before)" : "";
  const tip = title(`${message.from} → ${message.to} ${hexIds(message.text)}${how}`);
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
  const carried = /\b(?:zxid=(0x[0-9a-f]+)|epoch=(\d+))/.exec(hexIds(message.text));
  if (carried === null) return message.type;
  return `${message.type} ${carried[1] ?? `e${carried[2]}`}`;
}

/** A ◆ on the mark's lane (or at the left when it names none) and its label beside it. */
function diamond(window: MessageWindow, mark: FocusMark, cls: string, text: string): string {
  const row = window.positions.indexOf(mark.position);
  if (row < 0) return "";
  const column = window.servers.indexOf(mark.node);
  const x = column < 0 ? 10 : columnX(column);
  const y = rowY(row);
  const size = cls === "violation-mark" ? 8 : 6;
  const shape = el(
    "path",
    { d: `M${x},${y - size} L${x + size},${y} L${x},${y + size} L${x - size},${y} z` },
    title(text),
  );
  // Right of the ◆ on the left half of the lanes, left of it on the right half, to stay in the diagram.
  const left = column >= window.servers.length / 2;
  const attrs = left
    ? { x: x - size - 4, y: y + 4, class: "mark-label end" }
    : { x: x + size + 4, y: y + 4, class: "mark-label" };
  const label = el("text", attrs, escapeHtml(text));
  return el("g", { class: cls, "data-row": row }, shape, label);
}

function bodySvg(window: MessageWindow, focus: Focus, width: number, height: number): string {
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
  const band =
    window.focusRow < 0
      ? ""
      : el("rect", { x: 0, y: window.focusRow * ROW, width, height: ROW, class: "focus-row" });
  const involved = focus.involved.map((mark) => diamond(window, mark, "involved-mark", mark.label));
  return el(
    "svg",
    { id: "messages-svg", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" },
    el("defs", {}, marker),
    band,
    ...laneLines(window, height),
    ...window.rows.map((event, row) => eventMark(window, event, row)),
    ...window.messages.map((message) => arrow(window, message)),
    ...involved,
    diamond(window, focus, "violation-mark", `✗ ${focus.label}`),
  );
}

function headSvg(window: MessageWindow, width: number): string {
  const labels = window.servers.map((node, i) => {
    const cls = i < window.serverCount ? "server-label" : "server-label client-label";
    return el("text", { x: columnX(i), y: 16, class: cls }, escapeHtml(node));
  });
  return el(
    "svg",
    { class: "lanes-head", viewBox: `0 0 ${width} ${HEAD}`, width, height: HEAD },
    ...labels,
  );
}

function timesSvg(window: MessageWindow, height: number): string {
  const times = window.rows.map((event, row) =>
    el("text", { x: 4, y: rowY(row) + 4, class: "row-time" }, escapeHtml(formatUs(event.timeUs))),
  );
  return el(
    "svg",
    { class: "lanes-times", viewBox: `0 0 ${TIMES} ${height}`, width: TIMES, height },
    ...times,
  );
}

/** A grid in a scrolling box: corner and node labels stick to the top, times to the left. */
export function messagesSvg(window: MessageWindow, focus: Focus): string {
  const width = columnX(Math.max(1, window.servers.length - 1)) + 260;
  const height = window.rows.length * ROW + 10;
  return `<div class="lanes-grid" style="grid-template-columns:${TIMES}px ${width}px">
<div class="lanes-corner"></div>${headSvg(window, width)}
${timesSvg(window, height)}${bodySvg(window, focus, width, height)}</div>`;
}
