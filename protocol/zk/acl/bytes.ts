// UTF-8 and base64 encoding in pure TypeScript: protocol/ may not use node:buffer, TextEncoder is not
// guaranteed deterministic across hosts, and the digest scheme needs both (ZooKeeper's DigestAuthenticationProvider).

/** Encodes a string as UTF-8 the way Java's `String.getBytes(UTF_8)` does (lone surrogates become '?'). */
export function utf8Encode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        index++;
      }
    }
    // A lone surrogate is not encodable; Java writes '?' for it.
    if (code >= 0xd800 && code <= 0xdfff) code = 0x3f;
    pushCodePoint(bytes, code);
  }
  return Uint8Array.from(bytes);
}

function pushCodePoint(bytes: number[], code: number): void {
  if (code < 0x80) {
    bytes.push(code);
  } else if (code < 0x800) {
    bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
  } else if (code < 0x10000) {
    bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  } else {
    bytes.push(
      0xf0 | (code >> 18),
      0x80 | ((code >> 12) & 0x3f),
      0x80 | ((code >> 6) & 0x3f),
      0x80 | (code & 0x3f),
    );
  }
}

/**
 * Length in bytes of a string's UTF-8 encoding: what ZooKeeper reports as `dataLength`. Counted as
 * `utf8Encode` encodes, without building the bytes (every Stat a server returns asks for it).
 */
export function utf8Length(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code < 0xd800 || code > 0xdfff) length += 3;
    else if (code <= 0xdbff && index + 1 < text.length && isLowSurrogate(text, index + 1)) {
      length += 4;
      index++;
    } else length += 1; // A lone surrogate is written as '?'.
  }
  return length;
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 with padding (RFC 4648 §4), as `java.util.Base64.getEncoder()` writes it. */
export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  for (let index = 0; index < bytes.length; index += 3) {
    const b0 = bytes[index] ?? 0;
    const b1 = bytes[index + 1] ?? 0;
    const b2 = bytes[index + 2] ?? 0;
    const triple = (b0 << 16) | (b1 << 8) | b2;
    out += base64Alphabet.charAt((triple >> 18) & 63) + base64Alphabet.charAt((triple >> 12) & 63);
    out += index + 1 < bytes.length ? base64Alphabet.charAt((triple >> 6) & 63) : "=";
    out += index + 2 < bytes.length ? base64Alphabet.charAt(triple & 63) : "=";
  }
  return out;
}
