// Merges the placements found component by component (component-search.ts) into one. Components are
// searched apart, so two may put writes at one zxid. A component's rules compare its writes' zxids only
// with the zxids it observes (answers, Stats, events: its `named` zxids) and with each other, so a write
// at a zxid no observation names may move anywhere between the named zxids around it, as long as its
// component's writes keep their order. A write at a zxid its component saw change stays where it is.
//
// The moves are a scheduling problem: each gap's writes form a chain, each write has its candidate slots,
// and every slot takes one write. It is solved earliest deadline first over the free slots in ascending
// order — each chain's next write is ready once its predecessor is placed, and among the ready ones the
// one whose chain must finish first takes the slot. A greedy choice can miss a schedule that exists; the
// caller then searches the whole history, and whatever comes out is judged by all the rules anyway.

import { firstAtOrAbove } from "./info-placement.js";

export type Assigned = { readonly writer: number; readonly zxid: number };

/** One component's placement, with what its observations name. */
export type ComponentPlacement = {
  /** Its info writes' zxids (writer indices are global). */
  readonly assigned: readonly Assigned[];
  /** The zxids its answers, Stats and events name, ascending. */
  readonly named: readonly number[];
  /** Those its Stats and events reveal as a change it saw. */
  readonly revealed: ReadonlySet<number>;
};

type Link = {
  readonly writer: number;
  /** Slots it may take, as a set. */
  readonly slots: ReadonlySet<number>;
  /** Exclusive bounds: the named zxid below it, and one above the next named one. */
  readonly after: number;
  before: number;
  zxid: number | undefined;
};

/**
 * The merged placement, or undefined when two writes need one revealed zxid or the greedy schedule
 * found no room. `candidates[writer]` are the slots each info write may take; `taken` the answered zxids.
 */
export function interleave(
  parts: readonly ComponentPlacement[],
  candidates: readonly (readonly (number | null)[])[],
  taken: ReadonlySet<number>,
): Assigned[] | undefined {
  const used = new Set(taken);
  const placed: Assigned[] = [];
  for (const part of parts) {
    for (const { writer, zxid } of part.assigned) {
      if (!part.revealed.has(zxid)) continue;
      if (used.has(zxid)) return undefined;
      used.add(zxid);
      placed.push({ writer, zxid });
    }
  }
  const chains = parts.flatMap((part) => chainsOf(part, candidates));
  const scheduled = schedule(chains, used);
  return scheduled === undefined ? undefined : [...placed, ...scheduled];
}

/** A component's moving writes, one chain per gap between named zxids, each in its found order. */
function chainsOf(
  part: ComponentPlacement,
  candidates: readonly (readonly (number | null)[])[],
): Link[][] {
  const moving = part.assigned
    .filter(({ zxid }) => !part.revealed.has(zxid))
    .sort((left, right) => left.zxid - right.zxid);
  const chains: Link[][] = [];
  let chain: Link[] = [];
  let gap = Number.NaN;
  for (const { writer, zxid } of moving) {
    const next = firstAtOrAbove(part.named, zxid);
    if (next !== gap && chain.length > 0) chains.push(chain);
    if (next !== gap) chain = [];
    gap = next;
    const slots = new Set<number>();
    for (const slot of candidates[writer] ?? []) if (slot !== null) slots.add(slot);
    const after = part.named[next - 1] ?? Number.NEGATIVE_INFINITY;
    // At or below the next named zxid: a read served there sees the write either way, and a zxid an
    // answer or a revealed change holds is never free.
    const before = (part.named[next] ?? Number.POSITIVE_INFINITY) + 1;
    chain.push({ writer, slots, after, before, zxid: undefined });
  }
  if (chain.length > 0) chains.push(chain);
  // A write must leave room for the rest of its chain: its deadline is below its successor's.
  for (const links of chains) {
    for (let at = links.length - 2; at >= 0; at--) {
      const link = links[at];
      const successor = links[at + 1];
      if (link !== undefined && successor !== undefined)
        link.before = Math.min(link.before, successor.before - 1);
    }
  }
  return chains;
}

/** Earliest deadline first over the free slots; undefined when a write's deadline passes unplaced. */
function schedule(chains: readonly Link[][], used: ReadonlySet<number>): Assigned[] | undefined {
  const slots = new Set<number>();
  for (const chain of chains)
    for (const link of chain) for (const slot of link.slots) if (!used.has(slot)) slots.add(slot);
  const sorted = [...slots].sort((left, right) => left - right);
  const heads = chains.map(() => 0);
  const out: Assigned[] = [];
  for (const slot of sorted) {
    let best = -1;
    let bestBefore = Number.POSITIVE_INFINITY;
    for (const [index, chain] of chains.entries()) {
      const link = chain[heads[index] ?? 0];
      if (link === undefined) continue;
      if (link.before <= slot) return undefined;
      const previous = chain[(heads[index] ?? 0) - 1];
      const floor = Math.max(link.after, previous?.zxid ?? Number.NEGATIVE_INFINITY);
      if (slot <= floor || !link.slots.has(slot) || link.before >= bestBefore) continue;
      best = index;
      bestBefore = link.before;
    }
    const chain = chains[best];
    const link = chain?.[heads[best] ?? 0];
    if (link === undefined) continue;
    link.zxid = slot;
    out.push({ writer: link.writer, zxid: slot });
    heads[best] = (heads[best] ?? 0) + 1;
  }
  return chains.every((chain, index) => heads[index] === chain.length) ? out : undefined;
}
