// Client operations from the history: each invoke paired with its completion (a process has at most one
// operation open), and tied to the trace events at which they happened, found by simulated time.
import type { HistoryRecord } from "./recorder.js";
import type { ClientOperation, OpOutcome, ReplayEvent } from "./types.js";

interface OpenOp {
  readonly invoke: HistoryRecord;
  readonly id: number;
}

export function linkOperations(
  history: readonly HistoryRecord[],
  events: readonly ReplayEvent[],
): ClientOperation[] {
  const open = new Map<number, OpenOp>();
  const done: ClientOperation[] = [];
  let nextId = 0;
  for (const entry of history) {
    if (entry.process === "nemesis") continue;
    if (entry.type === "invoke") {
      open.set(entry.process, { invoke: entry, id: nextId++ });
      continue;
    }
    const started = open.get(entry.process);
    if (started === undefined) continue;
    open.delete(entry.process);
    done.push(operationOf(started, entry, events));
  }
  for (const started of open.values()) done.push(operationOf(started, null, events));
  return done.sort((a, b) => a.id - b.id);
}

function operationOf(
  started: OpenOp,
  completion: HistoryRecord | null,
  events: readonly ReplayEvent[],
): ClientOperation {
  const { invoke, id } = started;
  const invokeUs = Math.floor(invoke.time / 1000);
  const completeUs = completion === null ? null : Math.floor(completion.time / 1000);
  const server = typeof completion?.server === "string" ? completion.server : null;
  return {
    id,
    process: invoke.process as number,
    f: invoke.f,
    value: invoke.value,
    result: completion?.value ?? null,
    outcome: (completion?.type ?? "open") as OpOutcome,
    invokeUs,
    completeUs,
    zxid: typeof completion?.zxid === "number" ? completion.zxid : null,
    server,
    invokeEvent: eventAt(events, invokeUs, (e) => e.kind === "request"),
    // The reply's step: the answering server's (the zab system), or its client's delivery of it.
    completeEvent:
      completeUs === null
        ? null
        : eventAt(
            events,
            completeUs,
            (e) => e.node === server || (e.kind === "deliver" && e.text.startsWith(`${server}->`)),
          ),
  };
}

/** The first event at `timeUs` that `prefer` accepts, else the last event at or before it. */
export function eventAt(
  events: readonly ReplayEvent[],
  timeUs: number,
  prefer: (event: ReplayEvent) => boolean = () => true,
): number {
  const first = firstEventAtOrAfter(events, timeUs);
  for (let i = first; i < events.length && (events[i] as ReplayEvent).timeUs === timeUs; i++) {
    if (prefer(events[i] as ReplayEvent)) return i;
  }
  if (events[first]?.timeUs === timeUs) return first;
  return Math.max(0, first - 1);
}

/** The index of the first event at or after `timeUs` (events.length when none). */
export function firstEventAtOrAfter(events: readonly ReplayEvent[], timeUs: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((events[mid] as ReplayEvent).timeUs < timeUs) low = mid + 1;
    else high = mid;
  }
  return low;
}
