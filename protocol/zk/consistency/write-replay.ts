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
  readonly expected: Json;
  readonly events: readonly WatchEvent[];
  /**
   * The events about a node not everyone may READ (the parent for NodeChildrenChanged): a server sends
   * them only to sessions with READ there, which the history does not tell, so they need not arrive.
   */
  readonly restricted: readonly WatchEvent[];
};

/**
 * Steps in ascending zxid order; `writes` must have distinct zxids. `trees[i]`, the tree after step i, is
 * kept only when no probes look at the trees as they pass (replayWrites), since a tree per write grows
 * with the history times the tree.
 */
export type Timeline = {
  readonly initial: DataTree;
  readonly steps: readonly ReplayStep[];
  readonly trees?: readonly DataTree[];
};

/** A look at the state a server holds once it has applied everything up to `zxid`. */
export type TreeProbe = { readonly zxid: number; readonly look: (tree: DataTree) => void };

/** Replays the writes; with `probes`, each looks at its state as the replay passes it, in zxid order. */
export function replayWrites(
  writes: readonly WriteToReplay[],
  probes?: readonly TreeProbe[],
): Timeline {
  const sorted = [...writes].sort((left, right) => left.zxid - right.zxid);
  const looks =
    probes === undefined ? [] : [...probes].sort((left, right) => left.zxid - right.zxid);
  const initial = emptyTree();
  let tree = initial;
  const steps: ReplayStep[] = [];
  const trees: DataTree[] = [];
  let next = 0;
  for (const write of sorted) {
    for (
      let probe = looks[next];
      probe !== undefined && probe.zxid < write.zxid;
      probe = looks[++next]
    ) {
      probe.look(tree);
    }
    const step = replayStep(tree, write);
    tree = step.tree;
    const { tree: _after, ...kept } = step;
    steps.push(kept);
    if (probes === undefined) trees.push(step.tree);
  }
  for (let probe = looks[next]; probe !== undefined; probe = looks[++next]) probe.look(tree);
  return probes === undefined ? { initial, steps, trees } : { initial, steps };
}

/** One write applied to `tree`: prepared as the leader would, then applied as every replica does. */
export function replayStep(
  tree: DataTree,
  write: WriteToReplay,
): ReplayStep & { readonly tree: DataTree } {
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

/** The state a server that has applied everything up to `zxid` holds (a timeline that kept its trees). */
export function treeAt(timeline: Timeline, zxid: number): DataTree {
  const index = stepIndexAt(timeline, zxid);
  if (index < 0) return timeline.initial;
  const tree = timeline.trees?.[index];
  if (tree === undefined)
    throw new Error("treeAt on a timeline replayed with probes keeps no trees");
  return tree;
}

/** The step of exactly this zxid, by binary search. */
export function stepAt(timeline: Timeline, zxid: number): ReplayStep | undefined {
  const step = timeline.steps[stepIndexAt(timeline, zxid)];
  return step?.zxid === zxid ? step : undefined;
}
