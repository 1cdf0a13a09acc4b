// What a learner persists during synchronization, against ZooKeeper 3.9.5 (`Learner.syncWithLeader`,
// `Learner.shutdown`, `ZKDatabase.truncateLog`, `ZooKeeperServer.loadData`/`takeSnapshot`/`shutdown`). Each test
// quotes the rule it checks and asserts the order of the effects.
import { describe, expect, test } from "vitest";
import type { Txn } from "../../../protocol/zab/messages.js";
import { makeZxid } from "../../../protocol/zab/zxid.js";
import type { Json } from "../../../sim/api/index.js";
import {
  boot,
  config3,
  type Driven,
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
const cfg = config3();
const machine = cfg.stateMachine;

/** The register's snapshot after applying `txns` from the start. */
function snapshotOf(txns: readonly Txn[]): Json {
  let state = machine.initial;
  for (const t of txns) state = machine.apply(state, t).state;
  return machine.snapshot(state);
}

/** n1 (with `log` on disk) joins leader n3 of epoch 2 and reaches SYNCHRONIZATION. */
function syncing(log: Txn[] = [], files: Record<string, Json> = {}, bugs: string[] = []): Driven {
  const c = config3({ bugs: bugs as never });
  const d = boot(c, N1, disk({ acceptedEpoch: 1, currentEpoch: 1, ...files }, log));
  const vote = { leader: N3, zxid: z(1, 0), peerEpoch: 1 };
  const n = { type: "NOTIFICATION" as const, vote, electionEpoch: 3, state: "FOLLOWING" as const };
  let f = feed(c, feed(c, d, msg(N2, n)), msg(N3, { ...n, state: "LEADING" }));
  f = feed(c, f, msg(N3, { type: "LEADERINFO", epoch: 2 }));
  return feed(c, f, { kind: "fsync-done", token: lastFsyncToken(f) });
}

const history = [txn(1, 1), txn(1, 2), txn(1, 3), txn(1, 4)];

describe("SNAP (Learner.syncWithLeader, ZOOKEEPER-3642)", () => {
  test("'zk.getZKDatabase().deserializeSnapshot(leaderIs)': the snapshot goes to memory only; nothing is written, the old log stays", () => {
    const f = syncing([txn(1, 1)]);
    const snap = feed(cfg, f, msg(N3, { type: "SNAP", zxid: z(1, 4), data: snapshotOf(history) }));
    expect(kinds(snap)).toEqual(["observe sync"]);
    expect(snap.state.db.appliedZxid).toBe(z(1, 4));
    expect(snap.state.db.log.length).toBe(1);
    expect(snap.state.db.snapshots).toEqual([]);
  });

  test("'if (!writeToTxnLog) zk.processTxn': a COMMIT before NEWLEADER is applied in memory, not logged", () => {
    let f = syncing();
    f = feed(
      cfg,
      f,
      msg(N3, { type: "SNAP", zxid: z(1, 3), data: snapshotOf(history.slice(0, 3)) }),
    );
    f = feed(cfg, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 4) }));
    const commit = feed(cfg, f, msg(N3, { type: "COMMIT", zxid: z(1, 4) }));
    expect(kinds(commit)).toEqual([]);
    expect(commit.state.db.appliedZxid).toBe(z(1, 4));
    expect(commit.state.db.log.length).toBe(0);
  });

  test("'if (snapshotNeeded) zk.takeSnapshot(syncSnapshot)' with syncSnapshot for SNAP: snapshot, fsync, then currentEpoch, then ACK", () => {
    let f = syncing([txn(1, 1)]);
    f = feed(
      cfg,
      f,
      msg(N3, { type: "SNAP", zxid: z(1, 3), data: snapshotOf(history.slice(0, 3)) }),
    );
    f = feed(cfg, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 4) }));
    f = feed(cfg, f, msg(N3, { type: "COMMIT", zxid: z(1, 4) }));
    const newLeader = feed(cfg, f, msg(N3, { type: "NEWLEADER", zxid: z(2, 0) }));
    // The updatingEpoch marker first (ZOOKEEPER-1653's fix, epoch-files.ts), then the snapshot.
    expect(kinds(newLeader)).toEqual(["write-file", "write-file", "fsync"]);
    expect(newLeader.effects[0]).toMatchObject({ file: "updatingEpoch" });
    expect(newLeader.effects[1]).toEqual({
      kind: "write-file",
      file: `snapshot.${z(1, 4)}`,
      data: snapshotOf(history),
    });
    const synced = feed(cfg, newLeader, { kind: "fsync-done", token: lastFsyncToken(newLeader) });
    expect(synced.effects[0]).toEqual({ kind: "write-file", file: "currentEpoch.tmp", data: 2 });
    expect(kinds(synced)).toEqual(["write-file", "fsync"]);
    expect(sends(synced, "ACK")).toEqual([]);
    const acked = feed(cfg, synced, { kind: "fsync-done", token: lastFsyncToken(synced) });
    expect(acked.effects[0]).toEqual({ kind: "write-file", file: "currentEpoch", data: 2 });
    expect(sends(acked, "ACK").map((s) => s.msg)).toEqual([{ type: "ACK", zxid: z(2, 0) }]);
  });

  test("'If we haven't finished SNAP sync, force fully shutdown': leaving before NEWLEADER reloads the database from disk", () => {
    let f = syncing([txn(1, 1)]);
    f = feed(cfg, f, msg(N3, { type: "SNAP", zxid: z(1, 4), data: snapshotOf(history) }));
    const left = feed(cfg, f, { kind: "disconnected", peer: N3 });
    expect(left.state.role).toBe("LOOKING");
    expect(left.state.db.appliedZxid).toBe(z(1, 1));
    expect(left.state.db.data).toEqual(machine.restore(snapshotOf([txn(1, 1)])));
  });
});

describe("TRUNC (ZKDatabase.truncateLog, ZOOKEEPER-1549, ZOOKEEPER-5094)", () => {
  const dirty = { [`snapshot.${z(1, 4)}`]: snapshotOf(history) };

  test("'truncateLog: clear(); snapLog.truncateLog(zxid); loadDataBase()': the log is cut and the tree reloaded", () => {
    const f = syncing(history);
    const trunc = feed(cfg, f, msg(N3, { type: "TRUNC", zxid: z(1, 2) }));
    expect(kinds(trunc)).toEqual(["observe sync", "truncate", "observe truncate"]);
    expect(trunc.state.db.appliedZxid).toBe(z(1, 2));
    expect(trunc.state.db.data).toEqual(machine.restore(snapshotOf(history.slice(0, 2))));
  });

  test("by default a snapshot above the TRUNC point is deleted before the reload (zabsim's fix of ZOOKEEPER-1549)", () => {
    const f = syncing(history, dirty);
    const trunc = feed(cfg, f, msg(N3, { type: "TRUNC", zxid: z(1, 2) }));
    expect(kinds(trunc)).toEqual(["observe sync", "delete-file", "truncate", "observe truncate"]);
    expect(trunc.state.db.data).toEqual(machine.restore(snapshotOf(history.slice(0, 2))));
  });

  test("'takeSnapshot(syncSnapshot)' with syncSnapshot false for TRUNC: the snapshot is not fsynced before currentEpoch is written", () => {
    let f = syncing(history);
    f = feed(cfg, f, msg(N3, { type: "TRUNC", zxid: z(1, 2) }));
    const newLeader = feed(cfg, f, msg(N3, { type: "NEWLEADER", zxid: z(2, 0) }));
    expect(kinds(newLeader)).toEqual(["write-file", "write-file", "write-file", "fsync"]);
    expect(newLeader.effects[0]).toMatchObject({ file: "updatingEpoch" });
    expect(newLeader.effects[1]).toMatchObject({ file: `snapshot.${z(1, 2)}` });
    expect(newLeader.effects[2]).toEqual({ kind: "write-file", file: "currentEpoch.tmp", data: 2 });
    const acked = feed(cfg, newLeader, { kind: "fsync-done", token: lastFsyncToken(newLeader) });
    expect(sends(acked, "ACK").map((s) => s.msg)).toEqual([{ type: "ACK", zxid: z(2, 0) }]);
  });
});

describe("the TRUNC window hunted by trunc-power-loss (issue 18)", () => {
  test("a commit received between TRUNC and NEWLEADER is in no log write: only the snapshot holds it, and the one fsync before the ACK is currentEpoch's", () => {
    let f = syncing(history.slice(0, 2).concat([txn(1, 5)]));
    f = feed(cfg, f, msg(N3, { type: "TRUNC", zxid: z(1, 2) }));
    f = feed(cfg, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 3) }));
    f = feed(cfg, f, msg(N3, { type: "COMMIT", zxid: z(1, 3) }));
    const newLeader = feed(cfg, f, msg(N3, { type: "NEWLEADER", zxid: z(2, 0) }));
    expect(kinds(newLeader)).toEqual(["write-file", "write-file", "write-file", "fsync"]);
    expect(newLeader.effects[0]).toMatchObject({ file: "updatingEpoch" });
    expect(newLeader.effects[1]).toEqual({
      kind: "write-file",
      file: `snapshot.${z(1, 3)}`,
      data: snapshotOf(history.slice(0, 3)),
    });
    expect(newLeader.effects[2]).toMatchObject({ file: "currentEpoch.tmp" });
    expect(newLeader.state.db.log.length).toBe(2);
    const acked = feed(cfg, newLeader, { kind: "fsync-done", token: lastFsyncToken(newLeader) });
    expect(sends(acked, "ACK").map((s) => s.msg)).toEqual([{ type: "ACK", zxid: z(2, 0) }]);
  });
});

describe("TRUNC interrupted before NEWLEADER (Learner.shutdown, ZOOKEEPER-5094)", () => {
  /** TRUNC to (1,2), then (1,3) proposed and committed before NEWLEADER: applied in memory only. */
  function truncThenCommit(bugs: string[]): Driven {
    const c = config3({ bugs: bugs as never });
    let f = syncing(history.slice(0, 2).concat([txn(1, 5)]), {}, bugs);
    f = feed(c, f, msg(N3, { type: "TRUNC", zxid: z(1, 2) }));
    f = feed(c, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 3) }));
    f = feed(c, f, msg(N3, { type: "COMMIT", zxid: z(1, 3) }));
    expect(f.state.db.appliedZxid).toBe(z(1, 3));
    expect(f.state.db.log.length).toBe(2);
    return feed(c, f, { kind: "disconnected", peer: N3 });
  }

  test("by default a learner dropped mid-TRUNC reloads from disk, as PR #2459 proposes ('clear for TRUNC too')", () => {
    const left = truncThenCommit([]);
    expect(left.state.db.appliedZxid).toBe(z(1, 2));
    expect(left.state.db.data).toEqual(machine.restore(snapshotOf(history.slice(0, 2))));
  });

  test("ZOOKEEPER-5094 (planted, 3.9.5: 'zk.shutdown(self.getSyncMode().equals(SyncMode.SNAP))'): memory stays ahead of the log", () => {
    const left = truncThenCommit(["ZOOKEEPER-5094"]);
    expect(left.state.db.appliedZxid).toBe(z(1, 3));
    expect(left.state.db.log.length).toBe(2);
  });
});

describe("ZOOKEEPER-4785 (planted; 3.9.1's NEWLEADER)", () => {
  test("'self.setCurrentEpoch(newEpoch); ... fzk.logRequest(...); writePacket(ACK)': currentEpoch durable, the synced txns appended, ACK sent before their flush completes", () => {
    const bug = config3({ bugs: ["ZOOKEEPER-4785"] });
    let f = syncing([], {}, ["ZOOKEEPER-4785"]);
    f = feed(bug, f, msg(N3, { type: "DIFF", zxid: z(1, 2) }));
    f = feed(bug, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 1) }));
    f = feed(bug, f, msg(N3, { type: "COMMIT", zxid: z(1, 1) }));
    f = feed(bug, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 2) }));
    const newLeader = feed(bug, f, msg(N3, { type: "NEWLEADER", zxid: z(2, 0) }));
    expect(kinds(newLeader)).toEqual(["write-file", "write-file", "fsync"]);
    expect(newLeader.effects[0]).toMatchObject({ file: "updatingEpoch" });
    expect(newLeader.effects[1]).toEqual({ kind: "write-file", file: "currentEpoch.tmp", data: 2 });
    const durable = feed(bug, newLeader, {
      kind: "fsync-done",
      token: lastFsyncToken(newLeader),
    });
    // currentEpoch.tmp is durable: renamed over currentEpoch, the marker removed; then the txns.
    expect(kinds(durable)).toEqual([
      "write-file",
      "delete-file",
      "delete-file",
      "append",
      "observe accept",
      "append",
      "observe accept",
      "fsync",
      "observe current-epoch",
      "send ACK",
    ]);
    expect(durable.effects[0]).toEqual({ kind: "write-file", file: "currentEpoch", data: 2 });
    expect(durable.effects[7]).toEqual({ kind: "fsync" });
    expect(sends(durable, "ACK").map((s) => s.msg)).toEqual([{ type: "ACK", zxid: z(2, 0) }]);
  });

  test("fixed (995f140): only the committed txns are logged at NEWLEADER, and the ACK waits for their fsync and currentEpoch", () => {
    let f = syncing();
    f = feed(cfg, f, msg(N3, { type: "DIFF", zxid: z(1, 2) }));
    f = feed(cfg, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 1) }));
    f = feed(cfg, f, msg(N3, { type: "COMMIT", zxid: z(1, 1) }));
    f = feed(cfg, f, msg(N3, { type: "PROPOSAL", txn: txn(1, 2) }));
    const newLeader = feed(cfg, f, msg(N3, { type: "NEWLEADER", zxid: z(2, 0) }));
    expect(kinds(newLeader)).toEqual(["write-file", "append", "observe accept", "fsync"]);
    expect(newLeader.effects[0]).toMatchObject({ file: "updatingEpoch" });
    expect(sends(newLeader, "ACK")).toEqual([]);
  });
});

describe("leaving a role (ZooKeeperServer.shutdown, canShutdown)", () => {
  test("'if (canShutdown()) ... zkDb.fastForwardDataBase()': a follower serving in BROADCAST is fast-forwarded over its log", () => {
    let f = syncing();
    f = feed(cfg, f, msg(N3, { type: "DIFF", zxid: z(0, 0) }));
    f = feed(cfg, f, msg(N3, { type: "NEWLEADER", zxid: z(2, 0) }));
    f = feed(cfg, f, { kind: "fsync-done", token: lastFsyncToken(f) });
    f = feed(cfg, f, msg(N3, { type: "UPTODATE", zxid: z(2, 0) }));
    f = feed(cfg, f, msg(N3, { type: "PROPOSAL", txn: txn(2, 1) }));
    expect(f.state.db.appliedZxid).toBe(z(0, 0));
    const left = feed(cfg, f, { kind: "disconnected", peer: N3 });
    expect(left.state.db.appliedZxid).toBe(z(2, 1));
  });

  test("'Leader.lead -> zk.loadData() -> takeSnapshot()': a new leader first snapshots its whole tree, uncommitted txns included, without fsync", () => {
    const l = boot(cfg, N3, disk({ acceptedEpoch: 1, currentEpoch: 1 }, history));
    const n = {
      type: "NOTIFICATION" as const,
      vote: { leader: N3, zxid: z(1, 4), peerEpoch: 1 },
      electionEpoch: 1,
      state: "LOOKING" as const,
    };
    const led = feed(cfg, feed(cfg, l, msg(N1, n)), { kind: "timer", timer: "fle-finalize" });
    expect(led.state.role).toBe("LEADING");
    const write = led.effects.findIndex((e) => e.kind === "write-file");
    expect(led.effects[write]).toEqual({
      kind: "write-file",
      file: `snapshot.${z(1, 4)}`,
      data: snapshotOf(history),
    });
    expect(led.effects.slice(0, write).some((e) => e.kind === "fsync")).toBe(false);
    expect(kinds(led).indexOf("observe state")).toBeGreaterThan(write);
  });
});
