// What each znode-tree operation reads and writes, for sim/check's P-compositionality inside one model
// (sim/check/object-groups.ts): a read of one znode is then checked only with the writes that can change
// what it sees. A znode is two objects, because a child's create or delete changes only its parent's
// child list and cversion, never its data, version, ACL or owner:
//   `path#node`     existence, data, version, aversion, ACL, owner;
//   `path#children` child names, stored cversion (the visible cversion and numChildren derive from it).
// An operation reads every object its answer or its effect depends on (the checks of prepare-create.ts
// and prepare-update.ts, and the Stat in its answer), and writes every object it changes.

import { assertNever } from "../../../sim/api/index.js";
import type { MultiOp } from "../data-tree/index.js";
import { isEphemeralMode, isSequentialMode, QUOTA_ROOT } from "../data-tree/index.js";
import type { ZnodeInput } from "./znode-tree-model.js";

/** Structurally sim/check's Footprint (protocol/ may not import sim/check). */
export type ZnodeFootprint =
  | { readonly reads: readonly string[]; readonly writes: readonly string[] }
  | "everything";

type Objects = { readonly reads: string[]; readonly writes: string[] };

/**
 * Where a path's objects live. A sequential create's name depends on its parent's cversion, so the
 * children of a parent that ever gets one are one object together (NUL cannot occur in a znode path).
 */
type Locate = (path: string) => string;

function parentPathOf(path: string): string | undefined {
  const lastSlash = path.lastIndexOf("/");
  if (lastSlash === -1 || path === "/") return undefined;
  return lastSlash === 0 ? "/" : path.slice(0, lastSlash);
}

function sequentialParents(inputs: readonly ZnodeInput[]): (path: string) => string {
  const parents = new Set<string>();
  for (const { call } of inputs) {
    for (const op of subOps(call)) {
      const parent = parentPathOf(op.path);
      if (op.op === "create" && isSequentialMode(op.mode) && parent !== undefined)
        parents.add(parent);
    }
  }
  return (path) => {
    const parent = parentPathOf(path);
    return parent !== undefined && parents.has(parent) ? `${parent}/\u0000sequential` : path;
  };
}

function subOps(call: ZnodeInput["call"]): readonly MultiOp[] {
  if (call.op === "multi") return call.ops;
  if (call.op === "create" || call.op === "delete" || call.op === "setData") return [call];
  return [];
}

/** One create, delete, setData or check (alone or inside a multi). */
function addSubOp(op: MultiOp, locate: Locate, into: Objects): void {
  const node = locate(op.path);
  const parentPath = parentPathOf(op.path);
  const parent = parentPath === undefined ? undefined : locate(parentPath);
  switch (op.op) {
    case "create":
      // Parent: exists, CREATE allowed, not ephemeral; its cversion names a sequential node only.
      if (parent !== undefined) {
        into.reads.push(`${parent}#node`);
        if (isSequentialMode(op.mode)) into.reads.push(`${parent}#children`);
        into.writes.push(`${parent}#children`);
      }
      into.reads.push(`${node}#node`);
      into.writes.push(`${node}#node`, `${node}#children`);
      return;
    case "delete":
      if (parent !== undefined) {
        into.reads.push(`${parent}#node`);
        into.writes.push(`${parent}#children`);
      }
      into.reads.push(`${node}#node`, `${node}#children`);
      into.writes.push(`${node}#node`, `${node}#children`);
      return;
    case "setData":
      // Its answer's Stat shows numChildren and cversion.
      into.reads.push(`${node}#node`, `${node}#children`);
      into.writes.push(`${node}#node`);
      return;
    case "check":
      into.reads.push(`${node}#node`);
      return;
    default:
      assertNever(op, "multi op");
  }
}

/** The objects of every ephemeral a session may own: those its creates name. */
function ephemeralsBySession(inputs: readonly ZnodeInput[], locate: Locate): Map<number, string[]> {
  const owned = new Map<number, string[]>();
  for (const { call, sessionId } of inputs) {
    for (const op of subOps(call)) {
      if (op.op !== "create" || !isEphemeralMode(op.mode)) continue;
      const list = owned.get(sessionId) ?? [];
      list.push(locate(op.path));
      owned.set(sessionId, list);
    }
  }
  return owned;
}

/** The paths an operation names: its own, its sub-ops' or its reads'. */
function pathsOf(call: ZnodeInput["call"]): readonly string[] {
  if (call.op === "multi" || call.op === "multiRead") return call.ops.map((op) => op.path);
  return "path" in call && typeof call.path === "string" ? [call.path] : [];
}

/**
 * A history that names a path under /zookeeper/quota may set a quota, and then a write anywhere below the
 * quota'd path changes its zookeeper_stats node (data-tree/quota.ts) and a stats node's create counts a
 * whole subtree: such a history is checked as one object.
 */
function mayHaveQuota(inputs: readonly ZnodeInput[]): boolean {
  return inputs.some(({ call }) => pathsOf(call).some((path) => path.startsWith(QUOTA_ROOT)));
}

/** Footprints of `inputs` (Model.footprints), which may refer to one another: closeSession, ephemerals. */
export function znodeFootprints(inputs: readonly ZnodeInput[]): readonly ZnodeFootprint[] {
  if (mayHaveQuota(inputs)) return inputs.map(() => "everything");
  const locate = sequentialParents(inputs);
  const owned = ephemeralsBySession(inputs, locate);
  return inputs.map(({ call, sessionId }): ZnodeFootprint => {
    const into: Objects = { reads: [], writes: [] };
    switch (call.op) {
      case "create":
      case "delete":
      case "setData":
      case "multi":
        for (const op of subOps(call)) addSubOp(op, locate, into);
        return into;
      case "setACL":
      case "exists":
      case "getData":
      case "getChildren":
      case "getACL": {
        // Answers carry the node's Stat; setACL changes only the node's own fields.
        const node = locate(call.path);
        into.reads.push(`${node}#node`, `${node}#children`);
        if (call.op === "setACL") into.writes.push(`${node}#node`);
        return into;
      }
      case "closeSession":
        for (const node of owned.get(sessionId) ?? []) {
          const parent = parentPathOf(node);
          into.reads.push(`${node}#node`);
          into.writes.push(`${node}#node`, `${node}#children`);
          if (parent !== undefined) into.writes.push(`${locate(parent)}#children`);
        }
        return into;
      case "getEphemerals":
        for (const node of owned.get(sessionId) ?? []) into.reads.push(`${node}#node`);
        return into;
      case "getAllChildrenNumber":
        return "everything";
      case "multiRead":
        for (const sub of call.ops) into.reads.push(`${locate(sub.path)}#node`);
        return into;
      case "sync":
      case "addWatch":
      case "checkWatches":
      case "removeWatches":
      case "whoAmI":
        return into;
      default:
        return assertNever(call, "zk call");
    }
  });
}
