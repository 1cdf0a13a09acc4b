// Partitions as grudges: the directed links that are cut. Every shape Jepsen's nemesis knows — halves,
// isolating one node, the majorities ring, the bridge, one-way — is a function from nodes to cuts.
import type { NodeId } from "../api/index.js";

/** A directed link `[from, to]`: messages from `from` do not reach `to`. */
export type Link = readonly [from: NodeId, to: NodeId];

export interface Partition {
  /** The links that are cut, each direction listed on its own. */
  readonly cuts: readonly Link[];
}

function cutBetween(from: readonly NodeId[], to: readonly NodeId[]): Link[] {
  const cuts: Link[] = [];
  for (const a of from) for (const b of to) if (a !== b) cuts.push([a, b]);
  return cuts;
}

function symmetric(a: readonly NodeId[], b: readonly NodeId[]): Partition {
  return { cuts: [...cutBetween(a, b), ...cutBetween(b, a)] };
}

/** Two sides that cannot talk: the first `floor(n/2)` nodes of the given order, and the rest. */
export function halves(nodes: readonly NodeId[]): Partition {
  const middle = Math.floor(nodes.length / 2);
  return symmetric(nodes.slice(0, middle), nodes.slice(middle));
}

/** One node cut off from all others, both ways. */
export function isolate(node: NodeId, nodes: readonly NodeId[]): Partition {
  return symmetric(
    [node],
    nodes.filter((other) => other !== node),
  );
}

/** Explicit groups: nodes in different groups cannot talk; nodes in no group keep every link. */
export function groups(parts: readonly (readonly NodeId[])[]): Partition {
  const cuts: Link[] = [];
  parts.forEach((part, i) => {
    parts.forEach((other, j) => {
      if (i !== j) cuts.push(...cutBetween(part, other));
    });
  });
  return { cuts };
}

/**
 * Every node sees a majority (itself and its nearest neighbours on a ring), and no two nodes see the same
 * majority: nodes farther apart on the ring than `ceil((majority - 1) / 2)` cannot talk.
 */
export function majoritiesRing(nodes: readonly NodeId[]): Partition {
  const n = nodes.length;
  const majority = Math.floor(n / 2) + 1;
  const reach = Math.ceil((majority - 1) / 2);
  const cuts: Link[] = [];
  nodes.forEach((a, i) => {
    nodes.forEach((b, j) => {
      const distance = Math.min(Math.abs(i - j), n - Math.abs(i - j));
      if (i !== j && distance > reach) cuts.push([a, b]);
    });
  });
  return { cuts };
}

/**
 * Two halves that cannot talk to each other, and one bridge node (the middle of the given order) that
 * talks to both.
 */
export function bridge(nodes: readonly NodeId[]): Partition {
  const middle = Math.floor(nodes.length / 2);
  return symmetric(nodes.slice(0, middle), nodes.slice(middle + 1));
}

/** Messages from `from` to `to` are lost; the reverse direction works. */
export function oneWay(from: readonly NodeId[], to: readonly NodeId[]): Partition {
  return { cuts: cutBetween(from, to) };
}

export function describePartition(partition: Partition): string {
  if (partition.cuts.length === 0) return "no cuts";
  const directed = new Set(partition.cuts.map(([a, b]) => `${a}>${b}`));
  const parts: string[] = [];
  for (const [a, b] of [...partition.cuts].sort(compareLinks)) {
    const back = directed.has(`${b}>${a}`);
    if (back && a > b) continue;
    parts.push(back ? `${a}-${b}` : `${a}->${b}`);
  }
  return parts.join(" ");
}

function compareLinks(x: Link, y: Link): number {
  if (x[0] !== y[0]) return x[0] < y[0] ? -1 : 1;
  if (x[1] !== y[1]) return x[1] < y[1] ? -1 : 1;
  return 0;
}
