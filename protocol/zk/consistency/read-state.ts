// R-SC (reference §2 items 3 and 6: reads are served locally and may be stale, but each is a state the
// service really passed through): a read answered with reply zxid z returns exactly what the tree holds
// after applying the committed writes up to z. A read of a future, discarded or invented state fails.

import { comparableText } from "./compare-values.js";
import { readValue } from "./expected-value.js";
import {
  answerText,
  atOperation,
  describeZkOperation,
  differenceText,
  type ZkViolation,
  zxidText,
} from "./violation.js";
import { stepIndexAt, type Timeline, treeAt } from "./write-replay.js";
import { isTreeRead } from "./zk-call.js";
import type { ZkOperation } from "./zk-operation.js";

export function checkReadStates(
  operations: readonly ZkOperation[],
  timeline: Timeline,
): readonly ZkViolation[] {
  const violations: ZkViolation[] = [];
  for (const op of operations) {
    const { call } = op;
    if (op.status !== "ok" || op.zxid === null || op.output === undefined) continue;
    if (!isTreeRead(call)) continue;
    const expected = readValue(treeAt(timeline, op.zxid), call, op.session);
    if (comparableText(expected, "zxid-exact") === comparableText(op.output, "zxid-exact")) {
      continue;
    }
    const last = timeline.steps[stepIndexAt(timeline, op.zxid)];
    const through = last === undefined ? "no write" : `the writes through ${zxidText(last.zxid)}`;
    violations.push({
      check: "read-state",
      message:
        `${describeZkOperation(op)}: served at ${zxidText(op.zxid)}, where ${through} give ` +
        `${answerText(expected)}: ${differenceText(op.output, expected)}`,
      at: atOperation(op),
    });
  }
  return violations;
}
