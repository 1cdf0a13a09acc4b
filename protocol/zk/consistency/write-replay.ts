// Replays writes in zxid order through the leader's prepare and the replicas' apply (reference §1.4, §2):
// the states every read may be checked against, each write's expected answer, and the watch events each
// txn causes. Prepare runs on the fully applied tree, which equals the leader's tree plus outstanding
// changes because every earlier txn in zxid order is applied first.

import type { Json } from "../../../sim/api/index.js";
import { isAllowed, PERM_READ } from "../acl/index.js";
import {
  applyTxn,
  type DataTree,
  emptyTree,
  prepareWrite,
  type SessionErrorCode,
} from "../data-tree/index.js";
import { eventsOf, type WatchEvent } from "../watches/index.js";
import type { ClientWriteOp } from "../wire/index.js";
import { writeValue } from "./expected-value.js";

export type WriteToReplay = {
  readonly call: ClientWriteOp;
  readonly session: number;
  readonly zxid: number;
  /** The code the session layer answered (SESSIONEXPIRED, SESSIONMOVED), reported at its check position. */
  readonly sessionError?: SessionErrorCode;
};

export type ReplayStep = {
  readonly zxid: number;
  /** The tree after this txn. */
  readonly tree: DataTree;
  readonly expected: Json;
  readonly events: readonly WatchEvent[];
  /**
   * The events about a node not everyone may READ (the parent for NodeChildrenChanged): a server sends
   * them only to sessions with READ there, which the history does not tell, so they need not arrive.
   */
  readonly restricted: readonly WatchEvent[];
};

/** Steps in ascending zxid order; `writes` must have distinct zxids. */
export type Timeline = { readonly initial: DataTree; readonly steps: readonly ReplayStep[] };

export function replayWrites(writes: readonly WriteToReplay[]): Timeline {
  const sorted = [...writes].sort((left, right) => left.zxid - right.zxid);
  const initial = emptyTree();
  let tree = initial;
  const steps: ReplayStep[] = [];
  for (const write of sorted) {
    const step = replayStep(tree, write);
    tree = step.tree;
    steps.push(step);
  }
  return { initial, steps };
}

/** One write applied to `tree`: prepared as the leader would, then applied as every replica does. */
export function replayStep(tree: DataTree, write: WriteToReplay): ReplayStep {
  const context = {
    sessionId: write.session,
    auth: [],
    zxid: write.zxid,
    timeMs: 0,
    extendedTypesEnabled: true,
    ...(write.sessionError === undefined ? {} : { sessionError: write.sessionError }),
  };
  const prepared = prepareWrite(tree, [], write.call, context);
  const applied = applyTxn(tree, prepared.record);
  return {
    zxid: write.zxid,
    tree: applied.tree,
    expected: writeValue(applied.result),
    events: applied.changes.flatMap(eventsOf),
    restricted: applied.changes.flatMap((change) =>
      eventsOf(change).filter(
        (event) =>
          !isAllowed(
            event.type === "NodeChildrenChanged" ? change.parentAcl : change.acl,
            PERM_READ,
            [],
          ),
      ),
    ),
  };
}

/** The index of the last step with zxid <= `zxid`, or -1 when none is. */
export function stepIndexAt(timeline: Timeline, zxid: number): number {
  let low = 0;
  let high = timeline.steps.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const step = timeline.steps[middle];
    if (step !== undefined && step.zxid <= zxid) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The state a server that has applied everything up to `zxid` holds. */
export function treeAt(timeline: Timeline, zxid: number): DataTree {
  const index = stepIndexAt(timeline, zxid);
  return index < 0 ? timeline.initial : (timeline.steps[index]?.tree ?? timeline.initial);
}
