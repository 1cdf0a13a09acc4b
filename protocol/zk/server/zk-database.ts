// The ZooKeeper database as ZAB's state machine (ZKDatabase): the data tree plus `sessionsWithTimeouts`.
// Every replica applies committed txns through `apply`; the server takes the outputs of those applies
// (results, tree changes, the tree after each txn) out of `applied` after every ZAB step, to answer clients
// and fire watches in zxid order (FinalRequestProcessor).
import { assert, type Json, type NodeId } from "../../../sim/api/index.js";
import type { AppliedTxn, StateMachine } from "../../zab/index.js";
import {
  applyTxn,
  type DataTree,
  emptyTree,
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
   * Apply outputs not yet taken by the server. Filled by `apply`; the server empties it after every ZAB
   * step (`takeApplied`), so between steps it is empty. Snapshots never contain it.
   */
  readonly applied: readonly AppliedEntry[];
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
  return { tree, sessions, applied: [], digestSum: fullDigestSum({ nodes: tree.nodes, sessions }) };
}

/** The data tree inside ZAB's opaque state: the one place that knows the Json is a ZkDatabase. */
export function databaseOf(data: Json): ZkDatabase {
  return data as unknown as ZkDatabase;
}

function asJson(db: ZkDatabase): Json {
  return db as unknown as Json;
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

function applyDatabase(data: Json, txn: AppliedTxn): Json {
  const db = databaseOf(data);
  const record = txn.value as unknown as TxnRecord;
  assert(
    record.header.zxid === txn.zxid,
    () => `txn ${txn.zxid} carries header ${record.header.zxid}`,
  );
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
  return asJson({
    tree: applied.tree,
    sessions,
    applied: [...db.applied, entry],
    digestSum: sumAfter(db, applied.tree, applied.touched, sessions, record.header.sessionId),
  });
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

function snapshotDatabase(data: Json): Json {
  const db = databaseOf(data);
  const stored: StoredDatabase = {
    nodes: [...db.tree.nodes],
    lastZxid: db.tree.lastZxid,
    sessions: [...db.sessions],
  };
  return stored as unknown as Json;
}

function restoreDatabase(snapshot: Json): Json {
  const stored = snapshot as unknown as StoredDatabase;
  const nodes = new Map(stored.nodes);
  const sessions = new Map(stored.sessions);
  return asJson({
    tree: { nodes, lastZxid: stored.lastZxid },
    sessions,
    applied: [],
    digestSum: fullDigestSum({ nodes, sessions }),
  });
}

/** ZAB's state machine for ZooKeeper servers; txn values are `TxnRecord`s. */
export const zkDatabaseMachine: StateMachine = {
  name: "zookeeper",
  initial: asJson(emptyDatabase()),
  apply: applyDatabase,
  snapshot: snapshotDatabase,
  restore: restoreDatabase,
  digest: (data) => {
    const db = databaseOf(data);
    return digestOf(db.digestSum, db.tree.lastZxid);
  },
};

/** The database without its apply outputs, and those outputs, oldest first; null when there are none. */
export function takeApplied(data: Json): {
  readonly data: Json;
  readonly entries: readonly AppliedEntry[];
} | null {
  const db = databaseOf(data);
  if (db.applied.length === 0) return null;
  return {
    data: asJson({ tree: db.tree, sessions: db.sessions, applied: [], digestSum: db.digestSum }),
    entries: db.applied,
  };
}
