// Runs one sequence against both drivers and records every outcome and every set of watch events that
// differs.

import type { ConfOp, Driver, Outcome, ReceivedEvent } from "./ops.js";

/** What a step of the sequence produced on one side: its outcome (none for the end) and the events after it. */
export type StepResult = {
  readonly outcome?: unknown;
  readonly events: Readonly<Record<string, readonly string[]>>;
};

export type Mismatch = {
  readonly sequence: string;
  /** The op's index, -1 for the sequence's start and ops.length for its end (both sessions closed). */
  readonly index: number;
  readonly op: ConfOp | "begin" | "end";
  readonly real: StepResult;
  readonly sim: StepResult;
};

/** JSON with object keys sorted, so equal outcomes print equal whatever order fields were set in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const entries = Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return Object.fromEntries(entries);
  });
}

const ZXID_FIELDS = new Set(["czxid", "mzxid", "pzxid"]);

/**
 * Zxids relative to the sequence root's czxid ("r+3", "r-120"; "0" for the system nodes' zxid 0). The real
 * server is standalone (zxids 1, 2, ...), the simulated ensemble's carry its epoch in the high bits; both
 * consume exactly one zxid per txn (sessions and error txns included), so the offsets must be equal.
 */
export function relativeZxids(value: unknown, rootCzxid: number): unknown {
  if (Array.isArray(value)) return value.map((item) => relativeZxids(item, rootCzxid));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, inner]) => {
    if (ZXID_FIELDS.has(key) && typeof inner === "number") {
      const offset = inner - rootCzxid;
      return [key, inner === 0 ? "0" : `r${offset < 0 ? "" : "+"}${offset}`];
    }
    return [key, relativeZxids(inner, rootCzxid)];
  });
  return Object.fromEntries(entries);
}

/**
 * Events per receiving session, in the order that session received them. Across sessions there is no
 * order to compare: each session has its own connection.
 */
function bySession(events: readonly ReceivedEvent[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const event of events) {
    const list = grouped[event.session] ?? [];
    list.push(`${event.type} ${event.path}`);
    grouped[event.session] = list;
  }
  return grouped;
}

function eventCount(real: Record<string, string[]>, sim: Record<string, string[]>): number {
  let count = 0;
  for (const session of new Set([...Object.keys(real), ...Object.keys(sim)])) {
    count += Math.max(real[session]?.length ?? 0, sim[session]?.length ?? 0);
  }
  return count;
}

export type SequenceReport = {
  readonly compared: number;
  readonly events: number;
  readonly mismatches: readonly Mismatch[];
};

/**
 * Runs the op on both sides, one after the other, each call answered before the next; after each op both
 * sides settle (every event the op caused has reached its session) and hand over the events received.
 */
export async function compareSequence(
  name: string,
  root: string,
  ops: readonly ConfOp[],
  real: Driver,
  sim: Driver,
): Promise<SequenceReport> {
  const mismatches: Mismatch[] = [];
  let events = 0;
  const realRoot = await real.begin(root);
  const simRoot = await sim.begin(root);
  const record = (
    index: number,
    op: Mismatch["op"],
    realStep: { outcome?: Outcome; events: readonly ReceivedEvent[] },
    simStep: { outcome?: Outcome; events: readonly ReceivedEvent[] },
  ) => {
    const realEvents = bySession(realStep.events);
    const simEvents = bySession(simStep.events);
    events += eventCount(realEvents, simEvents);
    const realResult: StepResult = {
      ...(realStep.outcome === undefined
        ? {}
        : { outcome: relativeZxids(realStep.outcome, realRoot) }),
      events: realEvents,
    };
    const simResult: StepResult = {
      ...(simStep.outcome === undefined
        ? {}
        : { outcome: relativeZxids(simStep.outcome, simRoot) }),
      events: simEvents,
    };
    if (canonical(realResult) !== canonical(simResult)) {
      mismatches.push({ sequence: name, index, op, real: realResult, sim: simResult });
    }
  };
  record(-1, "begin", { events: await real.settle() }, { events: await sim.settle() });
  let compared = 0;
  for (const [index, op] of ops.entries()) {
    const realOutcome = await real.run(op);
    const realEvents = await real.settle();
    const simOutcome = await sim.run(op);
    const simEvents = await sim.settle();
    compared++;
    record(
      index,
      op,
      { outcome: realOutcome, events: realEvents },
      { outcome: simOutcome, events: simEvents },
    );
  }
  record(ops.length, "end", { events: await real.end() }, { events: await sim.end() });
  return { compared, events, mismatches };
}
