// Txn identities as numbers: one id per (zxid, value) equal as JSON, whether the values are one object, equal
// copies of it (a txn read back from a log), or different values under a reused zxid.
import { describe, expect, test } from "vitest";
import { ZAB_CHECKERS, type ZabRecord } from "../../../../protocol/zab/invariants/index.js";
import { TxnIds } from "../../../../protocol/zab/invariants/records.js";
import { makeZxid as z } from "../../../../protocol/zab/zxid.js";
import { type Json, nodeId } from "../../../../sim/api/index.js";

describe("TxnIds", () => {
  test("one value object, or an equal copy of it, under one zxid is one txn", () => {
    const ids = new TxnIds();
    const value = { txn: { type: "create", path: "/a" } };
    const id = ids.idOf(z(1, 1), value);
    expect(ids.idOf(z(1, 1), value)).toBe(id);
    expect(ids.idOf(z(1, 1), JSON.parse(JSON.stringify(value)) as Json)).toBe(id);
    expect(ids.zxidOf(id)).toBe(z(1, 1));
    expect(ids.valueOf(id)).toBe(value);
  });

  test("another value under the same zxid, or the same value under another zxid, is another txn", () => {
    const ids = new TxnIds();
    const a = ids.idOf(z(1, 1), { w: 1 });
    const b = ids.idOf(z(1, 1), { w: 2 });
    const c = ids.idOf(z(1, 2), { w: 1 });
    expect(new Set([a, b, c]).size).toBe(3);
    expect(ids.idOf(z(1, 1), { w: 2 })).toBe(b);
    expect(ids.idOf(z(1, 1), { w: 1 })).toBe(a);
  });

  test("values compare as JSON text: key order counts, as in the txn's JSON", () => {
    const ids = new TxnIds();
    expect(ids.idOf(1, { a: 1, b: 2 })).not.toBe(ids.idOf(1, { b: 2, a: 1 }));
    expect(ids.idOf(2, null)).toBe(ids.idOf(2, null));
    expect(ids.idOf(3, "x")).not.toBe(ids.idOf(3, "y"));
  });
});

const rec = (timeUs: number, node: string, kind: string, fields: Record<string, Json>) =>
  ({ timeUs, node: nodeId(node), observation: { kind, ...fields } }) as ZabRecord;

test("PrefixConsistency: equal copies of a txn delivered by two nodes are one txn", () => {
  const records = [
    rec(0, "n1", "start", { lastZxid: 0, baseZxid: 0 }),
    rec(0, "n2", "start", { lastZxid: 0, baseZxid: 0 }),
    rec(1, "n1", "propose", { zxid: z(1, 1), epoch: 1, value: { w: 1 } }),
    rec(2, "n1", "deliver", { zxid: z(1, 1), prevZxid: 0, value: { w: 1 } }),
    rec(3, "n2", "deliver", { zxid: z(1, 1), prevZxid: 0, value: { w: 1 } }),
  ];
  expect(ZAB_CHECKERS.PrefixConsistency?.(records)).toEqual([]);
  expect(ZAB_CHECKERS.Integrity?.(records)).toEqual([]);
  const forked = [...records, rec(4, "n3", "deliver", { zxid: z(1, 1), prevZxid: 0, value: 2 })];
  expect(ZAB_CHECKERS.PrefixConsistency?.(forked)).toHaveLength(1);
});
