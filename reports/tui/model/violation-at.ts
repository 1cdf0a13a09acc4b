// Places a violation that says where it is (`at`, recorded by the checkers). The operation that breaks the
// rule is found exactly by its invoke's index in the history (`historyIndex`), else by its process, and shown
// at its reply (or its invoke, if it never got one); the operations `involved` are marked beside it. With no
// operation, the node's step at that time (the one making the named observation, such as an app's note, or
// observing the zxid), else the first step that observed the zxid. Null when `at` names nothing this run holds.
import { hexZxid } from "../../../scenarios/systems/labels.js";
import { firstObserved, firstStep, type LocateContext } from "./locate-steps.js";
import { firstEventAtOrAfter } from "./operations.js";
import type { ClientOperation, ViolationAt } from "./types.js";

export interface Located {
  readonly event: number | null;
  readonly locatedBy: string;
  readonly operations: readonly number[];
}

function seconds(timeUs: number): string {
  return `${(timeUs / 1_000_000).toFixed(6)}s`;
}

/** The operation that breaks the rule: by its invoke's history index, else by process. */
function mainOperation(at: ViolationAt, operations: readonly ClientOperation[]) {
  const { historyIndex, process } = at;
  const exact =
    historyIndex === undefined
      ? undefined
      : operations.find((op) => op.historyIndex === historyIndex);
  return (
    exact ?? (process === undefined ? undefined : operations.find((o) => o.process === process))
  );
}

/** The main operation and those named as involved (by history index, or by process in older runs). */
function involvedIn(
  at: ViolationAt,
  main: ClientOperation | undefined,
  operations: readonly ClientOperation[],
): number[] {
  const indices = new Set(at.involved ?? []);
  const processes = new Set(at.related ?? []);
  if (main === undefined && at.process !== undefined) processes.add(at.process);
  const named = operations.filter(
    (op) => op === main || indices.has(op.historyIndex) || processes.has(op.process),
  );
  if (named.length > 0 || at.zxid === undefined) return named.map((op) => op.id);
  return operations.filter((op) => op.zxid === at.zxid).map((op) => op.id);
}

export function locateAt(at: ViolationAt, context: LocateContext): Located | null {
  const main = mainOperation(at, context.operations);
  const operations = involvedIn(at, main, context.operations);
  if (main !== undefined) {
    const zxid = at.zxid === undefined ? "" : ` at zxid ${hexZxid(at.zxid)}`;
    const what = main.completeEvent !== null ? `reply${zxid}` : `invoke (no reply)${zxid}`;
    return {
      event: main.completeEvent ?? main.invokeEvent,
      locatedBy: `${main.client}'s ${main.f} ${what}`,
      operations,
    };
  }
  const step = stepOf(at, context);
  if (step !== null) return { ...step, operations };
  const first = context.operations.find((op) => op.id === operations[0]);
  if (first === undefined) return null;
  const event = first.completeEvent ?? first.invokeEvent;
  return { event, locatedBy: `${first.client}'s ${first.f}, involved`, operations };
}

/** The node's first step at or after `timeUs`, the one observing the zxid if there is one at that time. */
function stepOf(at: ViolationAt, context: LocateContext) {
  const name = at.node ?? (context.nodes.includes(at.client ?? "") ? at.client : undefined);
  const node = name === undefined ? -1 : context.nodes.indexOf(name);
  const who = name ?? "a node";
  const { timeUs, zxid } = at;
  if (timeUs !== undefined) {
    const from = firstEventAtOrAfter(context.events, timeUs);
    const atTime = (step: number | null) =>
      step !== null && context.events[step]?.timeUs === timeUs ? step : null;
    const kind = at.observed;
    const noted =
      kind === undefined
        ? null
        : atTime(firstObserved(context, node, (o) => o.kind === kind, from));
    if (noted !== null)
      return { event: noted, locatedBy: `${who}'s ${kind} at ${seconds(timeUs)}` };
    const observing =
      zxid === undefined
        ? null
        : atTime(firstObserved(context, node, (o) => o.zxid === zxid, from));
    if (observing !== null)
      return { event: observing, locatedBy: `${who}'s step observing ${hexZxid(zxid ?? 0)}` };
    const event = firstStep(context, node, (e) => e.timeUs >= timeUs);
    if (event !== null) return { event, locatedBy: `${name ?? "the run"} at ${seconds(timeUs)}` };
  }
  if (zxid === undefined) return null;
  const event = firstObserved(context, node, (o) => o.zxid === zxid);
  return event === null ? null : { event, locatedBy: `the first step observing ${hexZxid(zxid)}` };
}
