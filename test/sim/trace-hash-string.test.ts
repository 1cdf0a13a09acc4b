// TraceHash.string mixes exactly the words its contract names: the length, then the code units two to a word.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { TraceHash } from "../../sim/record/trace-hash.js";

test.prop([fc.string({ unit: "binary" }), fc.nat()], { numRuns: 1_000 })(
  "a string: the same hash as its words fed one by one",
  (text, before) => {
    const fast = new TraceHash();
    const reference = new TraceHash();
    fast.word(before);
    reference.word(before);
    fast.string(text);
    reference.word(text.length);
    let i = 0;
    for (; i + 1 < text.length; i += 2)
      reference.word(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
    if (i < text.length) reference.word(text.charCodeAt(i));
    expect(fast.hex).toBe(reference.hex);
  },
);
