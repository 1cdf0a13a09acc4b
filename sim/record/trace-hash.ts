// The running 64-bit hash of the trace: two 32-bit lanes, each a multiply–xorshift mix of every word fed to
// it (the lanes use different multipliers and rotations, and each absorbs the other's state, so a word
// changes all 64 bits). Integer-only arithmetic, so it costs a few nanoseconds a word on the hot path.
// Same events, same hash, on any machine.
import type { FingerprintSink } from "../api/index.js";
import { fingerprintJson } from "./json-fingerprint.js";

const LANE_A_MULTIPLIER = 0x85ebca6b;
const LANE_B_MULTIPLIER = 0xc2b2ae35;
const TWO_TO_32 = 4_294_967_296;

export class TraceHash implements FingerprintSink {
  #a = 0x84222325;
  #b = 0xcbf29ce4;
  /** Scratch for a float's bits (per hash, not per module: no module-level mutable state). */
  readonly #float = new Float64Array(1);
  readonly #floatWords = new Uint32Array(this.#float.buffer);

  /** Mixes one unsigned 32-bit word (other integers are reduced mod 2^32). */
  word(value: number): void {
    const a = Math.imul(this.#a ^ value, LANE_A_MULTIPLIER);
    const b = Math.imul(this.#b ^ value ^ (a >>> 13), LANE_B_MULTIPLIER);
    this.#a = (a ^ (b >>> 16) ^ (a << 5)) | 0;
    this.#b = (b ^ (b >>> 15)) | 0;
  }

  /**
   * Mixes five words, exactly as five `word` calls would: one call per traced event, with the lanes kept in
   * locals (the event's words are the hot path's largest share of hashing).
   */
  words5(w0: number, w1: number, w2: number, w3: number, w4: number): void {
    // `word`'s mix, unrolled.
    let a = this.#a;
    let b = this.#b;
    let x = 0;
    let y = 0;
    x = Math.imul(a ^ w0, LANE_A_MULTIPLIER);
    y = Math.imul(b ^ w0 ^ (x >>> 13), LANE_B_MULTIPLIER);
    a = (x ^ (y >>> 16) ^ (x << 5)) | 0;
    b = (y ^ (y >>> 15)) | 0;
    x = Math.imul(a ^ w1, LANE_A_MULTIPLIER);
    y = Math.imul(b ^ w1 ^ (x >>> 13), LANE_B_MULTIPLIER);
    a = (x ^ (y >>> 16) ^ (x << 5)) | 0;
    b = (y ^ (y >>> 15)) | 0;
    x = Math.imul(a ^ w2, LANE_A_MULTIPLIER);
    y = Math.imul(b ^ w2 ^ (x >>> 13), LANE_B_MULTIPLIER);
    a = (x ^ (y >>> 16) ^ (x << 5)) | 0;
    b = (y ^ (y >>> 15)) | 0;
    x = Math.imul(a ^ w3, LANE_A_MULTIPLIER);
    y = Math.imul(b ^ w3 ^ (x >>> 13), LANE_B_MULTIPLIER);
    a = (x ^ (y >>> 16) ^ (x << 5)) | 0;
    b = (y ^ (y >>> 15)) | 0;
    x = Math.imul(a ^ w4, LANE_A_MULTIPLIER);
    y = Math.imul(b ^ w4 ^ (x >>> 13), LANE_B_MULTIPLIER);
    a = (x ^ (y >>> 16) ^ (x << 5)) | 0;
    b = (y ^ (y >>> 15)) | 0;
    this.#a = a;
    this.#b = b;
  }

  /** Mixes two words, exactly as two `word` calls would, in one call. */
  words2(w0: number, w1: number): void {
    let a = this.#a;
    let b = this.#b;
    let x = Math.imul(a ^ w0, LANE_A_MULTIPLIER);
    let y = Math.imul(b ^ w0 ^ (x >>> 13), LANE_B_MULTIPLIER);
    a = (x ^ (y >>> 16) ^ (x << 5)) | 0;
    b = (y ^ (y >>> 15)) | 0;
    x = Math.imul(a ^ w1, LANE_A_MULTIPLIER);
    y = Math.imul(b ^ w1 ^ (x >>> 13), LANE_B_MULTIPLIER);
    this.#a = (x ^ (y >>> 16) ^ (x << 5)) | 0;
    this.#b = (y ^ (y >>> 15)) | 0;
  }

  /** Mixes a non-negative safe integer as two words. */
  integer(value: number): void {
    this.word(value >>> 0);
    this.word((value / TWO_TO_32) >>> 0);
  }

  /**
   * Mixes any number as two words: a safe integer (negative ones too) as its low word and floored high word,
   * anything else as its float64 bits. Exact among integers and among floats; `json` tags which one it was.
   */
  number(value: number): void {
    // The common case, a 32-bit unsigned integer (a count, an index, a zxid's half): its words are (value, 0).
    if (value >>> 0 === value) {
      this.words2(value, 0);
      return;
    }
    if (Number.isSafeInteger(value)) {
      this.word(value >>> 0);
      this.word(Math.floor(value / TWO_TO_32) >>> 0);
      return;
    }
    this.#float[0] = value;
    this.word(this.#floatWords[0] as number);
    this.word(this.#floatWords[1] as number);
  }

  /**
   * Mixes a string exactly: its length, then its UTF-16 code units, two to a word. `word`'s mix with the
   * lanes in locals (keys and paths of every Json value pass through here).
   */
  string(text: string): void {
    const length = text.length;
    let a = this.#a;
    let b = this.#b;
    let w = length;
    let i = 0;
    for (;;) {
      const x = Math.imul(a ^ w, LANE_A_MULTIPLIER);
      const y = Math.imul(b ^ w ^ (x >>> 13), LANE_B_MULTIPLIER);
      a = (x ^ (y >>> 16) ^ (x << 5)) | 0;
      b = (y ^ (y >>> 15)) | 0;
      if (i + 1 < length) {
        w = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
        i += 2;
      } else if (i < length) {
        w = text.charCodeAt(i);
        i++;
      } else break;
    }
    this.#a = a;
    this.#b = b;
  }

  /** Mixes a Json value through the generic walker (sim/record/json-fingerprint.ts). */
  json(value: unknown): void {
    fingerprintJson(value, this);
  }

  get hex(): string {
    return (
      (this.#b >>> 0).toString(16).padStart(8, "0") + (this.#a >>> 0).toString(16).padStart(8, "0")
    );
  }
}

/** A 32-bit FNV-1a hash of a string's code units, for mixing labels (message types, timer names). */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
