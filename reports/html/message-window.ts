// The server messages around a moment of interest, for the space-time (Lamport) diagram. trace.jsonl records
// deliveries, not sends, so unless an entry carries `sentUs`, a message is drawn from the sender's last
// event before the delivery: the latest point it can have been sent at (a step sends while it runs).
import type { TraceLine } from "../run-data/index.js";
import { lanesServersFirst, nodeKinds } from "./node-kinds.js";

export interface WindowEvent {
  readonly index: number;
  readonly timeUs: number;
  readonly node: string;
  readonly kind: string;
  readonly text: string;
}

export interface WindowMessage {
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly text: string;
  /** Row of the send: an event row, or -1 when the send is above the window. */
  readonly sendRow: number;
  readonly deliverRow: number;
  /** True when the send point is inferred rather than recorded. */
  readonly inferred: boolean;
}

export interface MessageWindow {
  /** The lanes, servers first, then clients. */
  readonly servers: readonly string[];
  /** How many of the lanes are servers. */
  readonly serverCount: number;
  /** The trace position of each row. */
  readonly positions: readonly number[];
  /** One row per event shown, in trace order. */
  readonly rows: readonly WindowEvent[];
  readonly messages: readonly WindowMessage[];
  /** The row of the event the window is centred on. */
  readonly focusRow: number;
  /** Heartbeats (PING) and ticks left out to keep the diagram readable. */
  readonly hidden: number;
}

/** Messages kept on each side of the focus. */
export const MESSAGES_AROUND = 30;
/** A pinned event (an involved operation) further than this from the focus is not pulled into the window. */
export const PIN_REACH = 400;

const NOISE = /^(\S+->\S+ PING\b|timer .*-tick$|fsync-done\b)/;

function parseDeliver(text: string): { from: string; to: string; type: string } | null {
  const match = /^(\S+)->(\S+) (\S+)/.exec(text);
  if (match === null) return null;
  return { from: match[1] ?? "", to: match[2] ?? "", type: match[3] ?? "" };
}

function isShown(entry: TraceLine): boolean {
  if (entry.kind === "nemesis" || entry.kind === "start") return true;
  return entry.kind === "deliver" && !NOISE.test(entry.text);
}

/** Trace positions of the shown events around `focus`: MESSAGES_AROUND on each side. */
function windowRange(trace: readonly TraceLine[], focus: number): [number, number] {
  let first = focus;
  for (let seen = 0; first > 0 && seen < MESSAGES_AROUND; ) {
    first--;
    if (isShown(trace[first] as TraceLine)) seen++;
  }
  let last = focus;
  for (let seen = 0; last < trace.length - 1 && seen < MESSAGES_AROUND; ) {
    last++;
    if (isShown(trace[last] as TraceLine)) seen++;
  }
  return [first, last];
}

/** The position of the sender's last event before `position`, not looking further back than `floor`. */
function sendPosition(trace: readonly TraceLine[], position: number, from: string, floor: number) {
  for (let i = position - 1; i >= floor; i--) if (trace[i]?.node === from) return i;
  return -1;
}

export function messageWindow(
  trace: readonly TraceLine[],
  focus: number,
  pins: readonly number[] = [],
): MessageWindow {
  const kinds = nodeKinds(trace);
  const servers = lanesServersFirst(kinds);
  const serverCount = kinds.servers.length;
  if (trace.length === 0)
    return { servers, serverCount, positions: [], rows: [], messages: [], focusRow: -1, hidden: 0 };
  const at = Math.min(Math.max(focus, 0), trace.length - 1);
  const near = pins.filter(
    (pin) => pin >= 0 && pin < trace.length && Math.abs(pin - at) <= PIN_REACH,
  );
  const [around, until] = windowRange(trace, at);
  const first = Math.min(around, ...near);
  const last = Math.max(until, ...near);
  const positions = new Set<number>([at, ...near]);
  const sends = new Map<number, number>();
  let hidden = 0;
  for (let i = first; i <= last; i++) {
    const entry = trace[i] as TraceLine;
    if (!isShown(entry)) {
      if (entry.kind === "deliver" || entry.kind === "timer") hidden++;
      continue;
    }
    positions.add(i);
    const message = entry.kind === "deliver" ? parseDeliver(entry.text) : null;
    if (message === null || entry.sentUs !== undefined) continue;
    const send = sendPosition(trace, i, message.from, first);
    sends.set(i, send);
    if (send >= 0) positions.add(send);
  }
  const sorted = [...positions].sort((a, b) => a - b);
  return { ...assemble(trace, servers, sorted, sends, at, hidden), serverCount };
}

function assemble(
  trace: readonly TraceLine[],
  servers: readonly string[],
  positions: readonly number[],
  sends: ReadonlyMap<number, number>,
  focus: number,
  hidden: number,
): Omit<MessageWindow, "serverCount"> {
  const rowOf = new Map(positions.map((position, row) => [position, row]));
  const rows = positions.map((position) => trace[position] as TraceLine);
  const messages: WindowMessage[] = [];
  positions.forEach((position, deliverRow) => {
    const entry = trace[position] as TraceLine;
    const message = entry.kind === "deliver" ? parseDeliver(entry.text) : null;
    if (message === null || !isShown(entry)) return;
    const recorded = entry.sentUs;
    const sendRow =
      recorded === undefined
        ? (rowOf.get(sends.get(position) ?? -1) ?? -1)
        : rowAtTime(rows, recorded);
    const text = entry.text.slice(entry.text.indexOf(" ") + 1);
    messages.push({ ...message, text, sendRow, deliverRow, inferred: recorded === undefined });
  });
  const events = rows.map(({ index, timeUs, node, kind, text }) => ({
    index,
    timeUs,
    node,
    kind,
    text,
  }));
  const focusRow = rowOf.get(focus) ?? -1;
  return { servers, positions, rows: events, messages, focusRow, hidden };
}

/** With recorded send times: the last row at or before the send. */
function rowAtTime(rows: readonly TraceLine[], timeUs: number): number {
  let row = -1;
  rows.forEach((entry, i) => {
    if (entry.timeUs <= timeUs) row = i;
  });
  return row;
}
