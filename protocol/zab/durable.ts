// Durable state on the kernel's disk (reference §4.1, `FileTxnSnapLog`, `QuorumPeer.loadDataBase`): the txn log
// (one kernel log, a record per txn), snapshots (`snapshot.<zxid>` files), `acceptedEpoch` and `currentEpoch`
// files, and `logBase` (the zxid a SNAP reset the log to). On restart the newest intact snapshot is loaded and
// the whole log after it is applied, committed or not, as ZooKeeper does; then
// epoch(lastZxid) <= currentEpoch <= acceptedEpoch is checked. Writes are volatile until an fsync completes.
import type { DurableView, FingerprintSink, Json } from "../../sim/api/index.js";
import { hasBug } from "./bugs.js";
import type { ZabConfig } from "./config.js";
import { fingerprintTxn, type Txn } from "./messages.js";
import { observeAccept, observeTruncate, observeViolation } from "./observe.js";
import { draftDb, draftPeer } from "./records.js";
import type { Db, FsyncAction, Out, PeerState, Snapshot } from "./state.js";
import type { StateMachine } from "./state-machine.js";
import {
  appendToLog,
  emptyLog,
  indexAfter,
  lastTxn,
  logPrefix,
  logSlice,
  type TxnLog,
  txnLogOf,
} from "./txn-log.js";
import { asZxid, epochOf, ZXID_ZERO, type Zxid } from "./zxid.js";

export const TXN_LOG = "txnlog";
export const ACCEPTED_EPOCH_FILE = "acceptedEpoch";
export const CURRENT_EPOCH_FILE = "currentEpoch";
const LOG_BASE_FILE = "logBase";
const SNAPSHOT_PREFIX = "snapshot.";

export interface Recovered<S> {
  readonly db: Db<S>;
  readonly acceptedEpoch: number;
  readonly currentEpoch: number;
}

export function emptyDb<S>(machine: StateMachine<S, unknown>): Db<S> {
  return {
    log: emptyLog(),
    logBaseZxid: ZXID_ZERO,
    snapshots: [],
    data: machine.initial,
    appliedZxid: ZXID_ZERO,
    deliveredZxid: ZXID_ZERO,
    sinceSnapshot: 0,
    claimedZxid: ZXID_ZERO,
  };
}

/**
 * The newest zxid the disk holds (`FileTxnSnapLog.restore`'s highest zxid): the log's last txn, or the newest
 * snapshot when that is newer (a SNAP or TRUNC sync's NEWLEADER snapshot is not followed by the txns it holds).
 */
export function lastLoggedZxid<S>(db: Db<S>): Zxid {
  const last = lastTxn(db.log)?.zxid ?? ZXID_ZERO;
  const snap = db.snapshots[db.snapshots.length - 1]?.zxid ?? ZXID_ZERO;
  return Math.max(last, snap, db.logBaseZxid) as Zxid;
}

/**
 * The zxid a peer reports in election, discovery and sync (`QuorumPeer.getLastLoggedZxid`, which is the data
 * tree's lastProcessedZxid): the last logged zxid, because the tree is fast-forwarded over the whole log on
 * every restart and role change (the tree is ahead of the log only under the planted ZOOKEEPER-3911). Under
 * ZOOKEEPER-2845 the tree is not fast-forwarded: its applied zxid. Under ZOOKEEPER-2355 the tree may claim a
 * DIFF target it never reached.
 */
export function reportedZxid<S>(state: PeerState<S>, config: ZabConfig): Zxid {
  if (hasBug(config, "ZOOKEEPER-2845")) return state.db.appliedZxid;
  const reported = Math.max(lastLoggedZxid(state.db), state.db.appliedZxid) as Zxid;
  return hasBug(config, "ZOOKEEPER-2355")
    ? (Math.max(reported, state.db.claimedZxid) as Zxid)
    : reported;
}

function readNumberFile(disk: DurableView, name: string, out: Out): number | null {
  const file = disk.readFile(name);
  if (file === undefined) return null;
  if (file.damage !== null || typeof file.data !== "number") {
    out.push({ kind: "log", text: `${name} is damaged; ignoring it` });
    return null;
  }
  return file.data;
}

function readSnapshots<S>(
  disk: DurableView,
  machine: StateMachine<S, unknown>,
  out: Out,
): Snapshot<S>[] {
  const snapshots: Snapshot<S>[] = [];
  for (const name of disk.fileNames()) {
    if (!name.startsWith(SNAPSHOT_PREFIX)) continue;
    const file = disk.readFile(name);
    if (file === undefined || file.damage !== null) {
      out.push({ kind: "log", text: `snapshot ${name} is damaged; skipping it` });
      continue;
    }
    const zxid = asZxid(Number(name.slice(SNAPSHOT_PREFIX.length)));
    snapshots.push({ zxid, data: machine.restore(file.data) });
  }
  return snapshots.sort((a, b) => a.zxid - b.zxid);
}

function readLog(disk: DurableView, out: Out): TxnLog {
  const read = disk.readLog(TXN_LOG);
  // The kernel's disk holds Json; this log holds only what appendTxn wrote (Txn is plain Json data).
  const log = read.records as readonly Txn[];
  if (read.damage !== null) {
    // FileTxnIterator stops at a bad CRC or short read; cut the damaged tail so appends follow the good part.
    out.push({ kind: "log", text: `txn log ${read.damage.kind} at record ${read.damage.index}` });
    out.push({ kind: "truncate", log: TXN_LOG, length: log.length });
  }
  return txnLogOf(log);
}

/** Loads the database as a restart finds it (`QuorumPeer.loadDataBase`). */
export function recover<S>(
  disk: DurableView,
  machine: StateMachine<S, unknown>,
  out: Out,
): Recovered<S> {
  const snapshots = readSnapshots(disk, machine, out);
  const log = readLog(disk, out);
  const base = snapshots[snapshots.length - 1];
  const baseZxid = base === undefined ? ZXID_ZERO : base.zxid;
  const data = applyTxns(machine, base === undefined ? machine.initial : base.data, log, baseZxid);
  const logBase = asZxid(readNumberFile(disk, LOG_BASE_FILE, out) ?? 0);
  const partial: Db<S> = {
    log,
    logBaseZxid: logBase,
    snapshots,
    data,
    appliedZxid: ZXID_ZERO,
    deliveredZxid: baseZxid,
    sinceSnapshot: 0,
    claimedZxid: ZXID_ZERO,
  };
  const db: Db<S> = { ...partial, appliedZxid: lastLoggedZxid(partial) };
  const lastEpoch = epochOf(lastLoggedZxid(db));
  const acceptedEpoch = readNumberFile(disk, ACCEPTED_EPOCH_FILE, out) ?? lastEpoch;
  let currentEpoch = readNumberFile(disk, CURRENT_EPOCH_FILE, out) ?? lastEpoch;
  if (lastEpoch > currentEpoch && acceptedEpoch >= lastEpoch) {
    // Crashed after making synced txns durable and before persisting currentEpoch: the txns came from the
    // leader of `acceptedEpoch` in sync; recover as ZooKeeper does with currentEpoch.tmp (ZOOKEEPER-1653).
    out.push({ kind: "log", text: `currentEpoch ${currentEpoch} < epoch of last zxid; repaired` });
    currentEpoch = lastEpoch;
    out.push({ kind: "write-file", file: CURRENT_EPOCH_FILE, data: currentEpoch });
  }
  if (!(lastEpoch <= currentEpoch && currentEpoch <= acceptedEpoch)) {
    observeViolation(
      out,
      "epochInconsistent",
      `epoch(lastZxid)=${lastEpoch} currentEpoch=${currentEpoch} acceptedEpoch=${acceptedEpoch}`,
    );
  }
  return { db, acceptedEpoch, currentEpoch };
}

/**
 * Applies logged txns without delivering them (recovery, fast-forward, rollback). Their outputs are dropped:
 * nobody is waiting for them, and the host serves no clients while this runs.
 */
function applyTxns<S>(machine: StateMachine<S, unknown>, data: S, log: TxnLog, after: Zxid): S {
  let state = data;
  for (const txn of logSlice(log, indexAfter(log, after))) {
    state = machine.apply(state, txn).state;
  }
  return state;
}

/**
 * A record appended to the peer's logs, for the trace hash (`NodeProtocol.fingerprintRecord`): the txn log's
 * records are txns, fingerprinted field by field as PROPOSAL's are; any other log through the Json walk.
 */
export function fingerprintRecord(log: string, record: Json, sink: FingerprintSink): void {
  if (log === TXN_LOG) fingerprintTxn(record as Txn, sink);
  else sink.json(record);
}

/** Appends a txn to the log (volatile until the next fsync) and reports it as accepted into the history. */
export function appendTxn<S>(db: Db<S>, txn: Txn, out: Out): Db<S> {
  out.push({ kind: "append", log: TXN_LOG, record: txn });
  observeAccept(out, txn);
  const next = draftDb(db);
  next.log = appendToLog(db.log, txn);
  return next;
}

/** Applies logged txns beyond `appliedZxid` without delivering them (`ZKDatabase.fastForwardDataBase`). */
export function fastForward<S>(db: Db<S>, machine: StateMachine<S, unknown>): Db<S> {
  const last = lastLoggedZxid(db);
  if (last <= db.appliedZxid) return db;
  return { ...db, data: applyTxns(machine, db.data, db.log, db.appliedZxid), appliedZxid: last };
}

/**
 * TRUNC (`ZKDatabase.truncateLog`): clear the in-memory database, cut the txn log after `zxid`
 * (`FileTxnLog.truncate`), reload the newest snapshot and replay the log after it (`loadDataBase`); then
 * `syncWithLeader` sets lastProcessedZxid to `zxid`. ZooKeeper 3.9.5 keeps every snapshot, so one newer than
 * `zxid` (a leader's startup snapshot of uncommitted txns, role-entry.ts) is what its reload finds, and the
 * truncated txns stay in the tree: ZOOKEEPER-1549, open. zabsim deletes the snapshots above `zxid` first (a
 * documented choice, the fix the JIRA asks for). Returns null when the disk cannot be cut to `zxid`.
 */
export function truncateDb<S>(
  db: Db<S>,
  zxid: Zxid,
  machine: StateMachine<S, unknown>,
  out: Out,
): Db<S> | null {
  const keptCount = indexAfter(db.log, zxid);
  const kept = logPrefix(db.log, keptCount);
  const removed = logSlice(db.log, keptCount);
  const snapshots = db.snapshots.filter((s) => s.zxid <= zxid);
  if (snapshots.length === 0 && db.logBaseZxid > 0) return null;
  if (snapshots.length === 0 && db.logBaseZxid > zxid) return null;
  for (const gone of db.snapshots.filter((s) => !snapshots.includes(s))) {
    out.push({ kind: "delete-file", file: `${SNAPSHOT_PREFIX}${gone.zxid}` });
  }
  out.push({ kind: "truncate", log: TXN_LOG, length: keptCount });
  observeTruncate(out, zxid, removed);
  const reloaded = reloadFromDisk({ ...db, log: kept, snapshots }, machine);
  return {
    ...reloaded,
    appliedZxid: zxid,
    deliveredZxid: Math.min(db.deliveredZxid, zxid) as Zxid,
  };
}

/**
 * The in-memory database cleared and loaded again from what the disk holds (`ZKDatabase.clear`, then
 * `loadDataBase` on the next `getLastLoggedZxid`): the newest snapshot and the log after it. The disk is read
 * through the page cache, so writes not yet fsynced are seen, as `db`'s mirror of the disk holds them.
 */
export function reloadFromDisk<S>(db: Db<S>, machine: StateMachine<S, unknown>): Db<S> {
  const base = db.snapshots[db.snapshots.length - 1];
  const baseZxid = base === undefined ? ZXID_ZERO : base.zxid;
  const data = applyTxns(
    machine,
    base === undefined ? machine.initial : base.data,
    db.log,
    baseZxid,
  );
  const last = lastLoggedZxid(db);
  return {
    ...db,
    data,
    appliedZxid: last,
    deliveredZxid: Math.min(db.deliveredZxid, last) as Zxid,
    claimedZxid: ZXID_ZERO,
  };
}

/**
 * SNAP (`Learner.syncWithLeader`): the leader's snapshot replaces the in-memory database only
 * (`deserializeSnapshot`, `setlastProcessedZxid`); nothing is written until NEWLEADER takes the snapshot, and
 * the old txn log stays. Its txns lie below `zxid` (a learner is SNAPped only when the leader is ahead of it), so
 * replay after the new snapshot skips them; should one lie above (not reachable without a planted bug), it is
 * cut, as keeping it would break the log's zxid order.
 */
export function loadSnapshotInMemory<S>(db: Db<S>, zxid: Zxid, data: S, out: Out): Db<S> {
  const keptCount = indexAfter(db.log, zxid);
  let log = db.log;
  if (keptCount < db.log.length) {
    out.push({ kind: "truncate", log: TXN_LOG, length: keptCount });
    observeTruncate(out, zxid, logSlice(db.log, keptCount));
    log = logPrefix(db.log, keptCount);
  }
  return {
    ...db,
    log,
    data,
    appliedZxid: zxid,
    deliveredZxid: zxid,
    claimedZxid: ZXID_ZERO,
  };
}

/**
 * `ZooKeeperServer.takeSnapshot(syncSnap)`: the whole in-memory tree written as `snapshot.<lastProcessedZxid>`
 * (replacing a file of that name). Durable only with an fsync after it: the caller issues one when `syncSnap`.
 */
export function takeSnapshot<S>(db: Db<S>, machine: StateMachine<S, unknown>, out: Out): Db<S> {
  const zxid = db.appliedZxid;
  out.push({
    kind: "write-file",
    file: `${SNAPSHOT_PREFIX}${zxid}`,
    data: machine.snapshot(db.data),
  });
  const others = db.snapshots.filter((s) => s.zxid !== zxid);
  const snapshots = [...others, { zxid, data: db.data }].sort((a, b) => a.zxid - b.zxid);
  return { ...db, snapshots };
}

/** A periodic snapshot of the delivered state (SyncRequestProcessor every ~snapCount txns). */
export function maybeSnapshot<S>(
  db: Db<S>,
  snapCount: number,
  machine: StateMachine<S, unknown>,
  out: Out,
): Db<S> {
  if (db.sinceSnapshot < snapCount || db.appliedZxid !== db.deliveredZxid) return db;
  const zxid = db.deliveredZxid;
  out.push({
    kind: "write-file",
    file: `${SNAPSHOT_PREFIX}${zxid}`,
    data: machine.snapshot(db.data),
  });
  return { ...db, snapshots: [...db.snapshots, { zxid, data: db.data }], sinceSnapshot: 0 };
}

export function writeEpochFile(which: "accepted" | "current", epoch: number, out: Out): void {
  out.push({
    kind: "write-file",
    file: which === "accepted" ? ACCEPTED_EPOCH_FILE : CURRENT_EPOCH_FILE,
    data: epoch,
  });
}

/** Issues an fsync whose completion runs `action` (if the peer is still in the same session). */
export function fsyncThen<S>(state: PeerState<S>, action: FsyncAction, out: Out): PeerState<S> {
  const token = state.nextToken;
  out.push({ kind: "fsync", token });
  const next = draftPeer(state);
  next.nextToken = token + 1;
  next.fsyncWaits = [...state.fsyncWaits, { token, session: state.session, action }];
  return next;
}
