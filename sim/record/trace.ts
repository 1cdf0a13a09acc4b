// The trace: every event the kernel acted on, in order, folded into a running 64-bit hash and, when asked,
// kept as entries for trace.jsonl, the replay UI and golden tests (DESIGN.md, "Recording").
import { hashString, TraceHash } from "./trace-hash.js";

export const TRACE_KINDS = [
  "start",
  "deliver",
  "timer",
  "request",
  "disconnected",
  "fsync-done",
  "nemesis",
] as const;

export type TraceKind = (typeof TRACE_KINDS)[number];

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
   * Records one event. The hash covers time, kind, node, peer and label (message type, timer name, ...);
   * `describe` is only called when entries are kept, so the hot path builds no strings.
   */
  record(
    timeUs: number,
    kindIndex: number,
    node: number,
    peer: number,
    label: string,
    describe: (() => { node: string; text: string }) | null,
  ): void {
    const hash = this.#hash;
    // Two words per event: the time's low 32 bits; then kind, node, peer and label, with the time's high
    // bits folded in (they change once every 71 simulated minutes).
    hash.word(timeUs >>> 0);
    const high = Math.imul((timeUs / 4_294_967_296) >>> 0, 0x9e3779b1);
    hash.word(
      (kindIndex << 24) ^ ((node & 0xfff) << 12) ^ (peer & 0xfff) ^ this.#labelHash(label) ^ high,
    );
    const index = this.#count++;
    if (this.#entries !== null && describe !== null) {
      const { node: nodeName, text } = describe();
      const kind = TRACE_KINDS[kindIndex] ?? "start";
      this.#entries.push({ index, timeUs, node: nodeName, kind, text });
    }
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
