// The leader's prepare step (PrepRequestProcessor): a write request against the tree plus outstanding changes
// becomes a txn — or an error txn, which still consumes the zxid — and the change records to keep outstanding
// until the txn is applied.

import { assertNever } from "../../../sim/api/index.js";
import {
  javaHashSetAdd,
  javaHashSetClone,
  javaHashSetKeys,
  javaHashSetRemove,
} from "../java/index.js";
import { sessionEphemerals } from "./ephemerals.js";
import type { ZkErrorCode } from "./error-codes.js";
import type { ChangeRecord, PendingChanges } from "./pending.js";
import type { OpPrep, PrepareContext } from "./prepare-context.js";
import { prepareCreate } from "./prepare-create.js";
import {
  prepareCheck,
  prepareDelete,
  prepareDeleteContainer,
  prepareSetAcl,
  prepareSetData,
} from "./prepare-update.js";
import type { MultiOp, MultiRequest, WriteRequest } from "./request.js";
import type { DataTree } from "./tree.js";
import type { MultiSubTxn, TxnRecord } from "./txn.js";

export type Prepared = {
  readonly record: TxnRecord;
  /** Append these to the outstanding changes; empty for an error txn or a failed multi. */
  readonly changes: readonly ChangeRecord[];
};

export function prepareWrite(
  tree: DataTree,
  pending: PendingChanges,
  request: WriteRequest,
  context: PrepareContext,
): Prepared {
  const header = { sessionId: context.sessionId, zxid: context.zxid, timeMs: context.timeMs };
  const prep = prepareOp(tree, pending, request, context);
  if (!prep.ok) return { record: { header, txn: { type: "error", code: prep.code } }, changes: [] };
  return { record: { header, txn: prep.txn }, changes: prep.changes };
}

function prepareOp(
  tree: DataTree,
  pending: PendingChanges,
  request: WriteRequest,
  context: PrepareContext,
): OpPrep {
  switch (request.op) {
    case "multi":
      return prepareMulti(tree, pending, request, context);
    case "createSession":
      return {
        ok: true,
        txn: { type: "createSession", timeoutMs: request.timeoutMs },
        changes: [],
      };
    case "closeSession":
      return prepareCloseSession(tree, pending, context);
    case "deleteContainer":
      return prepareDeleteContainer(tree, pending, request, context);
    case "setACL":
      return prepareSetAcl(tree, pending, request, context);
    case "create":
    case "delete":
    case "setData":
      return prepareMultiOp(tree, pending, request, context);
    default:
      return assertNever(request, "write request");
  }
}

function prepareMultiOp(
  tree: DataTree,
  pending: PendingChanges,
  op: MultiOp,
  context: PrepareContext,
): OpPrep<MultiSubTxn> {
  switch (op.op) {
    case "create":
      return prepareCreate(tree, pending, op, context);
    case "delete":
      return prepareDelete(tree, pending, op, context);
    case "setData":
      return prepareSetData(tree, pending, op, context);
    case "check":
      return prepareCheck(tree, pending, op, context);
    default:
      return assertNever(op, "multi op");
  }
}

/**
 * All sub-ops share the multi's zxid, and each sees the changes of the earlier ones. At the first failure
 * the op gets an error sub-txn with its code, every later op RUNTIMEINCONSISTENCY, and the multi's change
 * records are rolled back; the whole multi still goes through ZAB. An empty multi succeeds.
 */
function prepareMulti(
  tree: DataTree,
  pending: PendingChanges,
  request: MultiRequest,
  context: PrepareContext,
): OpPrep {
  const txns: MultiSubTxn[] = [];
  let changes: ChangeRecord[] = [];
  let failure: ZkErrorCode | undefined;
  for (const op of request.ops) {
    if (failure !== undefined) {
      txns.push({ type: "error", code: "RUNTIMEINCONSISTENCY" });
      continue;
    }
    const prep = prepareMultiOp(tree, [...pending, ...changes], op, context);
    if (prep.ok) {
      txns.push(prep.txn);
      changes = [...changes, ...prep.changes];
    } else {
      failure = prep.code;
      txns.push({ type: "error", code: prep.code });
      changes = [];
    }
  }
  return { ok: true, txn: { type: "multi", txns }, changes };
}

/**
 * closeSession (PrepRequestProcessor.pRequest2Txn): "Set<String> es = zks.getZKDatabase()
 * .getEphemerals(request.sessionId)" — a clone of the session's HashSet — then for each outstanding
 * change "if (c.stat == null) es.remove(c.path); else if (c.stat.getEphemeralOwner() == request.sessionId)
 * es.add(c.path)", and "new CloseSessionTxn(new ArrayList<String>(es))": the txn lists the paths in the
 * clone's iteration order, which every replica deletes them in. Like ZooKeeper, the parents' pending
 * childCount is not reduced here.
 */
function prepareCloseSession(
  tree: DataTree,
  pending: PendingChanges,
  context: PrepareContext,
): OpPrep {
  const es = javaHashSetClone(sessionEphemerals(tree.nodes, context.sessionId));
  for (const change of pending) {
    if (change.node === null) javaHashSetRemove(es, change.path);
    else if (
      change.node.owner.kind === "session" &&
      change.node.owner.sessionId === context.sessionId
    ) {
      javaHashSetAdd(es, change.path);
    }
  }
  const paths = javaHashSetKeys(es);
  return {
    ok: true,
    txn: { type: "closeSession", paths },
    changes: paths.map((path) => ({ zxid: context.zxid, path, node: null })),
  };
}
