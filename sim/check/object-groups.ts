// P-compositionality inside one model (Herlihy & Wing's locality): a history is linearizable iff each
// independent object's subhistory is. Models that hold several objects (multi-register's registers, the
// znode tree's nodes) name the objects each operation reads and writes (Model.footprints); operations are
// grouped by union-find over the objects that link them, so an operation touching several objects (a
// multi-key txn) merges their groups and the split stays exact.
//
// Why an object links only when some operation writes it and another reads it: an operation's outcome and
// effect depend only on what it reads, so two operations that merely write an object nobody reads (a
// parent's child count no one asks for) cannot see each other through it. A group's operations then see
// the same values alone as among all the others, both ways, which is the locality argument.
import type { Footprint } from "./model.js";

/** Union-find with path halving; the root of a set is its smallest member, so results come out in order. */
class DisjointSets {
  private readonly parent: Int32Array;

  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, index) => index);
  }

  find(item: number): number {
    let at = item;
    while (this.parent[at] !== at) {
      const grand = this.parent[this.parent[at] ?? at] ?? at;
      this.parent[at] = grand;
      at = grand;
    }
    return at;
  }

  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA < rootB) this.parent[rootB] = rootA;
    else if (rootB < rootA) this.parent[rootA] = rootB;
  }
}

interface ObjectUse {
  readonly ops: number[];
  read: boolean;
  written: boolean;
}

/**
 * Splits `ops` (indices, in invoke order) into groups checked apart; `footprints[i]` is the footprint of
 * `ops[i]`. Groups keep invoke order and come in the order of their first operation.
 */
export function groupByObjects(
  ops: readonly number[],
  footprints: readonly Footprint[],
): number[][] {
  const sets = new DisjointSets(ops.length);
  const uses = new Map<string, ObjectUse>();
  const use = (object: string, at: number, isWrite: boolean) => {
    let found = uses.get(object);
    if (found === undefined) {
      found = { ops: [], read: false, written: false };
      uses.set(object, found);
    }
    if (found.ops[found.ops.length - 1] !== at) found.ops.push(at);
    if (isWrite) found.written = true;
    else found.read = true;
  };
  let everything = -1;
  footprints.forEach((footprint, at) => {
    if (footprint === "everything") {
      if (everything >= 0) sets.union(everything, at);
      everything = at;
      return;
    }
    for (const object of footprint.reads) use(object, at, false);
    for (const object of footprint.writes) use(object, at, true);
  });
  for (const { ops: users, read, written } of uses.values()) {
    if (!read || !written) continue;
    for (let index = 1; index < users.length; index++) sets.union(users[0] ?? 0, users[index] ?? 0);
  }
  if (everything >= 0) for (let at = 0; at < ops.length; at++) sets.union(everything, at);
  const groups = new Map<number, number[]>();
  ops.forEach((op, at) => {
    const root = sets.find(at);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [op]);
    else group.push(op);
  });
  return [...groups.values()];
}
