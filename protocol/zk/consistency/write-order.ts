// W-Lin (reference §2 item 6, "writes are linearizable"): the writes that took effect, in zxid order, are
// a valid linearization — every zxid is used once, replaying them reproduces each answer (error txns
// included, §1.4), and a write starts after every operation that finished before it has a larger zxid.

import { sameValue } from "./compare-values.js";
import {
  atOperation,
  describeZkOperation,
  differenceText,
  type ZkViolation,
  zxidText,
} from "./violation.js";
import type { ReplayStep, Timeline } from "./write-replay.js";
import type { ZkOperation } from "./zk-operation.js";

/** `effective`: the ok writes plus the info writes placed at a zxid, each with the zxid it took. */
export type PlacedWrite = { readonly op: ZkOperation; readonly zxid: number };

export function checkWriteOrder(
  operations: readonly ZkOperation[],
  effective: readonly PlacedWrite[],
  timeline: Timeline,
): readonly ZkViolation[] {
  return [
    ...uniqueZxids(effective),
    ...reproducedAnswers(effective, timeline),
    ...realTimeOrder(operations, effective),
  ];
}

/**
 * The part no placement of info writes changes: the answered writes' zxids are unique and respect real
 * time (a placed info write is only ever offered zxids above everything that completed before it).
 */
export function checkAnsweredWriteOrder(
  operations: readonly ZkOperation[],
  answered: readonly PlacedWrite[],
): readonly ZkViolation[] {
  return [...uniqueZxids(answered), ...realTimeOrder(operations, answered)];
}

function uniqueZxids(effective: readonly PlacedWrite[]): ZkViolation[] {
  const seen = new Map<number, ZkOperation>();
  const violations: ZkViolation[] = [];
  for (const { op, zxid } of effective) {
    const first = seen.get(zxid);
    if (first === undefined) {
      seen.set(zxid, op);
      continue;
    }
    violations.push({
      check: "write-order",
      message: `two writes got zxid ${zxidText(zxid)}: ${describeZkOperation(first)} and ${describeZkOperation(op)}`,
      at: atOperation(op, zxid, [first]),
    });
  }
  return violations;
}

function reproducedAnswers(effective: readonly PlacedWrite[], timeline: Timeline): ZkViolation[] {
  const byZxid = new Map<number, ReplayStep>(timeline.steps.map((step) => [step.zxid, step]));
  const violations: ZkViolation[] = [];
  for (const { op, zxid } of effective) {
    const step = byZxid.get(zxid);
    if (op.status !== "ok" || op.output === undefined || step === undefined) continue;
    if (sameValue(step.expected, op.output, "zxid-exact")) continue;
    violations.push({
      check: "write-order",
      message:
        `${describeZkOperation(op)}: replaying the writes in zxid order answers otherwise at ` +
        `${zxidText(zxid)}: ${differenceText(op.output, step.expected)}`,
      at: atOperation(op, zxid),
    });
  }
  return violations;
}

/** Every operation with a reply zxid that completed before a write was invoked has a smaller zxid. */
function realTimeOrder(
  operations: readonly ZkOperation[],
  effective: readonly PlacedWrite[],
): ZkViolation[] {
  const finished = operations
    .filter((op) => op.zxid !== null)
    .sort((left, right) => left.returnAt - right.returnAt);
  const writes = [...effective].sort((left, right) => left.op.callAt - right.op.callAt);
  const violations: ZkViolation[] = [];
  let highest: ZkOperation | undefined;
  let next = 0;
  for (const write of writes) {
    for (let op = finished[next]; op !== undefined && op.returnAt < write.op.callAt; ) {
      if (highest === undefined || (op.zxid ?? 0) > (highest.zxid ?? 0)) highest = op;
      next++;
      op = finished[next];
    }
    if (highest === undefined || (highest.zxid ?? 0) < write.zxid) continue;
    violations.push({
      check: "write-order",
      message:
        `${describeZkOperation(write.op)} has zxid ${zxidText(write.zxid)}, but it was invoked after ` +
        `${describeZkOperation(highest)} had completed with zxid ${zxidText(highest.zxid ?? 0)}: ` +
        "zxid order contradicts real-time order",
      at: atOperation(write.op, write.zxid, [highest]),
    });
  }
  return violations;
}
