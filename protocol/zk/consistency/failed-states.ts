// The placement search's memory of dead ends (placement-search.ts): a search state — the position reached,
// the run left closed, which info writes are still unplaced, and the tree — whose every completion was cut
// by the per-position rules, with no complete placement judged under it. Those rules read only that state,
// so reaching it again by another path fails the same way. Many paths do: an info write that fails (a create
// of a node that exists) changes nothing but the zxid, so placed or absent it leads to the same tree after
// the next write. Trees are compared exactly by their znodes; the fingerprint only narrows the candidates.
// The last applied zxid is left out: no rule, no prepare and no apply reads it, and an error txn changes
// nothing else.

import type { DataTree, ZNode } from "../data-tree/index.js";

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashText(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

/**
 * How many znodes (summed over the trees kept) the dead ends of one check may hold: each tree kept is a
 * map of every znode, and a long history's search can meet hundreds of thousands of dead ends. Past it,
 * new dead ends are not kept, which only means they may be searched again: memory stays bounded, the
 * verdict is the same, and the step budget still ends the search.
 */
export const REMEMBERED_ZNODES_MAX = 4_000_000;

/** What is left of that allowance, shared by every memory of one check. */
export type MemoryAllowance = { left: number };

export class FailedStates {
  readonly #allowance: MemoryAllowance;
  /** Unchanged znodes are shared between trees (tree.ts), so each is serialised once. */
  readonly #nodeText = new WeakMap<ZNode, string>();
  readonly #nodeHash = new WeakMap<ZNode, number>();
  readonly #fingerprint = new WeakMap<DataTree, number>();
  readonly #failed = new Map<string, DataTree[]>();

  constructor(allowance: MemoryAllowance = { left: REMEMBERED_ZNODES_MAX }) {
    this.#allowance = allowance;
  }

  has(index: number, closed: number, unplaced: string, tree: DataTree): boolean {
    const known = this.#failed.get(this.#key(index, closed, unplaced, tree));
    return known?.some((other) => this.#sameTree(tree, other)) ?? false;
  }

  add(index: number, closed: number, unplaced: string, tree: DataTree): void {
    if (this.#allowance.left < tree.nodes.size) return;
    const key = this.#key(index, closed, unplaced, tree);
    const known = this.#failed.get(key);
    if (known?.some((other) => this.#sameTree(tree, other)) === true) return;
    this.#allowance.left -= tree.nodes.size;
    if (known === undefined) this.#failed.set(key, [tree]);
    else known.push(tree);
  }

  #key(index: number, closed: number, unplaced: string, tree: DataTree): string {
    return `${index}|${closed}|${unplaced}|${this.#fingerprintOf(tree)}`;
  }

  #textOf(node: ZNode): string {
    const known = this.#nodeText.get(node);
    if (known !== undefined) return known;
    const text = JSON.stringify(node);
    this.#nodeText.set(node, text);
    return text;
  }

  #hashOf(node: ZNode): number {
    const known = this.#nodeHash.get(node);
    if (known !== undefined) return known;
    const hash = hashText(this.#textOf(node));
    this.#nodeHash.set(node, hash);
    return hash;
  }

  /** A sum over the znodes, so it does not depend on the map's insertion order. */
  #fingerprintOf(tree: DataTree): number {
    const known = this.#fingerprint.get(tree);
    if (known !== undefined) return known;
    let sum = 0;
    for (const [path, node] of tree.nodes) {
      const entry = Math.imul(hashText(path) ^ this.#hashOf(node), FNV_PRIME) >>> 0;
      sum = (sum + entry) % 4_294_967_296;
    }
    this.#fingerprint.set(tree, sum);
    return sum;
  }

  #sameTree(left: DataTree, right: DataTree): boolean {
    if (left === right) return true;
    if (left.nodes.size !== right.nodes.size) return false;
    for (const [path, node] of left.nodes) {
      const other = right.nodes.get(path);
      if (other === undefined) return false;
      if (other !== node && this.#textOf(other) !== this.#textOf(node)) return false;
    }
    return true;
  }
}
