import { describe, expect, test } from "vitest";
import type { Txn } from "../../../protocol/zab/messages.js";
import type { Db } from "../../../protocol/zab/state.js";
import { planSync } from "../../../protocol/zab/synchronization.js";
import { txnLogOf } from "../../../protocol/zab/txn-log.js";
import { makeZxid, ZXID_ZERO } from "../../../protocol/zab/zxid.js";
import {
  boot,
  config3,
  disk,
  feed,
  kinds,
  lastFsyncToken,
  msg,
  N1,
  N2,
  N3,
  sends,
  txn,
} from "./unit.js";

const z = makeZxid;
const db = (log: Txn[]): Db<null> => ({
  log: txnLogOf(log),
  logBaseZxid: ZXID_ZERO,
  snapshots: [],
  data: null,
  appliedZxid: log.at(-1)?.zxid ?? ZXID_ZERO,
  deliveredZxid: log.at(-1)?.zxid ?? ZXID_ZERO,
  sinceSnapshot: 0,
  claimedZxid: ZXID_ZERO,
});
const cfg = config3();

/** n1 joins leader n3 through out-of-election votes. */
function follower(files: Record<string, number> = {}, log: Txn[] = []) {
  const d = boot(cfg, N1, disk(files, log));
  const vote = { leader: N3, zxid: z(1, 0), peerEpoch: 1 };
  const n = { type: "NOTIFICATION" as const, vote, electionEpoch: 3, state: "FOLLOWING" as const };
  const one = feed(cfg, d, msg(N2, n));
  return feed(cfg, one, msg(N3, { ...n, state: "LEADING" }));
}

describe("discovery (reference §4.3)", () => {
  test("a follower with a newer acceptedEpoch than LEADERINFO's epoch goes back to LOOKING", () => {
    const f = follower({ acceptedEpoch: 5, currentEpoch: 5 });
    expect(f.state.role).toBe("FOLLOWING");
    const next = feed(cfg, f, msg(N3, { type: "LEADERINFO", epoch: 3 }));
    expect(next.state.role).toBe("LOOKING");
  });

  test("'if newEpoch > acceptedEpoch: persist acceptedEpoch = newEpoch and send ACKEPOCH' — in that order", () => {
    const f = follower();
    const got = feed(cfg, f, msg(N3, { type: "LEADERINFO", epoch: 4 }));
    expect(kinds(got)).toEqual(["write-file", "fsync"]);
    // writeLongToFile: AtomicFileOutputStream writes `acceptedEpoch.tmp` and fsyncs it, then renames it.
    expect(got.effects[0]).toEqual({ kind: "write-file", file: "acceptedEpoch.tmp", data: 4 });
    const durable = feed(cfg, got, { kind: "fsync-done", token: lastFsyncToken(got) });
    expect(durable.effects.slice(0, 2)).toEqual([
      { kind: "write-file", file: "acceptedEpoch", data: 4 },
      { kind: "delete-file", file: "acceptedEpoch.tmp" },
    ]);
    expect(sends(durable, "ACKEPOCH").map((s) => s.msg)).toEqual([
      { type: "ACKEPOCH", currentEpoch: 0, lastZxid: 0 },
    ]);
  });

  test("'if equal: send ACKEPOCH with epoch -1'", () => {
    const f = follower({ acceptedEpoch: 4, currentEpoch: 3 });
    const got = feed(cfg, f, msg(N3, { type: "LEADERINFO", epoch: 4 }));
    expect(sends(got, "ACKEPOCH").map((s) => s.msg)).toEqual([
      { type: "ACKEPOCH", currentEpoch: -1, lastZxid: 0 },
    ]);
  });

  test("'epoch = max(own acceptedEpoch, every received acceptedEpoch) + 1', persisted before LEADERINFO", () => {
    let l = boot(cfg, N3, disk({ acceptedEpoch: 2, currentEpoch: 2 }));
    const n = {
      type: "NOTIFICATION" as const,
      vote: { leader: N3, zxid: z(0, 0), peerEpoch: 2 },
      electionEpoch: 1,
      state: "LOOKING" as const,
    };
    l = feed(cfg, feed(cfg, l, msg(N1, n)), { kind: "timer", timer: "fle-finalize" });
    expect(l.state.role).toBe("LEADING");
    const info = feed(
      cfg,
      l,
      msg(N1, { type: "FOLLOWERINFO", acceptedEpoch: 6, lastZxid: ZXID_ZERO }),
    );
    expect(info.effects).toContainEqual({
      kind: "write-file",
      file: "acceptedEpoch.tmp",
      data: 7,
    });
    expect(sends(info, "LEADERINFO")).toEqual([]);
    const durable = feed(cfg, info, { kind: "fsync-done", token: lastFsyncToken(info) });
    expect(sends(durable, "LEADERINFO").map((s) => s.msg)).toEqual([
      { type: "LEADERINFO", epoch: 7 },
    ]);
  });
});

describe("synchronization (reference §4.4)", () => {
  const log = [txn(1, 1), txn(1, 2), txn(1, 3), txn(2, 1), txn(2, 2)];
  const leaderDb = db(log);
  const committed = z(2, 2);

  test("'peer == leader's lastProcessedZxid -> empty DIFF'", () => {
    expect(planSync(leaderDb, committed, z(2, 2), 500)).toMatchObject({ mode: "DIFF", txns: [] });
  });
  test("'min ≤ peer ≤ max -> ... if peer's zxid is found -> DIFF then (PROPOSAL, COMMIT) pairs for every later txn'", () => {
    const plan = planSync(leaderDb, committed, z(1, 2), 500);
    expect(plan.mode).toBe("DIFF");
    expect(plan.txns.map((t) => t.zxid)).toEqual([z(1, 3), z(2, 1), z(2, 2)]);
  });
  test("'peer > maxCommittedLog -> TRUNC to maxCommittedLog'", () => {
    expect(planSync(leaderDb, committed, z(2, 5), 500)).toMatchObject({
      mode: "TRUNC",
      zxid: z(2, 2),
    });
  });
  test("'if the walk passes peer's zxid without finding it and the next zxid is in the same epoch -> TRUNC to the preceding leader zxid'", () => {
    const gap = db([txn(1, 1), txn(1, 3), txn(2, 1)]);
    const plan = planSync(gap, z(2, 1), z(1, 2), 500);
    expect(plan).toMatchObject({ mode: "TRUNC", zxid: z(1, 1) });
    expect(plan.txns.map((t) => t.zxid)).toEqual([z(1, 3), z(2, 1)]);
  });
  test("'if it would cross an epoch -> SNAP'", () => {
    expect(planSync(leaderDb, committed, z(1, 4), 500).mode).toBe("SNAP");
  });
  test("'peer < min ... else SNAP' (no on-disk txnlog sync)", () => {
    expect(planSync(leaderDb, committed, z(1, 1), 2)).toMatchObject({
      mode: "SNAP",
      zxid: committed,
    });
  });

  test("on NEWLEADER the follower makes synced txns durable, then persists currentEpoch, then ACKs", () => {
    let f = follower();
    f = feed(cfg, f, msg(N3, { type: "LEADERINFO", epoch: 2 }));
    f = feed(cfg, f, { kind: "fsync-done", token: lastFsyncToken(f) });
    f = feed(cfg, f, msg(N3, { type: "DIFF", zxid: z(1, 1) }));
    f = feed(cfg, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 1) }));
    f = feed(cfg, f, msg(N3, { type: "COMMIT", zxid: z(1, 1) }));
    const newLeader = feed(cfg, f, msg(N3, { type: "NEWLEADER", zxid: z(2, 0) }));
    // ZOOKEEPER-1653's fix: `updatingEpoch` is created before the history is written.
    expect(kinds(newLeader)).toEqual(["write-file", "append", "observe accept", "fsync"]);
    expect(newLeader.effects[0]).toEqual({ kind: "write-file", file: "updatingEpoch", data: null });
    const synced = feed(cfg, newLeader, { kind: "fsync-done", token: lastFsyncToken(newLeader) });
    expect(kinds(synced)).toEqual(["write-file", "fsync"]);
    expect(synced.effects[0]).toEqual({ kind: "write-file", file: "currentEpoch.tmp", data: 2 });
    const acked = feed(cfg, synced, { kind: "fsync-done", token: lastFsyncToken(synced) });
    // "self.setCurrentEpoch(newEpoch); if (!updating.delete()) ..." then the ACK.
    expect(acked.effects.slice(0, 3)).toEqual([
      { kind: "write-file", file: "currentEpoch", data: 2 },
      { kind: "delete-file", file: "currentEpoch.tmp" },
      { kind: "delete-file", file: "updatingEpoch" },
    ]);
    expect(sends(acked, "ACK").map((s) => s.msg)).toEqual([{ type: "ACK", zxid: z(2, 0) }]);
  });

  test("a COMMIT for a zxid that is not the next pending txn is commitInconsistent", () => {
    let f = follower();
    f = feed(cfg, f, msg(N3, { type: "LEADERINFO", epoch: 2 }));
    f = feed(cfg, f, { kind: "fsync-done", token: lastFsyncToken(f) });
    f = feed(cfg, f, msg(N3, { type: "DIFF", zxid: ZXID_ZERO }));
    f = feed(cfg, f, msg(N3, { type: "NEWLEADER", zxid: z(2, 0) }));
    f = feed(cfg, f, msg(N3, { type: "UPTODATE", zxid: z(2, 0) }));
    f = feed(cfg, f, msg(N3, { type: "PROPOSAL", txn: txn(2, 1) }));
    const bad = feed(cfg, f, msg(N3, { type: "COMMIT", zxid: z(2, 2) }));
    expect(bad.effects).toContainEqual(
      expect.objectContaining({
        kind: "observe",
        observation: expect.objectContaining({ kind: "violation", flag: "commitInconsistent" }),
      }),
    );
    expect(bad.state.role).toBe("LOOKING");
  });
});

describe("synchronization: delivery (reference §4.4, Zab COMMIT-LD)", () => {
  test("the history synced at NEWLEADER is delivered at UPTODATE (COMMIT-LD), not before: the leader may never be established", () => {
    let f = follower();
    f = feed(cfg, f, msg(N3, { type: "LEADERINFO", epoch: 2 }));
    f = feed(cfg, f, { kind: "fsync-done", token: lastFsyncToken(f) });
    f = feed(cfg, f, msg(N3, { type: "DIFF", zxid: z(1, 1) }));
    f = feed(cfg, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 1) }));
    f = feed(cfg, f, msg(N3, { type: "COMMIT", zxid: z(1, 1) }));
    f = feed(cfg, f, msg(N3, { type: "NEWLEADER", zxid: z(2, 0) }));
    f = feed(cfg, f, { kind: "fsync-done", token: lastFsyncToken(f) });
    f = feed(cfg, f, { kind: "fsync-done", token: lastFsyncToken(f) });
    expect(f.state.db.appliedZxid).toBe(z(1, 1));
    expect(f.state.db.deliveredZxid).toBe(ZXID_ZERO);
    const uptodate = feed(cfg, f, msg(N3, { type: "UPTODATE", zxid: z(2, 0) }));
    expect(kinds(uptodate)).toContain("observe deliver");
    expect(uptodate.state.db.deliveredZxid).toBe(z(1, 1));
  });
});
