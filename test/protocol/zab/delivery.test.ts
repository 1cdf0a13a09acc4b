// The seam between ZAB and the state machine it feeds: a delivery applies the txn and hands the apply's
// outputs to the host through `Env.outputs`, in zxid order; an apply that is not a delivery (NEWLEADER's, a
// restart's) hands over nothing, and a delivery of a txn applied already does not apply it again.
import { describe, expect, test } from "vitest";
import { applyOnly, deliverLoggedUpTo, deliverTxn } from "../../../protocol/zab/delivery.js";
import type { ZabMessage } from "../../../protocol/zab/index.js";
import {
  type Env,
  makeZxid,
  type PeerState,
  type StateMachine,
  type Txn,
  zabConfig,
  zabPeer,
} from "../../../protocol/zab/index.js";
import type { Effect } from "../../../sim/api/index.js";
import { micros } from "../../../sim/api/index.js";
import { ctx, disk, N1, N2, N3 } from "./unit.js";

/** A machine that keeps the zxids it applied and says, per txn, which one it applied after which. */
const tally: StateMachine<readonly number[], string> = {
  name: "tally",
  initial: [],
  apply: (state, txn) => ({
    state: [...state, txn.zxid],
    outputs: [`${txn.zxid} after ${state.at(-1) ?? 0}`],
  }),
  snapshot: (state) => [...state],
  restore: (snapshot) => (Array.isArray(snapshot) ? snapshot.map(Number) : []),
};

const config = zabConfig([N1, N2, N3], { tickTimeUs: micros(100_000), stateMachine: tally });

const txn = (counter: number): Txn => ({
  zxid: makeZxid(1, counter),
  value: counter,
  origin: null,
  requestId: 0,
});

function booted(log: readonly Txn[] = []): PeerState<readonly number[]> {
  return zabPeer(config).init(ctx(N1, disk({}, log))).state;
}

function envWith(outputs: string[]): Env<readonly number[], string> {
  return { config, nowUs: 0, outputs };
}

describe("delivery hands the state machine's outputs to the host", () => {
  test("each delivered txn's outputs arrive in zxid order, and the state is the machine's", () => {
    const outputs: string[] = [];
    const out: Effect<ZabMessage>[] = [];
    let state = booted();
    for (const counter of [1, 2, 3]) state = deliverTxn(state, txn(counter), envWith(outputs), out);
    expect(outputs).toEqual([
      `${makeZxid(1, 1)} after 0`,
      `${makeZxid(1, 2)} after ${makeZxid(1, 1)}`,
      `${makeZxid(1, 3)} after ${makeZxid(1, 2)}`,
    ]);
    expect(state.db.data).toEqual([makeZxid(1, 1), makeZxid(1, 2), makeZxid(1, 3)]);
  });

  test("a txn applied without delivery (NEWLEADER) gives nothing, nor does its later delivery", () => {
    const outputs: string[] = [];
    const applied = applyOnly(booted(), txn(1), envWith(outputs));
    expect(applied.db.data).toEqual([makeZxid(1, 1)]);
    const delivered = deliverTxn(applied, txn(1), envWith(outputs), []);
    expect(delivered.db.deliveredZxid).toBe(makeZxid(1, 1));
    expect(outputs).toEqual([]);
  });

  test("a restart applies the whole log but hands over nothing; delivering it later applies nothing", () => {
    const log = [txn(1), txn(2)];
    const restarted = booted(log);
    expect(restarted.db.data).toEqual([makeZxid(1, 1), makeZxid(1, 2)]);
    const outputs: string[] = [];
    const delivered = deliverLoggedUpTo(restarted, makeZxid(1, 2), envWith(outputs), []);
    expect(delivered.db.deliveredZxid).toBe(makeZxid(1, 2));
    expect(delivered.db.data).toBe(restarted.db.data);
    expect(outputs).toEqual([]);
  });
});
