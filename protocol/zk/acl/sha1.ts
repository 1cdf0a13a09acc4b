// SHA-1 (FIPS 180-4 §6.1) in pure TypeScript. ZooKeeper's digest scheme stores base64(sha1("user:password")),
// and protocol/ may not import node:crypto.

/** Returns the 20-byte SHA-1 digest of `message`. */
export function sha1(message: Uint8Array): Uint8Array {
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const padded = pad(message);
  const words = new Array<number>(80).fill(0);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let t = 0; t < 16; t++) {
      const at = offset + t * 4;
      words[t] =
        ((padded[at] ?? 0) << 24) |
        ((padded[at + 1] ?? 0) << 16) |
        ((padded[at + 2] ?? 0) << 8) |
        (padded[at + 3] ?? 0);
    }
    for (let t = 16; t < 80; t++) {
      words[t] = rotl(
        (words[t - 3] ?? 0) ^ (words[t - 8] ?? 0) ^ (words[t - 14] ?? 0) ^ (words[t - 16] ?? 0),
        1,
      );
    }
    compress(state, words);
  }
  const digest = new Uint8Array(20);
  state.forEach((word, index) => {
    digest[index * 4] = word >>> 24;
    digest[index * 4 + 1] = (word >>> 16) & 0xff;
    digest[index * 4 + 2] = (word >>> 8) & 0xff;
    digest[index * 4 + 3] = word & 0xff;
  });
  return digest;
}

function compress(state: number[], words: readonly number[]): void {
  let [a, b, c, d, e] = state as [number, number, number, number, number];
  for (let t = 0; t < 80; t++) {
    let f: number;
    let k: number;
    if (t < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    const temp = (rotl(a, 5) + f + e + k + (words[t] ?? 0)) | 0;
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = temp;
  }
  state[0] = ((state[0] ?? 0) + a) | 0;
  state[1] = ((state[1] ?? 0) + b) | 0;
  state[2] = ((state[2] ?? 0) + c) | 0;
  state[3] = ((state[3] ?? 0) + d) | 0;
  state[4] = ((state[4] ?? 0) + e) | 0;
}

/** Appends 0x80, zeros, and the 64-bit big-endian bit length so the total is a multiple of 64 bytes. */
function pad(message: Uint8Array): Uint8Array {
  const paddedLength = Math.ceil((message.length + 9) / 64) * 64;
  const padded = new Uint8Array(paddedLength);
  padded.set(message);
  padded[message.length] = 0x80;
  const bitLength = message.length * 8;
  // Messages here are far below 2^32 bits, but write the high word properly anyway.
  const high = Math.floor(bitLength / 0x100000000);
  const low = bitLength >>> 0;
  for (let index = 0; index < 4; index++) {
    padded[paddedLength - 8 + index] = (high >>> (24 - index * 8)) & 0xff;
    padded[paddedLength - 4 + index] = (low >>> (24 - index * 8)) & 0xff;
  }
  return padded;
}

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}
