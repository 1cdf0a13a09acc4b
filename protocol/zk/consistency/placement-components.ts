// Independent parts of a history for the placement search (component-search.ts). Every rule the search
// checks at a position reads the state of some znodes: a read its path, a write's answer its path and its
// parent's (existence, ephemeral owner, the sequence counter), a watch event its path. Znodes that some
// operation reads and that one operation touches together are joined (union-find), so each operation
// belongs to one component, and a write changes nothing any other component reads. A placement of one
// component's unanswered writes then passes or breaks that component's rules whatever the others do.
// A path nothing reads is never joined: "/" changes with every top-level create, but unless someone lists
// "/", that joins nothing. Where the history cannot tell which znodes an unanswered write touches (an
// ephemeral create of an unknown session: whose closeSession deletes it?), everything is one component.

import type { Json } from "../../../sim/api/index.js";
import { isEphemeralMode, isSequentialMode, parentOf, QUOTA_ROOT } from "../data-tree/index.js";
import type { MultiOp } from "../data-tree/request.js";
import type { PositionedEvent, ZkOperation } from "./zk-operation.js";

export type Components = {
  /** The component of each operation, by `op.index`; -1 for one that reads and changes no read znode. */
  readonly ofOperation: readonly number[];
  /** The component of each event, by its index in the parsed events. */
  readonly ofEvent: readonly number[];
  readonly count: number;
};

type Touch = { readonly reads: readonly string[]; readonly writes: readonly string[] };

class PathIndex {
  readonly paths = new Set<string>();
  readonly #children = new Map<string, Set<string>>();

  add(path: string): void {
    if (this.paths.has(path)) return;
    this.paths.add(path);
    const parent = parentOf(path);
    if (parent === undefined) return;
    this.add(parent);
    const siblings = this.#children.get(parent);
    if (siblings === undefined) this.#children.set(parent, new Set([path]));
    else siblings.add(path);
  }

  childrenOf(path: string): readonly string[] {
    return [...(this.#children.get(path) ?? [])];
  }

  /** `path` and every known znode below it. */
  subtree(path: string): string[] {
    const found = [path];
    for (let at = 0; at < found.length; at++) found.push(...this.childrenOf(found[at] ?? ""));
    return found;
  }

  /** Every known znode whose path starts with `prefix`. */
  underPrefix(prefix: string): string[] {
    return [...this.paths].filter((path) => path.startsWith(prefix));
  }
}

/** Paths an answer names: created paths, listed children, ephemerals. */
function collectPaths(index: PathIndex, value: Json | undefined, parent?: string): void {
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectPaths(index, item as Json, parent);
    return;
  }
  const fields = value as { readonly [key: string]: Json };
  if (typeof fields.path === "string" && fields.path.startsWith("/")) index.add(fields.path);
  const children = fields.children;
  if (parent !== undefined && Array.isArray(children)) {
    for (const name of children) {
      if (typeof name === "string") index.add(parent === "/" ? `/${name}` : `${parent}/${name}`);
    }
  }
  if (Array.isArray(fields.paths)) {
    for (const path of fields.paths) if (typeof path === "string") index.add(path);
  }
  if (Array.isArray(fields.results)) collectPaths(index, fields.results as Json);
}

function knownPaths(operations: readonly ZkOperation[], events: readonly PositionedEvent[]) {
  const index = new PathIndex();
  for (const op of operations) {
    const { call } = op;
    if ("path" in call) index.add(call.path);
    if (call.op === "multi") for (const sub of call.ops) index.add(sub.path);
    collectPaths(index, op.output, "path" in call ? call.path : undefined);
  }
  for (const event of events) index.add(event.path);
  return index;
}

export function placementComponents(
  operations: readonly ZkOperation[],
  events: readonly PositionedEvent[],
): Components | undefined {
  const index = knownPaths(operations, events);
  const ephemerals = ephemeralsBySession(operations, index);
  if (ephemerals === undefined) return undefined;
  // Creates and deletes read the parent's ACL: only where a setACL changes it does that join them.
  const aclChanged = new Set(
    operations.flatMap((op) => (op.call.op === "setACL" ? [op.call.path] : [])),
  );
  const touches = operations.map((op) => touchOf(op, index, ephemerals, aclChanged));
  const read = new Set<string>();
  for (const touch of touches) for (const path of touch.reads) read.add(path);
  for (const event of events) read.add(event.path);
  const roots = new UnionFind();
  for (const touch of touches) {
    const joined = [...touch.reads, ...touch.writes.filter((path) => read.has(path))];
    for (const path of joined) roots.union(joined[0] ?? path, path);
  }
  const ids = new Map<string, number>();
  const idOf = (path: string | undefined): number => {
    if (path === undefined || !read.has(path)) return -1;
    const root = roots.find(path);
    const known = ids.get(root);
    if (known !== undefined) return known;
    ids.set(root, ids.size);
    return ids.size - 1;
  };
  const ofOperation: number[] = [];
  touches.forEach((touch, at) => {
    const op = operations[at];
    if (op !== undefined) ofOperation[op.index] = idOf(touch.reads[0]);
  });
  return { ofOperation, ofEvent: events.map((event) => idOf(event.path)), count: ids.size };
}

/**
 * The znodes each session's closeSession may delete: the ephemerals it created (a sequential one of an
 * unknown name: any child of the parent). undefined when an unanswered ephemeral create or a closeSession
 * names no session.
 */
function ephemeralsBySession(operations: readonly ZkOperation[], index: PathIndex) {
  const bySession = new Map<number, string[]>();
  let anyEphemeral = false;
  let unknownClose = false;
  for (const op of operations) {
    if (op.call.op === "closeSession" && op.session === 0) unknownClose = true;
    for (const sub of createsOf(op)) {
      if (!isEphemeralMode(sub.mode)) continue;
      anyEphemeral = true;
      if (op.session === 0) return undefined;
      const list = bySession.get(op.session) ?? [];
      bySession.set(op.session, list);
      list.push(...createdPaths(op, sub, index));
    }
  }
  return anyEphemeral && unknownClose ? undefined : bySession;
}

function createsOf(op: ZkOperation) {
  const { call } = op;
  if (call.op === "create") return [call];
  return call.op === "multi" ? call.ops.flatMap((sub) => (sub.op === "create" ? [sub] : [])) : [];
}

/** Where a create may have put its znode: the path, or for a sequential one any child of the parent. */
function createdPaths(op: ZkOperation, create: { path: string; mode: string }, index: PathIndex) {
  if (!isSequentialMode(create.mode as Parameters<typeof isSequentialMode>[0]))
    return [create.path];
  const parent = parentOf(create.path) ?? "/";
  if (op.status !== "ok") return index.childrenOf(parent);
  const named: string[] = [];
  collectNamed(op.output, named);
  const mine = named.filter((path) => parentOf(path) === parent);
  return mine.length > 0 ? mine : index.childrenOf(parent);
}

function collectNamed(value: Json | undefined, into: string[]): void {
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNamed(item as Json, into);
    return;
  }
  const fields = value as { readonly [key: string]: Json };
  if (typeof fields.path === "string") into.push(fields.path);
  if (Array.isArray(fields.results)) collectNamed(fields.results as Json, into);
}

function touchOf(
  op: ZkOperation,
  index: PathIndex,
  ephemerals: Map<number, string[]>,
  aclChanged: ReadonlySet<string>,
): Touch {
  const { call } = op;
  switch (call.op) {
    case "create":
    case "delete":
    case "setData":
    case "setACL":
      return subTouch(op, call, index, aclChanged);
    case "multi": {
      const parts = call.ops.map((sub) => subTouch(op, sub, index, aclChanged));
      return { reads: parts.flatMap((p) => p.reads), writes: parts.flatMap((p) => p.writes) };
    }
    case "closeSession": {
      const owned = ephemerals.get(op.session) ?? [];
      const paths = [...owned, ...owned.flatMap((path) => parentOf(path) ?? [])];
      return { reads: paths, writes: paths };
    }
    case "exists":
    case "getData":
    case "getChildren":
    case "getACL":
      // A quota's stats node changes with every write below the quota (data-tree/quota.ts).
      return {
        reads: call.path.startsWith(QUOTA_ROOT) ? index.subtree("/") : [call.path],
        writes: [],
      };
    case "getAllChildrenNumber":
      return { reads: index.subtree(call.path), writes: [] };
    case "getEphemerals":
      return { reads: index.underPrefix(call.prefix), writes: [] };
    case "addWatch":
      return {
        reads: call.mode === "persistent" ? [call.path] : index.subtree(call.path),
        writes: [],
      };
    case "multiRead": {
      const paths = call.ops.map((sub) => sub.path);
      const quota = paths.some((path) => path.startsWith(QUOTA_ROOT));
      return { reads: quota ? index.subtree("/") : paths, writes: [] };
    }
    case "checkWatches":
    case "removeWatches":
    case "whoAmI":
      return { reads: [], writes: [] };
    case "sync":
      return { reads: [], writes: [] };
  }
}

function subTouch(
  op: ZkOperation,
  sub: MultiOp | { op: "setACL"; path: string },
  index: PathIndex,
  aclChanged: ReadonlySet<string>,
): Touch {
  const parent = parentOf(sub.path);
  if (sub.op === "create") {
    const created = createdPaths(op, sub, index);
    // The parent's existence, ephemeral owner, ACL and (for a sequential name) child counter decide the
    // answer; "/" always exists and owns nothing.
    const readsParent =
      parent !== undefined &&
      (parent !== "/" || aclChanged.has(parent) || isSequentialMode(sub.mode));
    const reads = [sub.path, ...created, ...(readsParent ? [parent] : [])];
    return { reads, writes: [...created, ...(parent === undefined ? [] : [parent])] };
  }
  if (sub.op === "delete") {
    const aclRead = parent !== undefined && aclChanged.has(parent) ? [parent] : [];
    return {
      reads: [sub.path, ...aclRead],
      writes: [sub.path, ...(parent === undefined ? [] : [parent])],
    };
  }
  return { reads: [sub.path], writes: sub.op === "check" ? [] : [sub.path] };
}

class UnionFind {
  readonly #parent = new Map<string, string>();

  find(path: string): string {
    let root = path;
    for (let up = this.#parent.get(root); up !== undefined && up !== root; ) {
      root = up;
      up = this.#parent.get(root);
    }
    // Path compression keeps later finds short.
    for (let at = path; at !== root; ) {
      const up = this.#parent.get(at) ?? root;
      this.#parent.set(at, root);
      at = up;
    }
    return root;
  }

  union(left: string, right: string): void {
    const a = this.find(left);
    const b = this.find(right);
    if (a !== b) this.#parent.set(b, a);
  }
}
