// Invariant messages name zxids in hex, and a stretch of consecutive zxids as one range.
import { expect, test } from "vitest";
import { zxidList } from "../../../protocol/zab/invariants/records.js";
import { makeZxid } from "../../../protocol/zab/zxid.js";

test("zxids in hex, three or more consecutive ones as a range with their count, sorted and unique", () => {
  const z = (counter: number) => makeZxid(1, counter);
  expect(zxidList([z(3), z(7), z(8), z(9), z(10), z(12), z(13), z(3), makeZxid(2, 1)])).toBe(
    "0x100000003,0x100000007-0x10000000a (4),0x10000000c,0x10000000d,0x200000001",
  );
  expect(zxidList([])).toBe("");
});
