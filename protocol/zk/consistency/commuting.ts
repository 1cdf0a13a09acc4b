// Which unanswered writes commute (placement-search.ts): two writes whose order can change nothing, because
// neither changes a part of the tree the other reads or changes. Inside a run of interchangeable slots no
// observation falls between two slots, so two commuting writes in adjacent slots leave the same state at
// the run's end in either order, and the walk keeps one order: the lowest effect first. Every sequence of
// writes in a run can be brought to that order by swapping adjacent commuting writes (its lexicographically
// least equivalent), so no verdict is lost.
//
// The parts of a znode: whether it exists (and its owner), its data (with version), its children (with
// cversion and pzxid). "x/*" stands for "whichever child": a sequential create names its node only when it
// runs, so it changes every child's existence as far as the order is concerned. The zxids a run's slots
// stamp (czxid, mzxid, pzxid) are no part: no observation names a zxid inside a run, so which of them a
// znode holds changes no verdict (runsOf in placement-search.ts).

import { type MultiOp, parentOf as parentPath } from "../data-tree/index.js";
import type { ClientWriteOp } from "../wire/index.js";

/**
 * `bumps`: parts changed in a way whose order cannot matter to a later state (a parent's cversion and
 * membership, raised or changed by each child's create or delete): two bumps of one part commute, a bump
 * and a read of it do not.
 */
type Access = {
  readonly reads: ReadonlySet<string>;
  readonly writes: ReadonlySet<string>;
  readonly bumps: ReadonlySet<string>;
};

/** The parent of a path; the root is its own. */
const parentOf = (path: string): string => parentPath(path) ?? "/";

const NODE = ["exists", "data", "children"] as const;

function accessOfOp(
  op: MultiOp,
  access: { reads: Set<string>; writes: Set<string>; bumps: Set<string> },
): void {
  const { reads, writes, bumps } = access;
  const parent = parentOf(op.path);
  const sequential = op.op === "create" && op.mode.includes("sequential");
  // Any step on a node depends on whether it exists, which a sequential create under its parent may change.
  if (!sequential) {
    reads.add(`${parent}/*`);
    reads.add(`${op.path}:exists`);
  }
  switch (op.op) {
    case "setData":
      reads.add(`${op.path}:data`);
      writes.add(`${op.path}:data`);
      return;
    case "check":
      reads.add(`${op.path}:data`);
      return;
    case "create":
      reads.add(`${parent}:exists`);
      bumps.add(`${parent}:children`);
      // A sequential create's name comes from the parent's cversion, and it may make any child.
      if (sequential) {
        reads.add(`${parent}:children`);
        writes.add(`${parent}/*`);
      } else for (const part of NODE) writes.add(`${op.path}:${part}`);
      return;
    case "delete":
      for (const part of NODE) reads.add(`${op.path}:${part}`);
      for (const part of NODE) writes.add(`${op.path}:${part}`);
      bumps.add(`${parent}:children`);
      return;
  }
}

/** What a write reads and changes, or undefined when it may touch anything (setACL, closeSession). */
export function accessOf(call: ClientWriteOp): Access | undefined {
  if (call.op === "setACL" || call.op === "closeSession") return undefined;
  const access = { reads: new Set<string>(), writes: new Set<string>(), bumps: new Set<string>() };
  for (const op of call.op === "multi" ? call.ops : [call]) accessOfOp(op, access);
  return access;
}

const meets = (left: ReadonlySet<string>, right: ReadonlySet<string>): boolean => {
  for (const part of left) if (right.has(part)) return true;
  return false;
};

/** Whether the two writes' order may matter. */
export function conflict(left: Access | undefined, right: Access | undefined): boolean {
  if (left === undefined || right === undefined) return true;
  const touches = (access: Access, parts: ReadonlySet<string>) =>
    meets(parts, access.reads) || meets(parts, access.writes) || meets(parts, access.bumps);
  return (
    touches(right, left.writes) ||
    touches(left, right.writes) ||
    meets(left.bumps, right.reads) ||
    meets(right.bumps, left.reads)
  );
}
