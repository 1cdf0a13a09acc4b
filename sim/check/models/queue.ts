// Queues: `fifo-queue` (dequeue returns the oldest element) and `unordered-queue` (dequeue returns any
// element). `enqueue` adds its value; a `dequeue` that returns null found the queue empty (Jepsen records
// a dequeue from an empty queue as `fail`, which the checker drops). An `info` dequeue removes whichever
// element it may have removed, which makes the unordered queue nondeterministic.
import type { Json } from "../../api/json.js";
import type { Operation } from "../../history/operation.js";
import type { Model, ModelFactory, ModelOp } from "../model.js";
import { ModelInputError } from "../model.js";
import { canonicalJson } from "./canonical-json.js";

export type QueueInput =
  | { readonly f: "enqueue"; readonly value: string }
  | { readonly f: "dequeue" };
/** Canonical elements: head first for the FIFO queue, sorted for the unordered queue. */
type QueueState = readonly string[];

function parseQueueOp(operation: Operation): ModelOp<QueueInput, string> {
  const { f, input, output } = operation;
  if (f === "enqueue")
    return { input: { f, value: canonicalJson(input) }, output: undefined, kind: "update" };
  if (f !== "dequeue")
    throw new ModelInputError("f", `a queue model expects enqueue or dequeue, got '${f}'`);
  const value = output === undefined ? undefined : canonicalJson(output);
  // A dequeue that found the queue empty changes nothing.
  return { input: { f }, output: value, kind: value === "null" ? "read" : "update" };
}

function stepFifo(
  state: QueueState,
  input: QueueInput,
  output: string | undefined,
): readonly QueueState[] {
  if (input.f === "enqueue") return [[...state, input.value]];
  const head = state[0];
  if (head === undefined) return output === undefined || output === "null" ? [state] : [];
  return output === undefined || output === head ? [state.slice(1)] : [];
}

function withoutIndex(state: QueueState, index: number): QueueState {
  return [...state.slice(0, index), ...state.slice(index + 1)];
}

function stepUnordered(
  state: QueueState,
  input: QueueInput,
  output: string | undefined,
): readonly QueueState[] {
  if (input.f === "enqueue") return [[...state, input.value].sort()];
  if (state.length === 0) return output === undefined || output === "null" ? [state] : [];
  if (output !== undefined) {
    const index = state.indexOf(output);
    return index < 0 ? [] : [withoutIndex(state, index)];
  }
  const next: QueueState[] = [];
  state.forEach((element, index) => {
    if (index === 0 || state[index - 1] !== element) next.push(withoutIndex(state, index));
  });
  return next;
}

function queueKey(state: QueueState): string {
  return `[${state.join(",")}]`;
}

function createQueue(
  name: string,
  fifo: boolean,
  init: Json,
): Model<QueueState, QueueInput, string> {
  const elements = Array.isArray(init) ? init.map(canonicalJson) : [];
  return {
    name,
    initialState: () => (fifo ? elements : [...elements].sort()),
    parse: parseQueueOp,
    step: fifo ? stepFifo : stepUnordered,
    stateKey: queueKey,
    describeState: queueKey,
    describeOp: (input, output) =>
      input.f === "enqueue" ? `enqueue ${input.value}` : `dequeue -> ${output ?? "?"}`,
  };
}

export const fifoQueueModel: ModelFactory = {
  name: "fifo-queue",
  description:
    "A FIFO queue: enqueue, dequeue returns the oldest element (--init: a list, head first).",
  create: (init) => createQueue("fifo-queue", true, init),
};

export const unorderedQueueModel: ModelFactory = {
  name: "unordered-queue",
  description: "A queue without order: dequeue returns any element (--init: a list).",
  create: (init) => createQueue("unordered-queue", false, init),
};
