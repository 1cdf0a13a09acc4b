// Client operations from the history: each invoke paired with its completion (a process has at most one
// operation open), labelled with its client, and tied to the trace events at which they happened, found by
// simulated time.
import { clientLabel } from "../../../scenarios/systems/labels.js";
import type { HistoryRecord } from "./recorder.js";
import type { ClientOperation, OpOutcome, ReplayEvent } from "./types.js";

interface OpenOp {
  readonly invoke: HistoryRecord;
  readonly id: number;
  readonly historyIndex: number;
}

/** `clientOf`: a workload process's client index (run.json's `workload`), for its label. */
export function linkOperations(
  history: readonly HistoryRecord[],
  events: readonly ReplayEvent[],
  clientOf: (process: number) => number | undefined = () => undefined,
): ClientOperation[] {
  const open = new Map<number, OpenOp>();
  const done: ClientOperation[] = [];
  let nextId = 0;
  history.forEach((entry, historyIndex) => {
    if (entry.process === "nemesis") return;
    if (entry.type === "invoke") {
      open.set(entry.process, { invoke: entry, id: nextId++, historyIndex });
      return;
    }
    const started = open.get(entry.process);
    if (started === undefined) return;
    open.delete(entry.process);
    done.push(operationOf(started, entry, events, clientOf));
  });
  for (const started of open.values()) done.push(operationOf(started, null, events, clientOf));
  return done.sort((a, b) => a.id - b.id);
}

function operationOf(
  started: OpenOp,
  completion: HistoryRecord | null,
  events: readonly ReplayEvent[],
  clientOf: (process: number) => number | undefined,
): ClientOperation {
  const { invoke, id, historyIndex } = started;
  const invokeUs = Math.floor(invoke.time / 1000);
  const completeUs = completion === null ? null : Math.floor(completion.time / 1000);
  const server = typeof completion?.server === "string" ? completion.server : null;
  const process = invoke.process as number;
  return {
    id,
    historyIndex,
    process,
    client: clientLabel(process, clientOf),
    session: typeof completion?.session === "number" ? completion.session : null,
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
