// The ZooKeeper database as ZAB's state machine (ZKDatabase): the data tree plus `sessionsWithTimeouts`.
// Every replica applies committed txns through `apply`; each apply's output (the result, the tree changes,
// the tree after the txn) goes back to the server with the delivery, so it answers clients and fires watches
// in zxid order (FinalRequestProcessor).
import { assert, type Json, type NodeId } from "../../../sim/api/index.js";
import type { Applied, AppliedTxn, StateMachine } from "../../zab/index.js";
import {
  applyTxn,
  type DataTree,
  emptyTree,
  restoredTree,
  type SessionId,
  type TreeChange,
  type TxnRecord,
  type TxnResult,
  type ZNode,
} from "../data-tree/index.js";
import { digestOf, fullDigestSum, withNodeChange, withSessionChange } from "./digest.js";

/** One applied txn as the server sees it. `tree` is the tree right after it (trees are immutable). */
export type AppliedEntry = {
  readonly record: TxnRecord;
  readonly result: TxnResult;
  readonly changes: readonly TreeChange[];
  readonly tree: DataTree;
  /** The server (and its request number) that asked for the txn; null for the leader's own. */
  readonly origin: NodeId | null;
  readonly requestId: number;
};

export type ZkDatabase = {
  readonly tree: DataTree;
  /** Live global sessions and their negotiated timeouts (ms), by id: what a new leader tracks. */
  readonly sessions: ReadonlyMap<SessionId, number>;
  /**
   * The digest's sum over the tree's znodes and the sessions (digest.ts), kept equal to a full recount as
   * txns apply. Not stored: a snapshot's restore counts it afresh.
   */
  readonly digestSum: number;
};

/** The snapshot form on disk and in SNAP: plain JSON. */
type StoredDatabase = {
  readonly nodes: readonly (readonly [string, ZNode])[];
  readonly lastZxid: number;
  readonly sessions: readonly (readonly [SessionId, number])[];
};

export function emptyDatabase(): ZkDatabase {
  const tree = emptyTree();
  const sessions = new Map<SessionId, number>();
  return { tree, sessions, digestSum: fullDigestSum({ nodes: tree.nodes, sessions }) };
}

function sessionsAfter(
  sessions: ReadonlyMap<SessionId, number>,
  record: TxnRecord,
): ReadonlyMap<SessionId, number> {
  const { txn, header } = record;
  if (txn.type === "createSession") {
    return new Map(sessions).set(header.sessionId, txn.timeoutMs);
  }
  if (txn.type === "closeSession" && sessions.has(header.sessionId)) {
    const next = new Map(sessions);
    next.delete(header.sessionId);
    return next;
  }
  return sessions;
}

/**
 * The ZooKeeper txn a ZAB txn (or its `deliver` observation) carries: the one place that reads ZAB's value as
 * a TxnRecord. ZAB orders opaque Json values; a server's are the TxnRecords its leader pipeline proposes
 * (leader-pipeline.ts) and nothing else reaches its log, so the header is checked against ZAB's zxid.
 */
export function txnRecordOf(zxid: number, value: Json): TxnRecord {
  const record = value as TxnRecord;
  assert(record.header.zxid === zxid, () => `txn ${zxid} carries header ${record.header.zxid}`);
  return record;
}

function applyDatabase(db: ZkDatabase, txn: AppliedTxn): Applied<ZkDatabase, AppliedEntry> {
  const record = txnRecordOf(txn.zxid, txn.value);
  const applied = applyTxn(db.tree, record);
  const entry: AppliedEntry = {
    record,
    result: applied.result,
    changes: applied.changes,
    tree: applied.tree,
    origin: txn.origin ?? null,
    requestId: txn.requestId ?? 0,
  };
  const sessions = sessionsAfter(db.sessions, record);
  const state: ZkDatabase = {
    tree: applied.tree,
    sessions,
    digestSum: sumAfter(db, applied.tree, applied.touched, sessions, record.header.sessionId),
  };
  return { state, outputs: [entry] };
}

/** The digest sum after an apply: only the touched paths and the txn's session can have changed. */
function sumAfter(
  db: ZkDatabase,
  tree: DataTree,
  touched: readonly string[],
  sessions: ReadonlyMap<SessionId, number>,
  session: SessionId,
): number {
  let sum = db.digestSum;
  const before = db.tree.nodes;
  for (let i = 0; i < touched.length; i++) {
    const path = touched[i] as string;
    // A path touched twice (a parent in a multi) is counted at its first touch only.
    if (touched.indexOf(path) !== i) continue;
    sum = withNodeChange(sum, path, before.get(path), tree.nodes.get(path));
  }
  if (sessions !== db.sessions)
    sum = withSessionChange(sum, session, db.sessions.get(session), sessions.get(session));
  return sum;
}

function snapshotDatabase(db: ZkDatabase): StoredDatabase {
  return {
    nodes: [...db.tree.nodes],
    lastZxid: db.tree.lastZxid,
    sessions: [...db.sessions],
  };
}

/**
 * A snapshot read back from disk or SNAP. Both hold Json; what they hold is what `snapshotDatabase` wrote
 * (the kernel's disk and the network carry it unchanged), so it is read as a StoredDatabase.
 */
function restoreDatabase(snapshot: Json): ZkDatabase {
  const stored = snapshot as StoredDatabase;
  const tree = restoredTree(new Map(stored.nodes), stored.lastZxid);
  const sessions = new Map(stored.sessions);
  return {
    tree,
    sessions,
    digestSum: fullDigestSum({ nodes: tree.nodes, sessions }),
  };
}

/** ZAB's state machine for ZooKeeper servers; txn values are `TxnRecord`s, outputs what each did. */
export const zkDatabaseMachine: StateMachine<ZkDatabase, AppliedEntry> = {
  name: "zookeeper",
  initial: emptyDatabase(),
  apply: applyDatabase,
  snapshot: snapshotDatabase,
  restore: restoreDatabase,
  digest: (db) => digestOf(db.digestSum, db.tree.lastZxid),
};
