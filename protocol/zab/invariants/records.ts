// The observation records the checkers read (structurally the kernel's `ObservationRecord`), and the views of
// them every checker shares, each built once per run: txn ids, proposals, and each node incarnation's
// deliveries with its base.
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

export function num(observation: Observation, field: string): number {
  const value = observation[field];
  return typeof value === "number" ? value : Number.NaN;
}

/**
 * Txn identities as small integers. A txn is its zxid and its value (two leaders of one epoch could reuse a
 * zxid; the value tells), and pairs equal as JSON get one id. Values are compared by reference first (a txn's
 * value object travels from the leader's proposal to every delivery), then as JSON text, so a text is built
 * only when a zxid meets a second value object.
 */
export class TxnIds {
  readonly #zxids: number[] = [];
  readonly #values: Json[] = [];
  readonly #texts: (string | null)[] = [];
  readonly #byZxid = new Map<number, number[]>();

  idOf(zxid: number, value: Json): number {
    const ids = this.#byZxid.get(zxid);
    if (ids === undefined) {
      const id = this.#add(zxid, value, null);
      this.#byZxid.set(zxid, [id]);
      return id;
    }
    for (const id of ids) if (this.#values[id] === value) return id;
    const text = JSON.stringify(value);
    for (const id of ids) if (this.#textOf(id) === text) return id;
    const id = this.#add(zxid, value, text);
    ids.push(id);
    return id;
  }

  zxidOf(id: number): number {
    return this.#zxids[id] ?? Number.NaN;
  }

  valueOf(id: number): Json {
    return this.#values[id] ?? null;
  }

  #add(zxid: number, value: Json, text: string | null): number {
    this.#zxids.push(zxid);
    this.#values.push(value);
    this.#texts.push(text);
    return this.#zxids.length - 1;
  }

  #textOf(id: number): string {
    let text = this.#texts[id] ?? null;
    if (text === null) {
      text = JSON.stringify(this.#values[id] ?? null);
      this.#texts[id] = text;
    }
    return text;
  }
}

export interface Delivery {
  readonly timeUs: number;
  readonly zxid: number;
  /** The txn's value: `txnText` says it in a few words when a message needs it. */
  readonly value: Json;
  readonly prevZxid: number;
  /** The txn's id (TxnIds). */
  readonly key: number;
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

export interface Proposal {
  readonly timeUs: number;
  readonly node: string;
  readonly zxid: number;
  readonly epoch: number;
  /** The txn's id (TxnIds). */
  readonly key: number;
}

/**
 * A run's records and the views of them the checkers share, each built on first use: running every checker
 * over one `ZabRecordSet` splits the records into incarnations once, not once per checker.
 */
export class ZabRecordSet {
  readonly records: readonly ZabRecord[];
  readonly txnIds = new TxnIds();
  #incarnations: readonly Incarnation[] | null = null;
  #proposals: readonly Proposal[] | null = null;
  #firstDeliveries: ReadonlyMap<number, Delivery> | null = null;

  constructor(records: readonly ZabRecord[]) {
    this.records = records;
  }

  /** The set itself, or a fresh one over plain records (a checker run alone). */
  static of(records: ZabRecords): ZabRecordSet {
    return records instanceof ZabRecordSet ? records : new ZabRecordSet(records);
  }

  /** Each node's deliveries, split at its restarts; a SNAP sync moves the base. */
  get incarnations(): readonly Incarnation[] {
    this.#incarnations ??= incarnationsOf(this.records, this.txnIds);
    return this.#incarnations;
  }

  get proposals(): readonly Proposal[] {
    this.#proposals ??= proposalsOf(this.records, this.txnIds);
    return this.#proposals;
  }

  /** Every delivered txn by id: the globally committed txns and when each first committed. */
  get firstDeliveries(): ReadonlyMap<number, Delivery> {
    this.#firstDeliveries ??= firstDeliveriesOf(this.incarnations);
    return this.#firstDeliveries;
  }
}

/** What a checker reads: plain records, or a set shared with the other checkers. */
export type ZabRecords = readonly ZabRecord[] | ZabRecordSet;

/** The plain records, whichever form a checker was given. */
export function recordsOf(records: ZabRecords): readonly ZabRecord[] {
  return records instanceof ZabRecordSet ? records.records : records;
}

interface OpenIncarnation {
  index: number;
  startUs: number;
  base: number;
  bases: { timeUs: number; zxid: number }[];
  deliveries: Delivery[];
}

function freshIncarnation(index: number, timeUs: number, base: number): OpenIncarnation {
  return { index, startUs: timeUs, base, bases: [{ timeUs, zxid: base }], deliveries: [] };
}

function incarnationsOf(records: readonly ZabRecord[], ids: TxnIds): Incarnation[] {
  const open = new Map<string, OpenIncarnation>();
  const done: Incarnation[] = [];
  const close = (node: string) => {
    const current = open.get(node);
    if (current !== undefined) done.push({ node, ...current });
  };
  const current = (node: string) => {
    let inc = open.get(node);
    if (inc === undefined) {
      inc = freshIncarnation(0, 0, 0);
      open.set(node, inc);
    }
    return inc;
  };
  for (const { timeUs, node, observation: o } of records) {
    if (o.kind === "deliver") {
      const inc = current(node);
      const zxid = num(o, "zxid");
      const value = o.value ?? null;
      const key = ids.idOf(zxid, value);
      const prevZxid = num(o, "prevZxid");
      inc.deliveries.push({ timeUs, zxid, value, prevZxid, key, baseZxid: inc.base });
    } else if (o.kind === "start") {
      close(node);
      open.set(
        node,
        freshIncarnation((open.get(node)?.index ?? -1) + 1, timeUs, num(o, "baseZxid")),
      );
    } else if (o.kind === "sync" && o.mode === "SNAP") {
      const inc = current(node);
      inc.base = num(o, "zxid");
      inc.bases.push({ timeUs, zxid: inc.base });
    }
  }
  for (const node of [...open.keys()].sort()) close(node);
  return done;
}

function proposalsOf(records: readonly ZabRecord[], ids: TxnIds): Proposal[] {
  const found: Proposal[] = [];
  for (const { timeUs, node, observation: o } of records) {
    if (o.kind !== "propose") continue;
    const zxid = num(o, "zxid");
    found.push({
      timeUs,
      node,
      zxid,
      epoch: num(o, "epoch"),
      key: ids.idOf(zxid, o.value ?? null),
    });
  }
  return found;
}

function firstDeliveriesOf(incarnations: readonly Incarnation[]): Map<number, Delivery> {
  const first = new Map<number, Delivery>();
  for (const incarnation of incarnations) {
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
