// Ties a checker's violation to the event where it shows and the client operations it involves. A violation
// that says where it is (`at`: the operation by history index or process, the node and time, the zxid) is
// placed from that. One that does not (recorded before checkers said) is guessed from its message: the
// operation's process it names (`process 86`), else the node it names, the zxids and epoch it mentions, a time
// (`at 1234us`), and the verb ("delivered", "established", ...), matched against the first step of that node
// whose observations fit. When nothing matches it says so.
import { hexZxid } from "../../../scenarios/systems/labels.js";
import { firstObserved, firstStep, type LocateContext } from "./locate-steps.js";
import type { ClientOperation, ReplayViolation, StepObservation, ViolationAt } from "./types.js";
import { locateAt } from "./violation-at.js";

export interface RawViolation {
  readonly check: string;
  readonly message: string;
  readonly at?: ViolationAt | undefined;
  readonly story?: string | undefined;
}

const VERB_KINDS: readonly (readonly [RegExp, string])[] = [
  [/\bdelivered\b/, "deliver"],
  [/\bestablished\b/, "leader-established"],
  [/\bbroadcast\b/, "propose"],
  [/\blogged\b/, "accept"],
  [/\btruncated\b/, "truncate"],
];

const ZXID_MIN = 2 ** 32;

interface Clues {
  readonly node: number;
  readonly zxids: readonly number[];
  readonly zxidsAfterNode: readonly number[];
  readonly epoch: number | null;
  readonly kind: string | null;
  readonly timeUs: number | null;
}

export function locateViolations(
  violations: readonly RawViolation[],
  context: LocateContext,
): ReplayViolation[] {
  return violations.map((violation) => {
    const told = {
      check: violation.check,
      message: violation.message,
      story: violation.story ?? null,
    };
    const at = withNamedProcess(violation);
    const structured = at === undefined ? null : locateAt(at, context);
    if (structured !== null) return { ...told, ...structured };
    const clues = cluesOf(violation.message, context.nodes);
    const found = locate(clues, context);
    return {
      ...told,
      event: found?.event ?? null,
      locatedBy: found?.how ?? "not located: the message names no event",
      operations: involvedOperations(violation.message, clues.zxids, context.operations),
    };
  });
}

/**
 * The location, completed by the operation the message names (`process 86`) when it names no operation,
 * node or zxid itself (at most a time, such as the run's end, and a client).
 */
function withNamedProcess(violation: RawViolation): ViolationAt | undefined {
  const { at } = violation;
  const process = /\bprocess (\d+)\b/.exec(violation.message)?.[1];
  if (process === undefined) return at;
  const { historyIndex, node, zxid, involved } = at ?? {};
  const named = [historyIndex, at?.process, node, zxid, involved];
  if (named.some((field) => field !== undefined)) return at;
  return { ...at, process: Number(process) };
}

export function cluesOf(message: string, nodes: readonly string[]): Clues {
  let node = -1;
  let at = message.length;
  nodes.forEach((name, k) => {
    const match = new RegExp(`\\b${name}\\b`).exec(message);
    if (match !== null && match.index < at) {
      node = k;
      at = match.index;
    }
  });
  const numbers = (text: string) =>
    [...text.matchAll(/\b(0x[0-9a-f]+|\d+)\b/g)]
      .map((m) => Number(m[1]))
      .filter((n) => n >= ZXID_MIN);
  const epoch = /\bepoch (\d+)/.exec(message);
  const time = /\bat (\d+)us\b/.exec(message);
  const verb = VERB_KINDS.find(([pattern]) => pattern.test(message.slice(at)));
  return {
    node,
    zxids: numbers(message),
    zxidsAfterNode: node < 0 ? [] : numbers(message.slice(at)),
    epoch: epoch === null ? null : Number(epoch[1]),
    kind: verb?.[1] ?? null,
    timeUs: time === null ? null : Number(time[1]),
  };
}

function locate(clues: Clues, context: LocateContext): { event: number; how: string } | null {
  const name = context.nodes[clues.node] ?? "";
  if (clues.timeUs !== null) {
    const t = clues.timeUs;
    const event = firstStep(context, clues.node, (e) => e.timeUs >= t);
    if (event !== null) return { event, how: `${name || "the run"} at ${t}us` };
  }
  const zxid = clues.zxidsAfterNode[0];
  if (zxid !== undefined) {
    const matches = (o: StepObservation) =>
      o.zxid === zxid && (clues.kind === null || o.kind === clues.kind);
    const event = firstObserved(context, clues.node, matches);
    if (event !== null)
      return { event, how: `${name}'s ${clues.kind ?? "observation"} of ${hexZxid(zxid)}` };
  }
  if (clues.kind !== null && clues.epoch !== null) {
    const { kind, epoch } = clues;
    const event = firstObserved(context, clues.node, (o) => o.kind === kind && o.epoch === epoch);
    if (event !== null) return { event, how: `${name}'s first ${kind} in epoch ${epoch}` };
  }
  return null;
}

/** Operations whose reply carries a zxid the message mentions, or whose value a `zxid|value` key names. */
function involvedOperations(
  message: string,
  zxids: readonly number[],
  operations: readonly ClientOperation[],
): number[] {
  const values = new Set([...message.matchAll(/\d+\|([^\s,]+)/g)].map((m) => m[1]));
  const wanted = new Set(zxids);
  return operations
    .filter(
      (op) =>
        (op.zxid !== null && wanted.has(op.zxid)) ||
        (op.f === "write" && values.has(JSON.stringify(op.value))),
    )
    .map((op) => op.id);
}
