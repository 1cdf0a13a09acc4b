// Single system image (reference §2 item 3 and "Never go back in time"): per session, the zxids of replies
// never go backwards — also when the session fails over to another server — and a read after the
// session's own write is served at that write's zxid or later (read-your-writes, item 1).

import {
  atOperation,
  describeZkOperation,
  sessionText,
  type ZkViolation,
  zxidText,
} from "./violation.js";
import { isWrite } from "./zk-call.js";
import type { ZkOperation } from "./zk-operation.js";

export function checkSessionOrder(operations: readonly ZkOperation[]): readonly ZkViolation[] {
  const answered = operations
    .filter((op) => op.zxid !== null && op.session !== 0)
    .sort((left, right) => left.returnAt - right.returnAt);
  const highest = new Map<number, ZkOperation>();
  const violations: ZkViolation[] = [];
  for (const op of answered) {
    const before = highest.get(op.session);
    const zxid = op.zxid ?? 0;
    if (before === undefined || zxid >= (before.zxid ?? 0)) {
      highest.set(op.session, op);
      continue;
    }
    const what = isWrite(before.call)
      ? `after its own write ${describeZkOperation(before)}`
      : `after ${describeZkOperation(before)}`;
    violations.push({
      check: "session-order",
      message:
        `session ${sessionText(op.session)} went back in time: ${describeZkOperation(op)} was answered at ` +
        `${zxidText(zxid)}, ${what} had shown it ${zxidText(before.zxid ?? 0)}`,
      at: atOperation(op, zxid, [before]),
    });
  }
  return violations;
}
