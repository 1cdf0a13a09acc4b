// Short labels for client operations, as a person reads them in a chart: `c2 setData /k0 = 3000016
// @0x10000002b`, `c3 getData /k0 → 4000017 @0x10000002a` — the client's one label, the call and path, the value
// written or read (no Stat), the error if any, and the zxid of the reply in hex.
import { clientLabel, hexZxid, workloadClients } from "../../scenarios/systems/labels.js";
import type { HistoryLine, RunJson } from "../run-data/index.js";

const VALUE_CHARS_MAX = 24;

/** The client label of a history process (`c3`, `app-1`, `leader`, `p86`). */
export type ClientNamer = (process: number) => string;

export function clientNamer(run: RunJson): ClientNamer {
  const lookup = workloadClients(run.workload);
  return (process) => clientLabel(process, lookup);
}

function short(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (text === undefined) return "?";
  return text.length > VALUE_CHARS_MAX ? `${text.slice(0, VALUE_CHARS_MAX - 1)}…` : text;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** What follows the call's name: ` /k0 = 3000016`, ` /k0`, ` 1` (a register write), or nothing. */
function callDetail(invoke: HistoryLine): string {
  const value = record(invoke.value);
  if (value === null)
    return invoke.value === null || invoke.value === undefined ? "" : ` ${short(invoke.value)}`;
  const path = typeof value.path === "string" ? ` ${value.path}` : "";
  const data = value.data === undefined ? "" : ` = ${short(value.data)}`;
  return `${path}${data}`;
}

/** ` → 4000017`, ` → NONODE`, ` → ?` (outcome unknown), or nothing for a write that succeeded. */
function resultText(invoke: HistoryLine, completion: HistoryLine | null): string {
  if (completion === null || completion.type === "info") return " → ?";
  const value = record(completion.value);
  if (value !== null && value.error !== undefined) return ` → ${short(value.error)}`;
  if (completion.type === "fail") return " → fail";
  if (value !== null && value.data !== undefined && record(invoke.value)?.data === undefined)
    return ` → ${short(value.data)}`;
  if (value !== null && Array.isArray(value.children)) return ` → ${short(value.children)}`;
  if (value === null && completion.value !== null && completion.value !== invoke.value)
    return ` → ${short(completion.value)}`;
  return "";
}

/** The operation without its name or zxid: `/k0 = 3000016`, `/k0 → 4000017`, `→ 3`; for the timeline's bars. */
export function opDetail(invoke: HistoryLine, completion: HistoryLine | null): string {
  return `${callDetail(invoke)}${resultText(invoke, completion)}`.trim();
}

export function shortOp(invoke: HistoryLine, completion: HistoryLine | null): string {
  const zxid = (completion as { zxid?: unknown } | null)?.zxid;
  const at = typeof zxid === "number" && zxid > 0 ? ` @${hexZxid(zxid)}` : "";
  return `${invoke.f}${callDetail(invoke)}${resultText(invoke, completion)}${at}`;
}

/** The completion of the operation invoked at `invokeIndex` in history.jsonl, or null if it never completed. */
export function completionOf(
  history: readonly HistoryLine[],
  invokeIndex: number,
): HistoryLine | null {
  const invoke = history[invokeIndex];
  if (invoke === undefined) return null;
  for (let i = invokeIndex + 1; i < history.length; i++) {
    const entry = history[i] as HistoryLine;
    if (entry.process === invoke.process && entry.type !== "invoke") return entry;
  }
  return null;
}

/** `c2 setData /k0 = 3000016 @0x10000002b` for the operation invoked at `invokeIndex`; null if none. */
export function labelOp(
  history: readonly HistoryLine[],
  invokeIndex: number,
  name: ClientNamer,
): string | null {
  const invoke = history[invokeIndex];
  if (invoke === undefined || invoke.process === "nemesis") return null;
  return `${name(invoke.process)} ${shortOp(invoke, completionOf(history, invokeIndex))}`;
}
