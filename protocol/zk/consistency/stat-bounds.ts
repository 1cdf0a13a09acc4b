// What a later read's Stat says about the state before it (placement-search.ts). A read served at zxid r
// that shows a znode with czxid c, mzxid m and pzxid p pins that znode over the zxids before r: no txn in
// (m, r] changed its data (it would have raised mzxid), none in (p, r] added or removed a child (it would
// have raised pzxid), and none deleted and re-created it after c. So once the walk has decided every slot
// up to some z with m <= z < r, the znode must already show that data, version and mzxid; with p <= z < r,
// those children counts and that pzxid; and before then, while it is the same incarnation (czxid c), its
// versions may not already exceed the read's, since they only grow. Each of these only anticipates the
// read's own check, so a branch cut here would have failed there: the verdict never changes, the walk
// just stops guessing long before it reaches the read.

import type { Json } from "../../../sim/api/index.js";
import { type DataTree, nodeAt, statOf } from "../data-tree/index.js";
import { firstAbove } from "./info-placement.js";
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
};

export class StatBounds {
  /** Per path, what the reads of it showed, in the order of the zxids they were served at. */
  readonly #shown = new Map<string, { readonly served: number[]; readonly stats: Shown[] }>();
  /** Per zxid, the paths whose Stat names it as mzxid or pzxid: passing it must leave them as shown. */
  readonly #named = new Map<number, string[]>();

  constructor(operations: readonly ZkOperation[]) {
    const all: { readonly path: string; readonly shown: Shown }[] = [];
    for (const op of operations) {
      const shown = shownBy(op);
      if (shown !== undefined && "path" in op.call) all.push({ path: op.call.path, shown });
    }
    all.sort((left, right) => left.shown.served - right.shown.served);
    for (const { path, shown } of all) {
      let list = this.#shown.get(path);
      if (list === undefined) {
        list = { served: [], stats: [] };
        this.#shown.set(path, list);
      }
      list.served.push(shown.served);
      list.stats.push(shown);
      for (const zxid of new Set([shown.mzxid, shown.pzxid])) {
        const paths = this.#named.get(zxid) ?? [];
        if (!paths.includes(path)) paths.push(path);
        this.#named.set(zxid, paths);
      }
    }
  }

  /** The paths some Stat names `zxid` for. */
  namedAt(zxid: number): readonly string[] {
    return this.#named.get(zxid) ?? [];
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
  } else if (stat.version > shown.version) return false;
  if (shown.pzxid <= zxid) {
    return (
      stat.pzxid === shown.pzxid &&
      stat.cversion === shown.cversion &&
      stat.numChildren === shown.numChildren
    );
  }
  return stat.cversion <= shown.cversion;
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
  const data =
    op.call.op === "getData" && typeof output?.data === "string" ? output.data : undefined;
  return { served: op.zxid, czxid, mzxid, pzxid, version, cversion, numChildren, data };
}
