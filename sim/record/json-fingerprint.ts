// The generic fingerprint of a Json value for the trace hash: replies, durable records, request values, and
// messages of protocols without their own fingerprint (DESIGN.md, "Determinism rules" 5).
import type { FingerprintSink } from "../api/index.js";

// One tag word per value, so values of different types (the string "1" and the number 1, [] and {}) differ.
const TAG_NULL = 0x4e554c4c;
const TAG_FALSE = 0x46414c53;
const TAG_TRUE = 0x54525545;
const TAG_INTEGER = 0x494e5447;
const TAG_FLOAT = 0x464c4f41;
const TAG_STRING = 0x53545247;
const TAG_ARRAY = 0x41525259;
const TAG_OBJECT = 0x4f424a54;
const TAG_UNDEFINED = 0x554e4446;
const TAG_OTHER = 0x4f544852;

/**
 * Feeds `value` to `sink` as separate words: a tag, then the value (numbers exactly, strings by their code
 * units, arrays by length then elements in order, objects by key count then each key and its value). Object
 * keys are taken in sorted order, not insertion order, so two objects equal as Json fingerprint alike however
 * they were built: a refactor that builds a record's fields in another order keeps the hash. Values that are
 * not Json (undefined in an object, a bigint) are tolerated for the message fallback: tagged, never thrown on.
 */
export function fingerprintJson(value: unknown, sink: FingerprintSink): void {
  switch (typeof value) {
    case "string":
      sink.word(TAG_STRING);
      sink.string(value);
      return;
    case "number":
      sink.word(Number.isSafeInteger(value) ? TAG_INTEGER : TAG_FLOAT);
      sink.number(value);
      return;
    case "boolean":
      sink.word(value ? TAG_TRUE : TAG_FALSE);
      return;
    case "undefined":
      sink.word(TAG_UNDEFINED);
      return;
    case "object":
      if (value === null) sink.word(TAG_NULL);
      else if (Array.isArray(value)) fingerprintArray(value, sink);
      else fingerprintObject(value as { readonly [key: string]: unknown }, sink);
      return;
    default:
      sink.word(TAG_OTHER);
      sink.string(String(value));
  }
}

function fingerprintArray(value: readonly unknown[], sink: FingerprintSink): void {
  sink.word(TAG_ARRAY);
  sink.word(value.length);
  for (let i = 0; i < value.length; i++) fingerprintJson(value[i], sink);
}

function fingerprintObject(
  value: { readonly [key: string]: unknown },
  sink: FingerprintSink,
): void {
  const keys = Object.keys(value);
  sortKeys(keys);
  sink.word(TAG_OBJECT);
  sink.word(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    sink.string(key);
    fingerprintJson(value[key], sink);
  }
}

/**
 * Sorts keys in place by UTF-16 code units (as `Array.prototype.sort` would): an insertion sort, since records
 * have a handful of keys, often already in order, and the built-in sort costs more than the comparisons here.
 */
function sortKeys(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
}
