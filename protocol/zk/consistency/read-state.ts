// R-SC (reference §2 items 3 and 6: reads are served locally and may be stale, but each is a state the
// service really passed through): a read answered with reply zxid z returns exactly what the tree holds
// after applying the committed writes up to z. A read of a future, discarded or invented state fails.

import type { Json } from "../../../sim/api/index.js";
import { sameValue } from "./compare-values.js";
import { readValue } from "./expected-value.js";
import {
  answerText,
  atOperation,
  describeZkOperation,
  differenceText,
  lazyViolation,
  type ZkViolation,
  zxidText,
} from "./violation.js";
import { stepIndexAt, type Timeline, type TreeProbe } from "./write-replay.js";
import { isTreeRead } from "./zk-call.js";
import type { ZkOperation } from "./zk-operation.js";

/**
 * The reads as probes of the replay (replayWrites), so no tree is kept per write; `violations` gives what
 * they found once the replay has passed them all.
 */
export function readStateProbes(operations: readonly ZkOperation[]): {
  readonly probes: readonly TreeProbe[];
  readonly violations: (timeline: Timeline) => readonly ZkViolation[];
} {
  const found: { readonly op: ZkOperation; readonly zxid: number; readonly expected: Json }[] = [];
  const probes: TreeProbe[] = [];
  for (const op of operations) {
    const { call } = op;
    const zxid = op.zxid;
    const output = op.output;
    if (op.status !== "ok" || zxid === null || output === undefined) continue;
    if (!isTreeRead(call)) continue;
    probes.push({
      zxid,
      look: (tree) => {
        const expected = readValue(tree, call, op.session);
        if (sameValue(expected, output, "zxid-exact")) return;
        found.push({ op, zxid, expected });
      },
    });
  }
  const violations = (timeline: Timeline) =>
    found
      .sort((left, right) => left.op.index - right.op.index)
      .map(({ op, zxid, expected }) => {
        const last = timeline.steps[stepIndexAt(timeline, zxid)];
        const through =
          last === undefined ? "no write" : `the writes through ${zxidText(last.zxid)}`;
        return lazyViolation(
          "read-state",
          () =>
            `${describeZkOperation(op)}: served at ${zxidText(zxid)}, where ${through} give ` +
            `${answerText(expected)}: ${differenceText(op.output, expected)}`,
          atOperation(op),
        );
      });
  return { probes, violations };
}
