// A write that failed (the `disk-error` fault: `fsync-done` with `failed`; the disk lost every unsynced write).
// What ZooKeeper does with the IOException:
// - txn log: `SyncRequestProcessor.run` catches it and dies (`ZooKeeperCriticalThread.handleException` ->
//   `ZooKeeperServerListenerImpl.notifyStopping` -> server state ERROR); the follower's `while (isRunning())`
//   loop and the leader's half-tick `isRunning()` check then end the role and the peer goes LOOKING, without a
//   restart. At NEWLEADER, `getZKDatabase().commit()` throws out of `syncWithLeader`: LOOKING too.
// - epoch files: `writeLongToFile` throws out of `registerWithLeader`, `lead()` or `syncWithLeader`: LOOKING.
//   Since ZOOKEEPER-2307's fix (PR #1145) the in-memory epoch is set only after the file write succeeded.
// Leaving the role, `ZooKeeperServer.shutdown` fast-forwards the database; since ZOOKEEPER-4882's fix
// (8a868da8, PR #2268, on master, not in 3.9.5) `fastForwardDataBase` throws when the tree is ahead of the
// flushed log, the database is cleared, and the next `getLastLoggedZxid` reloads it from disk.
// Simplification: the peer leaves its role at once, not at its next packet or half tick.
import { assert } from "../../sim/api/index.js";
import { hasBug } from "./bugs.js";
import { lastLoggedZxid, loadDb } from "./durable.js";
import { durableEpochs } from "./epoch-files.js";
import { observeStart } from "./observe.js";
import { goLooking } from "./role-exit.js";
import type { Db, Env, FsyncAction, Out, PeerState } from "./state.js";

/** The database once the disk lost its unsynced writes: the log as its files now hold it (`FileTxnLog`). */
function followDisk<S, O>(db: Db<S>, env: Env<S, O>, out: Out): Db<S> {
  const disk = env.disk;
  assert(disk !== undefined, "a failed write needs the disk to re-read");
  const onDisk = loadDb(disk, env.config.stateMachine, out);
  // ZOOKEEPER-4882's fix: a tree ahead of the flushed log is cleared and reloaded from disk.
  if (!hasBug(env.config, "ZOOKEEPER-4882") && db.appliedZxid > lastLoggedZxid(onDisk)) {
    out.push({ kind: "log", text: "memory database is ahead of disk; reloading it" });
    return onDisk;
  }
  // Before it (planted ZOOKEEPER-4882): the tree keeps the txns committed in memory but never logged.
  return {
    ...db,
    log: onDisk.log,
    logBaseZxid: onDisk.logBaseZxid,
    snapshots: onDisk.snapshots,
  };
}

/** ZOOKEEPER-2307's fix: memory holds the epochs the files hold (the failed write never reached it). */
function withFileEpochs<S, O>(state: PeerState<S>, env: Env<S, O>): PeerState<S> {
  if (hasBug(env.config, "ZOOKEEPER-2307") || env.disk === undefined) return state;
  const files = durableEpochs(env.disk);
  return {
    ...state,
    acceptedEpoch: files.accepted ?? state.acceptedEpoch,
    currentEpoch: files.current ?? state.currentEpoch,
  };
}

/** The fsync behind `action` failed: re-read the disk, restore the epochs, leave the role. */
export function onWriteFailed<S, O>(
  state: PeerState<S>,
  action: FsyncAction,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const db = followDisk(state.db, env, out);
  const failed = withFileEpochs(
    { ...state, db, logSync: { inFlight: false, ackedCount: db.log.length } },
    env,
  );
  // For the checkers this is a restart of the database: the unsynced writes it had reported are gone.
  observeStart(out, {
    lastZxid: lastLoggedZxid(db),
    baseZxid: db.deliveredZxid,
    acceptedEpoch: failed.acceptedEpoch,
    currentEpoch: failed.currentEpoch,
  });
  const reason = `IOException: write failed (${action.kind})`;
  if (failed.role === "LOOKING") {
    out.push({ kind: "log", text: reason });
    return failed;
  }
  return goLooking(failed, reason, env, out);
}
