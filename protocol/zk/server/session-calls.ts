// The calls a server answers from its own state in request order, beside the plain reads
// (FinalRequestProcessor): checkWatches and removeWatches against the watch tables, whoAmI from the
// connection's auth, and multiRead as independent reads of the local tree.
import { assertNever } from "../../../sim/api/index.js";
import type { AuthId } from "../acl/index.js";
import { type DataTree, getChildren, getData } from "../data-tree/index.js";
import { containsWatcher, removeWatcher, type WatchSet } from "../watches/index.js";
import type { ClientInfo, MultiReadResult, MultiReadSubOp, SessionCallOp } from "../wire/index.js";
import { authInfoOrder } from "./auth-info-order.js";
import type { Answer } from "./reads.js";
import type { Connection } from "./state.js";

/** What these calls need of a connection: whose watches, and which identities. */
type SessionOf = Pick<Connection, "sessionId" | "auth">;

/**
 * FinalRequestProcessor: "boolean containsWatcher = zks.getZKDatabase().containsWatcher(path, type, cnxn);
 * if (!containsWatcher) { ... throw new KeeperException.NoWatcherException(msg); }", and for
 * removeWatches "boolean removed = zks.getZKDatabase().removeWatch(path, type, cnxn); if (!removed) ...
 * NoWatcherException". Neither looks at the tree: a path without a node is fine.
 */
export function answerSessionCall(
  tree: DataTree,
  connection: SessionOf,
  op: SessionCallOp,
  watches: WatchSet,
): { readonly answer: Answer; readonly watches: WatchSet } {
  const zxid = tree.lastZxid;
  switch (op.op) {
    case "checkWatches": {
      const found = containsWatcher(watches, op.path, op.watcherType);
      const answer: Answer = found
        ? { err: "OK", zxid, response: { op: op.op } }
        : { err: "NOWATCHER", zxid, response: null };
      return { answer, watches };
    }
    case "removeWatches": {
      const removal = removeWatcher(watches, connection.sessionId, op.path, op.watcherType);
      const answer: Answer = removal.removed
        ? { err: "OK", zxid, response: { op: op.op } }
        : { err: "NOWATCHER", zxid, response: null };
      return { answer, watches: removal.set };
    }
    case "whoAmI":
      return {
        answer: {
          err: "OK",
          zxid,
          response: { op: op.op, clientInfo: clientInfos(connection.auth) },
        },
        watches,
      };
    case "multiRead": {
      const results = op.ops.map((sub) => multiReadResult(tree, connection, sub));
      return { answer: { err: "OK", zxid, response: { op: op.op, results } }, watches };
    }
    default:
      return assertNever(op, "session call");
  }
}

/**
 * AuthUtil.getClientInfos: "new ClientInfo(id.getScheme(), user == null ? "" : user)" per identity, in
 * the order the server's authInfo set lists them; the digest provider's user name is the id up to ':',
 * the ip provider's is the id.
 */
export function clientInfos(auth: readonly AuthId[]): readonly ClientInfo[] {
  return authInfoOrder(auth).map((id) => ({
    authScheme: id.scheme,
    user: id.scheme === "digest" ? (id.id.split(":")[0] ?? "") : id.id,
  }));
}

/**
 * multiRead: "for (Op readOp : multiReadRecord) { try { ... } catch (KeeperException e) { subResult =
 * new ErrorResult(e.code().intValue()); }": each read checks its node and READ on its own; a failure
 * fails only that read. Op.getData/Op.getChildren never leave a watch, and GetChildrenResult has no Stat.
 */
function multiReadResult(
  tree: DataTree,
  connection: SessionOf,
  sub: MultiReadSubOp,
): MultiReadResult {
  if (sub.op === "getData") {
    const read = getData(tree, sub.path, connection.auth);
    return read.ok
      ? { op: "getData", data: read.data, stat: read.stat }
      : { op: "error", err: read.code };
  }
  const read = getChildren(tree, sub.path, connection.auth);
  return read.ok ? { op: "getChildren", children: read.children } : { op: "error", err: read.code };
}
