// Lookups over a ReplayRun for one screen: each node's row at a step, what changed in that step, the events,
// operations, faults and matches around it. Binary searches over precomputed columns; nothing re-runs.
import { hexSession, hexZxid } from "../../../scenarios/systems/labels.js";
import { hexIdsInValue } from "./hex-ids.js";
import { firstEventAtOrAfter } from "./operations.js";
import type {
  ClientOperation,
  NodeStatus,
  ReplayEvent,
  ReplayRun,
  ServerSummary,
} from "./types.js";

export const SUMMARY_FIELDS = ["role", "epoch", "logged", "committed", "extra"] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];
export const CLIENT_FIELDS = ["state", "session", "server", "lastZxid", "outstanding"] as const;

export interface ServerRow {
  readonly name: string;
  readonly status: NodeStatus;
  /** Null before the node first started, and while it is down. */
  readonly summary: ServerSummary | null;
  readonly clockOffsetUs: number;
  /** Peers it has an open connection to; `!` marks a peer it cannot reach (cut). */
  readonly links: readonly string[];
  /** This node stepped in the current event. */
  readonly stepped: boolean;
  /** Summary fields (and `status`, `clock`, `links`) that differ from the previous step. */
  readonly changed: ReadonlySet<string>;
}

/** The last step of node `k` at or before `step`, or -1. */
export function lastStepOf(run: ReplayRun, k: number, step: number): number {
  return lastAtOrBefore(run.nodeSteps[k], step);
}

/**
 * The step whose state shows node `k` after `step`: its last step, unless it went down since. A restart
 * boots the node within the nemesis operation (the trace records its start just after, at the same time), so
 * from the restart on it shows that fresh start, never its state from before the crash. -1 when it has no
 * state: not started yet, or down.
 */
export function stateStepOf(run: ReplayRun, k: number, step: number): number {
  const last = lastStepOf(run, k, step);
  if (lastAtOrBefore(run.downs[k], step) <= last) return last;
  if (run.envs[step]?.statuses[k] === "down") return -1;
  const steps = run.nodeSteps[k];
  const next = steps?.[lastIndexAtOrBefore(steps, step) + 1];
  const start = next === undefined ? undefined : run.events[next];
  const sameTime = start?.timeUs === run.events[step]?.timeUs;
  return start?.kind === "start" && sameTime ? (next as number) : -1;
}

/** The last entry of a sorted list at or before `step`, or -1. */
function lastAtOrBefore(steps: Int32Array | undefined, step: number): number {
  if (steps === undefined) return -1;
  const at = lastIndexAtOrBefore(steps, step);
  return at < 0 ? -1 : (steps[at] as number);
}

function lastIndexAtOrBefore(steps: Int32Array | undefined, step: number): number {
  if (steps === undefined) return -1;
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((steps[mid] as number) <= step) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

function summaryAt(run: ReplayRun, k: number, step: number): ServerSummary | null {
  const shown = stateStepOf(run, k, step);
  if (shown < 0 || run.envs[step]?.statuses[k] === "down") return null;
  return run.summaries[shown] ?? null;
}

function linksAt(run: ReplayRun, k: number, step: number): string[] {
  const env = run.envs[step];
  const n = run.nodes.length;
  if (env === undefined) return [];
  const links: string[] = [];
  run.nodes.forEach((peer, j) => {
    if (j === k) return;
    const open = env.open.includes(Math.min(j, k) * n + Math.max(j, k));
    const cut = env.cuts.includes(k * n + j) || env.cuts.includes(j * n + k);
    if (open || cut) links.push(cut ? `!${peer}` : peer);
  });
  return links;
}

export function serverRow(run: ReplayRun, k: number, step: number): ServerRow {
  const env = run.envs[step];
  const before = step > 0 ? step - 1 : -1;
  const summary = summaryAt(run, k, step);
  const previous = before < 0 ? null : summaryAt(run, k, before);
  const changed = new Set<string>();
  if (before >= 0) {
    for (const field of SUMMARY_FIELDS)
      if ((summary?.[field] ?? "") !== (previous?.[field] ?? "")) changed.add(field);
    for (const field of CLIENT_FIELDS)
      if (summary?.client?.[field] !== previous?.client?.[field]) changed.add(field);
    const prevEnv = run.envs[before];
    if (prevEnv?.statuses[k] !== env?.statuses[k]) changed.add("status");
    if (prevEnv?.clockOffsetsUs[k] !== env?.clockOffsetsUs[k]) changed.add("clock");
    if (linksAt(run, k, before).join() !== linksAt(run, k, step).join()) changed.add("links");
  }
  return {
    name: run.nodes[k] ?? "?",
    status: env?.statuses[k] ?? "down",
    summary,
    clockOffsetUs: env?.clockOffsetsUs[k] ?? 0,
    links: linksAt(run, k, step),
    stepped: run.stepNode[step] === k,
    changed,
  };
}

/** The operations open at `timeUs` or completed/invoked nearest to it, at most `count`, in invoke order. */
export function operationsAround(run: ReplayRun, timeUs: number, count: number): ClientOperation[] {
  const ops = run.operations;
  let low = 0;
  let high = ops.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ops[mid] as ClientOperation).invokeUs <= timeUs) low = mid + 1;
    else high = mid;
  }
  // The last `count - 1` operations invoked by now and the next one to come; with one or two rows, only
  // those invoked by now (the one in progress is the one to see).
  const end = Math.min(ops.length, Math.max(low + (count >= 3 ? 1 : 0), 1));
  return ops.slice(Math.max(0, end - count), end);
}

/** The next (dir 1) or previous (dir -1) entry of a sorted index list, strictly past `step`. */
export function neighbour(sorted: ArrayLike<number>, step: number, dir: 1 | -1): number | null {
  if (dir === 1) {
    for (let i = 0; i < sorted.length; i++)
      if ((sorted[i] as number) > step) return sorted[i] as number;
    return null;
  }
  for (let i = sorted.length - 1; i >= 0; i--)
    if ((sorted[i] as number) < step) return sorted[i] as number;
  return null;
}

/** Does an event match a filter: a node name exactly, or a word of its text (a message type, a timer). */
export function matchesFilter(event: ReplayEvent, filter: string): boolean {
  if (filter === "") return true;
  if (event.node === filter || event.kind === filter) return true;
  return event.text.split(/[\s=]+/).some((word) => word === filter);
}

/** The next event from `from` (exclusive) in direction `dir` that satisfies `accept`, wrapping around. */
export function findEvent(
  run: ReplayRun,
  from: number,
  dir: 1 | -1,
  accept: (event: ReplayEvent) => boolean,
): number | null {
  const n = run.events.length;
  for (let k = 1; k <= n; k++) {
    const i = (((from + dir * k) % n) + n) % n;
    if (accept(run.events[i] as ReplayEvent)) return i;
  }
  return null;
}

/** What a search matches in an operation: its client, process, call, values, zxid, session and server. */
export function operationSearchText(op: ClientOperation): string {
  const value = JSON.stringify(hexIdsInValue(op.value)) ?? "";
  const result = JSON.stringify(hexIdsInValue(op.result)) ?? "";
  const zxid = op.zxid === null ? "" : hexZxid(op.zxid);
  const session = op.session === null ? "" : hexSession(op.session);
  return `${op.client} process ${op.process} p${op.process} ${op.f} ${value} ${result} ${zxid} ${session} ${op.server ?? ""}`;
}

/**
 * The next event after `from` (wrapping) whose node and text contain `query` (case-insensitive), or that is
 * the invoke or reply of an operation whose client, process, values or ids contain it: `/c3` finds c3's
 * events and operations, `/0x10000002a` a zxid or session.
 */
export function searchEvents(run: ReplayRun, from: number, query: string): number | null {
  const wanted = query.toLowerCase();
  const ofOperations = new Set<number>();
  for (const op of run.operations) {
    if (!operationSearchText(op).toLowerCase().includes(wanted)) continue;
    ofOperations.add(op.invokeEvent);
    if (op.completeEvent !== null) ofOperations.add(op.completeEvent);
  }
  return findEvent(
    run,
    from,
    1,
    (e) => ofOperations.has(e.index) || `${e.node} ${e.text}`.toLowerCase().includes(wanted),
  );
}

/** The step for `:` input: a step number (`1234`), or a time (`1.5s`, `250ms`, `800us`). */
export function parseGoto(run: ReplayRun, text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), run.events.length - 1);
  const time = /^(\d+(?:\.\d+)?)(s|ms|us)$/.exec(trimmed);
  if (time === null) return null;
  const scale = time[2] === "s" ? 1_000_000 : time[2] === "ms" ? 1_000 : 1;
  const timeUs = Math.round(Number(time[1]) * scale);
  return Math.min(firstEventAtOrAfter(run.events, timeUs), run.events.length - 1);
}
