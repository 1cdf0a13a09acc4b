// Where in the trace a run went wrong, to centre the message diagram on: the operation the first violation
// names (`at.historyIndex`: its completion, or its invoke if it never completed); else the operation that
// cannot be linearized; else where `at` says (a node's step at `timeUs`, else the first message carrying its
// zxid); for a run.json written before violations said so, the time its message states, else the first
// event that mentions a zxid its message names; else when the last fault healed (liveness); else the middle
// of the trace. The operations involved (`at.involved`, or the counterexample's) are marked too.
import type { HistoryLine, RunRecord, TraceLine, ViolationAtJson } from "../run-data/index.js";
import { type ClientNamer, clientNamer, completionOf, labelOp } from "./op-labels.js";
import { formatUs, formatZxid } from "./time-format.js";

export interface FocusMark {
  /** Position in the trace array. */
  readonly position: number;
  /** The lane the mark is drawn on (a server or a client), or "" for none in particular. */
  readonly node: string;
  readonly label: string;
}

export interface Focus extends FocusMark {
  /** Why this moment was chosen, for the page. */
  readonly reason: string;
  /** The other operations involved, each at its completion. */
  readonly involved: readonly FocusMark[];
}

/** The operation a linearizability counterexample cannot place, and those it conflicts with (invoke indices). */
export interface StuckOp {
  readonly invokeIndex: number;
  readonly involved: readonly number[];
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

/** A simulated time a violation message states (`at 8000535us ...`), for run.json without `at`. */
export function timeIn(message: string): number | null {
  const match = /\bat (\d+)us\b/.exec(message);
  return match?.[1] === undefined ? null : Number(match[1]);
}

function positionAtTime(trace: readonly TraceLine[], timeUs: number): number {
  let low = 0;
  let high = trace.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((trace[mid] as TraceLine).timeUs < timeUs) low = mid + 1;
    else high = mid;
  }
  return Math.max(0, Math.min(low, trace.length - 1));
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

/** An operation, by its invoke's index in history.jsonl, at its completion (or invoke) in the trace. */
function opMark(record: RunRecord, invokeIndex: number, name: ClientNamer): FocusMark | null {
  const invoke: HistoryLine | undefined = record.history[invokeIndex];
  if (invoke === undefined || invoke.process === "nemesis") return null;
  const shown = completionOf(record.history, invokeIndex) ?? invoke;
  const node = name(invoke.process);
  const position = entryAt(record.trace, shown.time / 1000, node);
  return { position, node, label: labelOp(record.history, invokeIndex, name) ?? node };
}

function involvedMarks(record: RunRecord, indices: readonly number[], name: ClientNamer) {
  return indices.flatMap((index) => opMark(record, index, name) ?? []);
}

function focusAt(record: RunRecord, check: string, at: ViolationAtJson, name: ClientNamer) {
  const { trace } = record;
  const involved = involvedMarks(record, at.involved ?? [], name);
  const op = at.historyIndex === undefined ? null : opMark(record, at.historyIndex, name);
  if (op !== null) {
    const reason = `${op.label}, where the ${check} violation shows`;
    return { ...op, label: `${check}: ${op.label}`, reason, involved };
  }
  const zxid = at.zxid === undefined ? "" : ` at zxid ${formatZxid(at.zxid)}`;
  const node = at.node ?? at.client ?? "";
  if (at.timeUs !== undefined && trace.length > 0) {
    const position = entryAt(trace, at.timeUs, node === "" ? undefined : node);
    const reason = `${node === "" ? "the run" : node}'s step${zxid}, where the ${check} violation shows`;
    return {
      position,
      node,
      label: `${check}${node === "" ? "" : `: ${node}`}${zxid}`,
      reason,
      involved,
    };
  }
  if (at.zxid === undefined) return null;
  const position = carrying(trace, at.zxid);
  if (position < 0) return null;
  const reason = `the first message carrying${zxid}`;
  return {
    position,
    node: trace[position]?.node ?? "",
    label: `${check}${zxid}`,
    reason,
    involved,
  };
}

function plain(position: number, reason: string, label: string): Focus {
  return { position, node: "", label, reason, involved: [] };
}

export function findFocus(record: RunRecord, stuck: StuckOp | null): Focus {
  const { trace, run } = record;
  const name = clientNamer(run);
  const first = run.violations[0];
  const check = first?.check ?? "violation";
  // The counterexample's operation is more precise than a time or zxid alone, less than the operation `at` names.
  const named = first?.at?.historyIndex !== undefined;
  const located = first?.at === undefined || !named ? null : focusAt(record, check, first.at, name);
  if (located !== null) return located;
  const op = stuck === null ? null : opMark(record, stuck.invokeIndex, name);
  if (op !== null && stuck !== null) {
    const involved = involvedMarks(record, stuck.involved, name);
    const reason = `${op.label}, the operation that cannot be linearized, completing`;
    return { ...op, label: `${check}: ${op.label}`, reason, involved };
  }
  const placed = first?.at === undefined || named ? null : focusAt(record, check, first.at, name);
  if (placed !== null) return placed;
  const said = first === undefined ? null : timeIn(first.message);
  if (said !== null && trace.length > 0) {
    const position = entryAt(trace, said, undefined);
    const node = trace[position]?.node ?? "";
    const reason = `${formatUs(said)}, when the message says the ${check} violation shows`;
    return {
      position,
      node,
      label: `${check}${node === "" ? "" : `: ${node}`}`,
      reason,
      involved: [],
    };
  }
  for (const zxid of first === undefined ? [] : zxidsIn(first.message)) {
    const position = carrying(trace, zxid);
    if (position >= 0) {
      const hex = formatZxid(zxid);
      return plain(
        position,
        `the first message carrying zxid ${hex} (named in the message)`,
        `${check} ${hex}`,
      );
    }
  }
  const healed = run.stats.healed_at_us;
  if (run.violations.some((v) => v.check === "liveness") && healed !== undefined)
    return plain(
      positionAtTime(trace, healed),
      "when the last fault healed",
      "liveness: last fault healed",
    );
  return plain(trace.length >>> 1, "the middle of the run", check);
}
