// The running 64-bit hash of the trace: FNV-1a with the 64-bit prime, fed 32-bit words, computed in two
// 32-bit halves so it needs no BigInt on the hot path. Same events, same hash, on any machine.

const TWO_32 = 4_294_967_296;
const FNV64_PRIME_LOW = 0x1b3; // The prime is 2^40 + 0x1b3.

export class TraceHash {
  #low = 0x84222325; // FNV-1a 64-bit offset basis 0xcbf29ce484222325.
  #high = 0xcbf29ce4;

  /** Mixes one unsigned 32-bit word (other integers are reduced mod 2^32). */
  word(value: number): void {
    const low = (this.#low ^ value) >>> 0;
    const product = low * FNV64_PRIME_LOW;
    // product < 2^41, so truncating to an unsigned 32-bit integer is the floor.
    const carry = (product / TWO_32) >>> 0;
    // (high:low) * (2^40 + 0x1b3) mod 2^64: the 2^40 term shifts low into high by 8 bits.
    this.#high = (this.#high * FNV64_PRIME_LOW + carry + ((low << 8) >>> 0)) >>> 0;
    this.#low = product >>> 0;
  }

  /** Mixes a non-negative safe integer as two words. */
  integer(value: number): void {
    this.word(value >>> 0);
    this.word((value / TWO_32) >>> 0);
  }

  get hex(): string {
    return this.#high.toString(16).padStart(8, "0") + this.#low.toString(16).padStart(8, "0");
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
