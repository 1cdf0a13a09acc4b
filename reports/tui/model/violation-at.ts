// Places a violation that says where it is (`at`, recorded by the checkers): the failing client operation's
// reply (or its invoke, if it never got one), else the node's step at that time making the named observation
// (an app's note) or observing that zxid, else the first step that observed the zxid. Null when `at` names nothing this run holds.

import { processLabel } from "../../../scenarios/apps/process-pool.js";
import { firstObserved, firstStep, type LocateContext } from "./locate-steps.js";
import { firstEventAtOrAfter } from "./operations.js";
import type { ClientOperation, ViolationAt } from "./types.js";

export interface Located {
  readonly event: number | null;
  readonly locatedBy: string;
  readonly operations: readonly number[];
}

function hex(zxid: number): string {
  return `0x${zxid.toString(16)}`;
}

/** The operations named by process, else those whose reply carries the zxid. */
function involvedIn(at: ViolationAt, operations: readonly ClientOperation[]): number[] {
  const processes = [at.process, ...(at.related ?? [])].filter((p) => p !== undefined);
  const named = operations.filter((op) => processes.includes(op.process));
  if (named.length > 0 || at.zxid === undefined) return named.map((op) => op.id);
  return operations.filter((op) => op.zxid === at.zxid).map((op) => op.id);
}

export function locateAt(at: ViolationAt, context: LocateContext): Located | null {
  const byProcess = (process: number) => context.operations.find((op) => op.process === process);
  const involved = involvedIn(at, context.operations);
  const found = at.process === undefined ? undefined : byProcess(at.process);
  if (found !== undefined) {
    const replied = found.completeEvent !== null;
    const zxid = at.zxid === undefined ? "" : ` at zxid ${hex(at.zxid)}`;
    const what = replied ? `reply${zxid}` : `invoke (no reply)${zxid}`;
    return {
      event: found.completeEvent ?? found.invokeEvent,
      locatedBy: `${processLabel(found.process)}'s ${found.f} ${what}`,
      operations: involved,
    };
  }
  const step = stepOf(at, context);
  return step === null ? null : { ...step, operations: involved };
}

/** The node's first step at or after `timeUs`, the one observing the zxid if there is one at that time. */
function stepOf(at: ViolationAt, context: LocateContext) {
  const node = at.node === undefined ? -1 : context.nodes.indexOf(at.node);
  const { timeUs, zxid } = at;
  if (timeUs !== undefined && at.observed !== undefined) {
    const from = firstEventAtOrAfter(context.events, timeUs);
    const kind = at.observed;
    const step = firstObserved(context, node, (o) => o.kind === kind, from);
    if (step !== null && context.events[step]?.timeUs === timeUs)
      return { event: step, locatedBy: `${at.node ?? "a node"}'s ${kind} at ${timeUs}us` };
  }
  if (timeUs !== undefined) {
    const observing =
      zxid === undefined
        ? null
        : firstObserved(
            context,
            node,
            (o) => o.zxid === zxid,
            firstEventAtOrAfter(context.events, timeUs),
          );
    if (observing !== null && context.events[observing]?.timeUs === timeUs)
      return {
        event: observing,
        locatedBy: `${at.node ?? "a node"}'s step observing ${hex(zxid ?? 0)}`,
      };
    const event = firstStep(context, node, (e) => e.timeUs >= timeUs);
    if (event !== null) return { event, locatedBy: `${at.node ?? "the run"} at ${timeUs}us` };
  }
  if (zxid === undefined) return null;
  const event = firstObserved(context, node, (o) => o.zxid === zxid);
  return event === null ? null : { event, locatedBy: `the first step observing ${hex(zxid)}` };
}
