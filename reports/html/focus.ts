// Where in the trace a run went wrong, to centre the message diagram on: where the first violation says it
// shows (`at`: the failing operation's reply, a node's step, a zxid); for a run.json written before
// violations said so, the first event that mentions a zxid its message names; else the operation that
// cannot be linearized; else when the last fault healed (liveness); else the middle of the trace.
import type { RunRecord, TraceLine, ViolationAtJson } from "../run-data/index.js";
import { formatZxid } from "./time-format.js";

export interface Focus {
  /** Position in the trace array. */
  readonly position: number;
  /** Why this moment was chosen, for the page. */
  readonly reason: string;
}

/** Zxids in a violation message: `0x100000003`, or decimals of at least 2^32 (epoch ≥ 1). */
export function zxidsIn(message: string): number[] {
  const found: number[] = [];
  for (const match of message.matchAll(/\b0x([0-9a-f]+)\b|\b(\d{10,16})\b/gi)) {
    const value = match[1] === undefined ? Number(match[2]) : Number.parseInt(match[1], 16);
    if (value >= 2 ** 32) found.push(value);
  }
  return found;
}

function positionAtTime(trace: readonly TraceLine[], timeUs: number): number {
  let low = 0;
  let high = trace.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((trace[mid] as TraceLine).timeUs < timeUs) low = mid + 1;
    else high = mid;
  }
  return Math.min(low, trace.length - 1);
}

/** The first trace entry carrying `zxid` (printed in hex by ZAB messages, in decimal by client replies). */
function carrying(trace: readonly TraceLine[], zxid: number): number {
  const hex = `zxid=${formatZxid(zxid)}`;
  const decimal = new RegExp(`\\bzxid=${zxid}\\b`);
  return trace.findIndex((entry) => entry.text.includes(hex) || decimal.test(entry.text));
}

/** The trace entry at `timeUs`: the named node's step then, else the first entry at or after it. */
function entryAt(trace: readonly TraceLine[], timeUs: number, node: string | undefined): number {
  const first = positionAtTime(trace, timeUs);
  for (let i = first; i < trace.length && (trace[i] as TraceLine).timeUs === timeUs; i++)
    if (node === undefined || trace[i]?.node === node) return i;
  return first;
}

function focusAt(record: RunRecord, at: ViolationAtJson): Focus | null {
  const { trace, history } = record;
  const zxid = at.zxid === undefined ? "" : ` at zxid ${formatZxid(at.zxid)}`;
  if (at.timeUs !== undefined && trace.length > 0) {
    const position = entryAt(trace, at.timeUs, at.node);
    const invoke = at.historyIndex === undefined ? undefined : history[at.historyIndex];
    const reason =
      at.process !== undefined
        ? `process ${at.process}'s ${invoke?.f ?? "operation"} completing${zxid}, where the violation shows`
        : `${at.node ?? "the run"}'s step${zxid}, where the violation shows`;
    return { position, reason };
  }
  if (at.zxid === undefined) return null;
  const position = carrying(trace, at.zxid);
  return position < 0 ? null : { position, reason: `the first message carrying${zxid}` };
}

export function findFocus(record: RunRecord, stuckAtUs: number | null): Focus {
  const { trace, run } = record;
  const first = run.violations[0];
  const located = first?.at === undefined ? null : focusAt(record, first.at);
  if (located !== null) return located;
  for (const zxid of first === undefined ? [] : zxidsIn(first.message)) {
    const position = carrying(trace, zxid);
    if (position >= 0)
      return {
        position,
        reason: `the first message carrying zxid ${formatZxid(zxid)} (named in the message)`,
      };
  }
  if (stuckAtUs !== null) {
    return {
      position: positionAtTime(trace, stuckAtUs),
      reason: "when the operation that cannot be linearized was invoked",
    };
  }
  const healed = run.stats.healed_at_us;
  if (run.violations.some((v) => v.check === "liveness") && healed !== undefined)
    return { position: positionAtTime(trace, healed), reason: "when the last fault healed" };
  return { position: trace.length >>> 1, reason: "the middle of the run" };
}
