// The running 64-bit hash of the trace: two 32-bit lanes, each a multiply–xorshift mix of every word fed to
// it (the lanes use different multipliers and rotations, and each absorbs the other's state, so a word
// changes all 64 bits). Integer-only arithmetic, so it costs a few nanoseconds a word on the hot path.
// Same events, same hash, on any machine.

const LANE_A_MULTIPLIER = 0x85ebca6b;
const LANE_B_MULTIPLIER = 0xc2b2ae35;

export class TraceHash {
  #a = 0x84222325;
  #b = 0xcbf29ce4;

  /** Mixes one unsigned 32-bit word (other integers are reduced mod 2^32). */
  word(value: number): void {
    const a = Math.imul(this.#a ^ value, LANE_A_MULTIPLIER);
    const b = Math.imul(this.#b ^ value ^ (a >>> 13), LANE_B_MULTIPLIER);
    this.#a = (a ^ (b >>> 16) ^ (a << 5)) | 0;
    this.#b = (b ^ (b >>> 15)) | 0;
  }

  /** Mixes a non-negative safe integer as two words. */
  integer(value: number): void {
    this.word(value >>> 0);
    this.word((value / 4_294_967_296) >>> 0);
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
