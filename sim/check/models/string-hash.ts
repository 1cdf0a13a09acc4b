// A polynomial rolling hash of strings modulo 2^32, so the hash of `a + b` follows from the hashes of
// `a` and `b` and the length of `b` without reading `a` again.

const BASE = 0x01000193;

export function stringHash(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++)
    hash = (Math.imul(hash, BASE) + text.charCodeAt(index)) | 0;
  return hash;
}

/** BASE to the power `length`, modulo 2^32: the factor by which appending `length` characters shifts. */
export function hashShift(length: number): number {
  let shift = 1;
  for (let index = 0; index < length; index++) shift = Math.imul(shift, BASE);
  return shift;
}

/** The hash of `a + b` from the hash of `a`, and the hash and shift of `b`. */
export function concatHash(hashA: number, hashB: number, shiftB: number): number {
  return (Math.imul(hashA, shiftB) + hashB) | 0;
}
