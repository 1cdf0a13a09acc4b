// ZAB's message fingerprint for the trace hash: every field a receiver reads counts, each on its own.
import { describe, expect, it } from "vitest";
import {
  fingerprintMessage,
  fingerprintRecord,
  makeZxid,
  type ZabMessage,
} from "../../../protocol/zab/index.js";
import { type Json, nodeId } from "../../../sim/api/index.js";
import { TraceHash } from "../../../sim/record/index.js";

function recordHashOf(log: string, record: Json): string {
  const hash = new TraceHash();
  fingerprintRecord(log, record, hash);
  return hash.hex;
}

function hashOf(msg: ZabMessage): string {
  const hash = new TraceHash();
  fingerprintMessage(msg, hash);
  return hash.hex;
}

const Z1 = makeZxid(1, 1);
const Z2 = makeZxid(1, 2);
const txn = { zxid: Z1, value: "x", origin: nodeId("n1"), requestId: 7 };

describe("ZAB message fingerprint", () => {
  it("a PROPOSAL or INFORM that differs only in its txn's value, origin or request id differs", () => {
    for (const type of ["PROPOSAL", "INFORM"] as const) {
      const base = hashOf({ type, txn });
      expect(hashOf({ type, txn: { ...txn, value: "y" } })).not.toBe(base);
      expect(hashOf({ type, txn: { ...txn, value: { data: "x" } } })).not.toBe(base);
      expect(hashOf({ type, txn: { ...txn, origin: null } })).not.toBe(base);
      expect(hashOf({ type, txn: { ...txn, requestId: 8 } })).not.toBe(base);
      expect(hashOf({ type, txn: { ...txn, zxid: Z2 } })).not.toBe(base);
      expect(hashOf({ type, txn: { ...txn } })).toBe(base);
    }
  });

  it("fields are separate words: swapping an epoch's and a zxid's values differs", () => {
    const info = (acceptedEpoch: number, lastZxid: number): ZabMessage => ({
      type: "FOLLOWERINFO",
      acceptedEpoch,
      lastZxid: lastZxid as typeof Z1,
    });
    expect(hashOf(info(1, 2))).not.toBe(hashOf(info(2, 1)));
    const ack = (currentEpoch: number, lastZxid: number): ZabMessage => ({
      type: "ACKEPOCH",
      currentEpoch,
      lastZxid: lastZxid as typeof Z1,
    });
    expect(hashOf(ack(3, 4))).not.toBe(hashOf(ack(4, 3)));
  });

  it("a NOTIFICATION's vote, round and state each count", () => {
    const base: ZabMessage = {
      type: "NOTIFICATION",
      vote: { leader: nodeId("n1"), zxid: Z1, peerEpoch: 1 },
      electionEpoch: 2,
      state: "LOOKING",
    };
    const variants: ZabMessage[] = [
      { ...base, vote: { ...base.vote, leader: nodeId("n2") } },
      { ...base, vote: { ...base.vote, leader: null } },
      { ...base, vote: { ...base.vote, zxid: Z2 } },
      { ...base, vote: { ...base.vote, peerEpoch: 2 } },
      { ...base, electionEpoch: 1 },
      { ...base, state: "FOLLOWING" },
      // The vote's epoch and the round swap values.
      { ...base, vote: { ...base.vote, peerEpoch: 2 }, electionEpoch: 1 },
    ];
    const hashes = [base, ...variants].map(hashOf);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("a REQUEST's value and a SNAP's data count", () => {
    expect(hashOf({ type: "REQUEST", requestId: 1, value: "a" })).not.toBe(
      hashOf({ type: "REQUEST", requestId: 1, value: "b" }),
    );
    expect(hashOf({ type: "SNAP", zxid: Z1, data: { a: 1 } })).not.toBe(
      hashOf({ type: "SNAP", zxid: Z1, data: { a: 2 } }),
    );
  });

  it("a txn log record that differs only in its value, origin or request id differs; other logs walk as Json", () => {
    const base = recordHashOf("txnlog", txn);
    expect(recordHashOf("txnlog", { ...txn, value: "y" })).not.toBe(base);
    expect(recordHashOf("txnlog", { ...txn, origin: "n2" })).not.toBe(base);
    expect(recordHashOf("txnlog", { ...txn, requestId: 8 })).not.toBe(base);
    expect(recordHashOf("txnlog", { ...txn })).toBe(base);
    expect(recordHashOf("other", { a: 1 })).not.toBe(recordHashOf("other", { a: 2 }));
  });
});
