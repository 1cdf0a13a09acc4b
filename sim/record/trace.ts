// The trace: every event the kernel acted on, in order, fed into a running 64-bit hash with what it carried and
// caused (message contents, request values, replies, durable writes) and, when asked, kept as entries for
// trace.jsonl, the replay UI and golden tests (DESIGN.md, "Recording", "Determinism rules" 5).
import type { Json, Message, NodeProtocol, ReplyType } from "../api/index.js";
import { hashString, TraceHash } from "./trace-hash.js";

export const TRACE_KINDS = [
  "start",
  "deliver",
  "timer",
  "request",
  "disconnected",
  "fsync-done",
  "nemesis",
  "exit",
] as const;

export type TraceKind = (typeof TRACE_KINDS)[number];

/** The durable effects the hash sees, each with its own tag word. */
export type DurableTag = "append" | "truncate" | "write-file" | "delete-file" | "fsync";

const DURABLE_TAGS: { readonly [tag in DurableTag]: number } = {
  append: 0x41504e44,
  truncate: 0x54524e43,
  "write-file": 0x57525446,
  "delete-file": 0x44454c46,
  fsync: 0x4653594e,
};
const TAG_REPLY = 0x52504c59;

export interface TraceEntry {
  /** Position in the trace, from 0. */
  readonly index: number;
  readonly timeUs: number;
  /** The node the event happened at; empty for nemesis operations. */
  readonly node: string;
  readonly kind: TraceKind;
  /** A compact description, e.g. `n1->n2 PROPOSAL zxid=0x100000003`. */
  readonly text: string;
}

export class Trace {
  readonly #hash = new TraceHash();
  readonly #labelHashes = new Map<string, number>();
  readonly #entries: TraceEntry[] | null;
  #count = 0;
  #lastLabel = "";
  #lastLabelHash = hashString("");

  constructor(keepEntries: boolean) {
    this.#entries = keepEntries ? [] : null;
  }

  get count(): number {
    return this.#count;
  }

  get hash(): string {
    return this.#hash.hex;
  }

  get keepsEntries(): boolean {
    return this.#entries !== null;
  }

  get entries(): readonly TraceEntry[] {
    return this.#entries ?? [];
  }

  /**
   * Records one event. The hash covers time, kind, node, peer and label (message type, timer name, ...) as
   * separate words; a delivered message's contents, a request's value, replies and durable writes follow
   * through the methods below. `describe` is only called when entries are kept, so the hot path builds no
   * strings.
   */
  record(
    timeUs: number,
    kindIndex: number,
    node: number,
    peer: number,
    label: string,
    describe: (() => { node: string; text: string }) | null,
  ): void {
    // Five words: the time's low and high halves, kind and node sharing one word in disjoint bits (kinds
    // < 2^8, node indices < 2^24, -1 for none: exact), the peer, and the label's hash.
    this.#hash.words5(
      timeUs >>> 0,
      (timeUs / 4_294_967_296) >>> 0,
      (kindIndex << 24) | (node & 0xffffff),
      peer,
      this.#labelHash(label),
    );
    const index = this.#count++;
    if (this.#entries !== null && describe !== null) {
      const { node: nodeName, text } = describe();
      const kind = TRACE_KINDS[kindIndex] ?? "start";
      this.#entries.push({ index, timeUs, node: nodeName, kind, text });
    }
  }

  /**
   * The contents of the message the event just recorded delivered: the protocol's own fingerprint, or the
   * generic Json walk of the whole message.
   */
  message(protocol: NodeProtocol<unknown, Message>, msg: Message): void {
    if (protocol.fingerprintMessage !== undefined) protocol.fingerprintMessage(msg, this.#hash);
    else this.#hash.json(msg);
  }

  /** The value of the client request the event just recorded handed to a node. */
  requestValue(value: Json): void {
    this.#hash.json(value);
  }

  /** A client operation completed (by a node's reply or by the kernel): its id, type, value and fields. */
  reply(
    requestId: number,
    type: ReplyType,
    value: Json,
    fields: { readonly [field: string]: Json },
  ): void {
    const hash = this.#hash;
    hash.word(TAG_REPLY);
    hash.number(requestId);
    hash.word(type === "ok" ? 0 : type === "fail" ? 1 : 2);
    hash.json(value);
    hash.json(fields);
  }

  // Log and file names are hashed exactly, not through the label cache: file names such as snapshots' are
  // unbounded in number and would grow it for the whole run.

  /** An append of node `node`: its log and record, through the protocol's record fingerprint if it has one. */
  append(protocol: NodeProtocol<unknown, Message>, node: number, log: string, record: Json): void {
    const hash = this.#hash;
    hash.word(DURABLE_TAGS.append);
    hash.word(node);
    hash.string(log);
    if (protocol.fingerprintRecord !== undefined) protocol.fingerprintRecord(log, record, hash);
    else hash.json(record);
  }

  /** A durable write effect of node `node`: a write-file (with its data); appends go through `append`. */
  durableWrite(tag: DurableTag, node: number, name: string, data: Json): void {
    const hash = this.#hash;
    hash.word(DURABLE_TAGS[tag]);
    hash.word(node);
    hash.string(name);
    hash.json(data);
  }

  /** A truncate (`count` = the new length), delete-file (`count` 0) or fsync (`count` = token, -1 for none). */
  durableMark(tag: DurableTag, node: number, name: string, count: number): void {
    const hash = this.#hash;
    hash.word(DURABLE_TAGS[tag]);
    hash.word(node);
    hash.string(name);
    hash.number(count);
  }

  #labelHash(label: string): number {
    // Consecutive events often share a label (a burst of one message type): skip the map then.
    if (label === this.#lastLabel) return this.#lastLabelHash;
    let value = this.#labelHashes.get(label);
    if (value === undefined) {
      value = hashString(label);
      this.#labelHashes.set(label, value);
    }
    this.#lastLabel = label;
    this.#lastLabelHash = value;
    return value;
  }
}

/** trace.jsonl: one JSON object per event, `{index, timeUs, node, kind, text}`, in order. */
export function traceToJsonLines(entries: readonly TraceEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
}
