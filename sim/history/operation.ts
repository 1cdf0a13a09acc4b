// Pairs invokes with completions into operations with real-time intervals (Jepsen conventions,
// docs/history-formats.md): `fail` pairs are dropped, `info` and never-completed invokes stay open to the end.
import type { Json } from "../api/json.js";
import { HistoryError } from "./history-error.js";
import type { HistoryEvent } from "./history-event.js";

export type OperationStatus = "ok" | "info";

export interface Operation {
  /** Position among the history's operations, in invoke order. */
  readonly index: number;
  readonly process: number;
  readonly f: string;
  readonly key: Json | undefined;
  /** The value of the invoke. */
  readonly input: Json;
  /** The value of the `ok` completion; undefined when the outcome is unknown (`info`). */
  readonly output: Json | undefined;
  readonly status: OperationStatus;
  readonly callLine: number;
  /** The line of the completion; null when the invoke never completed. */
  readonly returnLine: number | null;
  /** Ordinal of the invoke among client events: operation a precedes b iff a.returnAt < b.callAt. */
  readonly callAt: number;
  /** Ordinal of the completion; +Infinity for `info`, whose interval stays open to the end. */
  readonly returnAt: number;
}

interface Pending {
  readonly event: HistoryEvent;
  readonly at: number;
  readonly slot: number;
}

interface Completion {
  readonly event: HistoryEvent | null;
  readonly at: number;
}

function toOperation(pending: Pending, completion: Completion): Operation {
  const { event } = pending;
  const done = completion.event;
  const isOk = done !== null && done.type === "ok";
  return {
    index: -1,
    process: event.process ?? -1,
    f: event.f,
    key: event.key ?? done?.key,
    input: event.value,
    output: isOk ? done.value : undefined,
    status: isOk ? "ok" : "info",
    callLine: event.line,
    returnLine: done === null ? null : done.line,
    callAt: pending.at,
    returnAt: isOk ? completion.at : Number.POSITIVE_INFINITY,
  };
}

/**
 * Builds the operations of a history. A process runs one operation at a time: the completion of an
 * invoke is the next event of the same process that is not an invoke. A second invoke on a process whose
 * operation is still open means the first never completed (it counts as `info`).
 */
export function pairOperations(events: readonly HistoryEvent[], file: string): Operation[] {
  const slots: (Operation | null)[] = [];
  const open = new Map<number, Pending>();
  let at = 0;
  for (const event of events) {
    if (event.process === null) continue;
    at++;
    const pending = open.get(event.process);
    if (event.type === "invoke") {
      if (pending !== undefined) slots[pending.slot] = toOperation(pending, { event: null, at });
      open.set(event.process, { event, at, slot: slots.length });
      slots.push(null);
      continue;
    }
    if (pending === undefined) {
      const reason = `process ${event.process} completes an operation it never invoked`;
      throw new HistoryError(file, event.line, "type", reason);
    }
    open.delete(event.process);
    if (event.type !== "fail") slots[pending.slot] = toOperation(pending, { event, at });
  }
  for (const pending of open.values())
    slots[pending.slot] = toOperation(pending, { event: null, at });
  const operations: Operation[] = [];
  for (const operation of slots) {
    if (operation !== null) operations.push({ ...operation, index: operations.length });
  }
  return operations;
}
