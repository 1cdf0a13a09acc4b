// What a later read's Stat says about the state before it (placement-search.ts). A read served at zxid r
// that shows a znode with czxid c, mzxid m and pzxid p pins that znode over the zxids before r: no txn in
// (m, r] changed its data (it would have raised mzxid), none in (p, r] added or removed a child (it would
// have raised pzxid), and none deleted and re-created it after c (but writes below a quota change its
// stats node's data, not its mzxid: that data pins nothing). So once the walk has decided every slot
// up to some z with m <= z < r, the znode must already show that data, version and mzxid; with p <= z < r,
// those children (names too, for a getChildren) and that pzxid. Before then, while it is the same
// incarnation, its versions must still be below the read's: they only grow, and the txn at m (at p) raises
// version (cversion), being a setData (a child's create or delete) since m and p differ from c. And the
// changes left must cover the names that differ, with the same parity. `reachable` looks the other way:
// whether the writes still able to change the znode can bring it that far (stat-reach.ts,
// child-reach.ts). Each of these only anticipates the read's own check, so a branch cut here would have
// failed there: the verdict never changes, the walk just stops guessing long before it reaches the read.

import type { Json } from "../../../sim/api/index.js";
import {
  compareNames,
  type DataTree,
  nodeAt,
  QUOTA_ROOT,
  sessionOwnerOf,
  statOf,
} from "../data-tree/index.js";
import { type ChildReach, namesApart } from "./child-reach.js";
import { firstAbove } from "./info-placement.js";
import type { StatReach } from "./stat-reach.js";
import { isTreeRead } from "./zk-call.js";
import type { ZkOperation } from "./zk-operation.js";

type Shown = {
  /** The zxid the read was served at. */
  readonly served: number;
  readonly czxid: number;
  readonly mzxid: number;
  readonly pzxid: number;
  readonly version: number;
  readonly cversion: number;
  readonly numChildren: number;
  /** The data, when the read returned it. */
  readonly data: string | undefined;
  /** The children in name order, when the read returned them. */
  readonly children: readonly string[] | undefined;
};

type ShownList = { readonly served: number[]; readonly stats: Shown[] };

function pushShown(lists: Map<string, ShownList>, path: string, shown: Shown): void {
  let list = lists.get(path);
  if (list === undefined) {
    list = { served: [], stats: [] };
    lists.set(path, list);
  }
  list.served.push(shown.served);
  list.stats.push(shown);
}

export class StatBounds {
  /** Per path, what the reads of it showed, in the order of the zxids they were served at. */
  readonly #shown = new Map<string, ShownList>();
  /** The same for the reads that listed the children. */
  readonly #listed = new Map<string, ShownList>();
  /** Per zxid, the paths whose Stat names it as mzxid or pzxid: passing it must leave them as shown. */
  readonly #named = new Map<number, string[]>();

  /** How far versions can still climb and children still change, for `reachable`. */
  readonly #reach: { readonly stats: StatReach; readonly children: ChildReach } | undefined;

  constructor(
    operations: readonly ZkOperation[],
    reach?: { readonly stats: StatReach; readonly children: ChildReach },
  ) {
    this.#reach = reach;
    const all: { readonly path: string; readonly shown: Shown }[] = [];
    for (const op of operations) {
      const shown = shownBy(op);
      if (shown !== undefined && "path" in op.call) all.push({ path: op.call.path, shown });
    }
    all.sort((left, right) => left.shown.served - right.shown.served);
    for (const { path, shown } of all) {
      pushShown(this.#shown, path, shown);
      if (shown.children !== undefined) pushShown(this.#listed, path, shown);
      for (const zxid of new Set([shown.mzxid, shown.pzxid])) {
        const paths = this.#named.get(zxid) ?? [];
        if (!paths.includes(path)) paths.push(path);
        this.#named.set(zxid, paths);
      }
    }
  }

  /** The znodes whose versions unanswered write `writer` may raise. */
  pathsOf(writer: number): readonly string[] {
    return this.#reach?.stats.pathsOf(writer) ?? [];
  }

  /** The paths some Stat names `zxid` for. */
  namedAt(zxid: number): readonly string[] {
    return this.#named.get(zxid) ?? [];
  }

  /**
   * False when `tree`, final up to `zxid`, can no longer reach the versions the next read of one of
   * `paths` shows: not even every write still able to raise them would bring them there (stat-reach.ts).
   */
  reachable(
    tree: DataTree,
    zxid: number,
    paths: Iterable<string>,
    unplaced: (writer: number) => boolean,
  ): boolean {
    const reach = this.#reach;
    if (reach === undefined) return true;
    for (const path of paths) {
      const list = this.#shown.get(path);
      const next = list?.stats[firstAbove(list.served, zxid)];
      const node = nodeAt(tree, path);
      if (next === undefined || node === undefined || node.czxid !== next.czxid) continue;
      if (reach.stats.falls(path, zxid, statOf(node), next, unplaced)) return false;
      if (!this.#childrenReachable(tree, zxid, path, unplaced)) return false;
    }
    return true;
  }

  /** The names the next listing of `path`'s children shows are still within reach (child-reach.ts). */
  #childrenReachable(
    tree: DataTree,
    zxid: number,
    path: string,
    unplaced: (writer: number) => boolean,
  ): boolean {
    const list = this.#listed.get(path);
    const next = list?.stats[firstAbove(list.served, zxid)];
    const node = nodeAt(tree, path);
    const children = next?.children;
    if (next === undefined || children === undefined || node === undefined) return true;
    if (next.czxid !== node.czxid || next.pzxid <= zxid || this.#reach === undefined) return true;
    const changes = next.cversion - statOf(node).cversion;
    const apart = namesApart(node.children, children);
    if (apart > changes || (changes - apart) % 2 !== 0) return false;
    const ownerOf = (name: string) => {
      const child = nodeAt(tree, path === "/" ? `/${name}` : `${path}/${name}`);
      return child === undefined ? 0 : sessionOwnerOf(child.owner);
    };
    const { children: reach } = this.#reach;
    return !reach.falls(path, zxid, node.children, ownerOf, children, next.pzxid, unplaced);
  }

  /** False when `tree`, final up to `zxid`, contradicts the next read after `zxid` of one of `paths`. */
  allow(tree: DataTree, zxid: number, paths: Iterable<string>): boolean {
    for (const path of paths) {
      const list = this.#shown.get(path);
      if (list === undefined) continue;
      const next = list.stats[firstAbove(list.served, zxid)];
      if (next !== undefined && !fits(tree, path, zxid, next)) return false;
    }
    return true;
  }
}

function fits(tree: DataTree, path: string, zxid: number, shown: Shown): boolean {
  const node = nodeAt(tree, path);
  if (shown.czxid > zxid) return true;
  if (node === undefined || node.czxid !== shown.czxid) return false;
  const stat = statOf(node);
  if (shown.mzxid <= zxid) {
    if (stat.mzxid !== shown.mzxid || stat.version !== shown.version) return false;
    if (shown.data !== undefined && node.data !== shown.data) return false;
  } else if (stat.version >= shown.version) return false;
  if (shown.pzxid <= zxid) {
    return (
      stat.pzxid === shown.pzxid &&
      stat.cversion === shown.cversion &&
      stat.numChildren === shown.numChildren &&
      (shown.children === undefined || sameNames(node.children, shown.children))
    );
  }
  // The visible cversion counts child creates and deletes, and each changes one name: the changes left
  // must cover the names that differ (or numChildren's change), with the same parity.
  const changes = shown.cversion - stat.cversion;
  const apart =
    shown.children === undefined
      ? Math.abs(shown.numChildren - stat.numChildren)
      : namesApart(node.children, shown.children);
  return changes > 0 && apart <= changes && (changes - apart) % 2 === 0;
}

function sameNames(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((name, at) => name === right[at]);
}

/** What an answered read of one znode showed, with the zxid it was served at. */
function shownBy(op: ZkOperation): Shown | undefined {
  if (op.status !== "ok" || op.zxid === null || !isTreeRead(op.call)) return undefined;
  const output = op.output as { readonly stat?: Json; readonly data?: Json } | null | undefined;
  const stat = output?.stat as { readonly [field: string]: Json } | null | undefined;
  if (typeof stat !== "object" || stat === null) return undefined;
  const number = (field: string) => (typeof stat[field] === "number" ? stat[field] : undefined);
  const [czxid, mzxid, pzxid, version, cversion, numChildren] = [
    "czxid",
    "mzxid",
    "pzxid",
    "version",
    "cversion",
    "numChildren",
  ].map(number);
  if (
    czxid === undefined ||
    mzxid === undefined ||
    pzxid === undefined ||
    version === undefined ||
    cversion === undefined ||
    numChildren === undefined
  )
    return undefined;
  // A quota's zookeeper_stats data changes without its mzxid (data-tree/quota.ts): no data pin there.
  const pinsData = op.call.op === "getData" && !op.call.path.startsWith(QUOTA_ROOT);
  const data = pinsData && typeof output?.data === "string" ? output.data : undefined;
  const listed = (output as { readonly children?: Json } | null | undefined)?.children;
  const children =
    op.call.op === "getChildren" && Array.isArray(listed)
      ? listed.filter((name): name is string => typeof name === "string").sort(compareNames)
      : undefined;
  return { served: op.zxid, czxid, mzxid, pzxid, version, cversion, numChildren, data, children };
}
