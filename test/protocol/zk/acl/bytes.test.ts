// utf8Length counts what utf8Encode writes, lone surrogates (one '?' byte each) and pairs included.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { utf8Encode, utf8Length } from "../../../../protocol/zk/acl/index.js";

test.prop([fc.string({ unit: "binary" })], { numRuns: 2_000 })(
  "any string: the length of its encoding",
  (text) => {
    expect(utf8Length(text)).toBe(utf8Encode(text).length);
  },
);

test.prop([fc.array(fc.constantFrom("a", "é", "€", "😀", "\ud800", "\udc00"), { maxLength: 12 })])(
  "strings of one-, two-, three- and four-byte characters and lone surrogates",
  (parts) => {
    const text = parts.join("");
    expect(utf8Length(text)).toBe(utf8Encode(text).length);
  },
);
