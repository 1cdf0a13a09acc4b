// The observation records the checkers read (structurally the kernel's `ObservationRecord`), and the views of
// them every checker shares: txn keys, proposals, and each node incarnation's deliveries with its base.
import type { Json, Observation } from "../../../sim/api/index.js";
import { epochOf, formatZxid } from "../zxid.js";

export interface ZabRecord {
  readonly timeUs: number;
  readonly node: string;
  readonly observation: Observation;
}

/** Where a violation shows, for tools that point at it: the node's step at `timeUs`, about `zxid`. */
export interface InvariantViolationAt {
  readonly node: string;
  readonly timeUs: number;
  readonly zxid?: number;
}

export interface InvariantViolation {
  readonly check: string;
  readonly message: string;
  readonly at?: InvariantViolationAt;
  /** The facts of the failure in a sentence or two; the story writer adds the cluster around them. */
  readonly story?: string;
}

/** "3.577 s": simulated time as stories and messages print it. */
export function seconds(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}

/**
 * A txn's value in a few words: a ZooKeeper txn by its type and path (`create /lock/n-0000000001`), anything
 * else as short JSON.
 */
export function txnText(value: Json | undefined): string {
  const txn = (value as { readonly txn?: { readonly type?: Json; readonly path?: Json } } | null)
    ?.txn;
  if (txn !== undefined && txn !== null && typeof txn.type === "string") {
    return typeof txn.path === "string" ? `${txn.type} ${txn.path}` : txn.type;
  }
  const text = JSON.stringify(value ?? null);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** A txn's identity: its zxid and value. Two leaders of one epoch could reuse a zxid; the value tells. */
/** A txn as messages name it: `0x100000003={"w":7}` (the zxid in hex, as ZooKeeper logs it). */
export function txnKey(zxid: number, value: Json): string {
  return `${formatZxid(zxid)}=${JSON.stringify(value)}`;
}

/**
 * Zxids for a message, in hex, consecutive ones as a range: `0x100000003,0x100000007-0x10000002f (41)`.
 * A node that missed a whole stretch of txns would otherwise fill the screen with them.
 */
export function zxidList(zxids: readonly number[]): string {
  const sorted = [...new Set(zxids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] ?? 0) === (sorted[j] ?? 0) + 1) j++;
    const first = formatZxid(sorted[i] ?? 0);
    parts.push(j - i >= 2 ? `${first}-${formatZxid(sorted[j] ?? 0)} (${j - i + 1})` : first);
    if (j - i === 1) parts.push(formatZxid(sorted[j] ?? 0));
    i = j + 1;
  }
  return parts.join(",");
}

/** The zxid a txn key names (its hex prefix). */
export function zxidOfKey(key: string): number {
  return Number(key.slice(0, key.indexOf("=")));
}

export function num(observation: Observation, field: string): number {
  const value = observation[field];
  return typeof value === "number" ? value : Number.NaN;
}

export interface Delivery {
  readonly timeUs: number;
  readonly zxid: number;
  /** The txn in a few words (txnText). */
  readonly what: string;
  readonly prevZxid: number;
  readonly key: string;
  /** Everything at or below this zxid was in the node's state without being delivered (snapshot/SNAP). */
  readonly baseZxid: number;
}

export interface Incarnation {
  readonly node: string;
  readonly index: number;
  readonly startUs: number;
  /** The base over time: set at start, moved by each SNAP. */
  readonly bases: readonly { readonly timeUs: number; readonly zxid: number }[];
  readonly deliveries: readonly Delivery[];
}

/** The incarnation's base at `timeUs`. */
export function baseAt(inc: Incarnation, timeUs: number): number {
  let base = 0;
  for (const b of inc.bases) if (b.timeUs <= timeUs) base = b.zxid;
  return base;
}

interface OpenIncarnation {
  index: number;
  startUs: number;
  base: number;
  bases: { timeUs: number; zxid: number }[];
  deliveries: Delivery[];
}

/** Splits each node's deliveries at its restarts; a SNAP sync moves the base. */
export function incarnations(records: readonly ZabRecord[]): Incarnation[] {
  const open = new Map<string, OpenIncarnation>();
  const done: Incarnation[] = [];
  const close = (node: string) => {
    const current = open.get(node);
    if (current !== undefined) done.push({ node, ...current });
  };
  const fresh = (index: number, timeUs: number, base: number): OpenIncarnation => ({
    index,
    startUs: timeUs,
    base,
    bases: [{ timeUs, zxid: base }],
    deliveries: [],
  });
  for (const { timeUs, node, observation: o } of records) {
    if (o.kind === "start") {
      close(node);
      open.set(node, fresh((open.get(node)?.index ?? -1) + 1, timeUs, num(o, "baseZxid")));
    } else if (o.kind === "sync" && o.mode === "SNAP") {
      const current = open.get(node) ?? fresh(0, 0, 0);
      open.set(node, current);
      current.base = num(o, "zxid");
      current.bases.push({ timeUs, zxid: current.base });
    } else if (o.kind === "deliver") {
      const current = open.get(node) ?? fresh(0, 0, 0);
      open.set(node, current);
      const zxid = num(o, "zxid");
      const key = txnKey(zxid, o.value ?? null);
      const prevZxid = num(o, "prevZxid");
      const what = txnText(o.value);
      current.deliveries.push({ timeUs, zxid, what, prevZxid, key, baseZxid: current.base });
    }
  }
  for (const node of [...open.keys()].sort()) close(node);
  return done;
}

export interface Proposal {
  readonly timeUs: number;
  readonly node: string;
  readonly zxid: number;
  readonly epoch: number;
  readonly key: string;
}

export function proposals(records: readonly ZabRecord[]): Proposal[] {
  return records
    .filter((r) => r.observation.kind === "propose")
    .map(({ timeUs, node, observation: o }) => ({
      timeUs,
      node,
      zxid: num(o, "zxid"),
      epoch: num(o, "epoch"),
      key: txnKey(num(o, "zxid"), o.value ?? null),
    }));
}

/** Every delivery by any node, in record order: the globally committed txns and when each first committed. */
export function firstDeliveries(records: readonly ZabRecord[]): Map<string, Delivery> {
  const first = new Map<string, Delivery>();
  for (const incarnation of incarnations(records)) {
    for (const d of incarnation.deliveries) {
      const seen = first.get(d.key);
      if (seen === undefined || d.timeUs < seen.timeUs) first.set(d.key, d);
    }
  }
  return first;
}

export function epochOfZxid(zxid: number): number {
  return epochOf(zxid);
}
