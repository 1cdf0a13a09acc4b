// Reads answered from the local tree (FinalRequestProcessor): the answer at the tree's lastProcessedZxid,
// and the watch the read arms (reference §1.5: exists arms even on NONODE; getData/getChildren only on
// success). addWatch arms a persistent watch without looking at the tree.
import { assertNever } from "../../../sim/api/index.js";
import type { ZkVersion } from "../../zab/index.js";
import {
  type DataTree,
  exists,
  getAcl,
  getAllChildrenNumber,
  getChildren,
  getData,
  getEphemerals,
  type SessionId,
  type ZkCode,
} from "../data-tree/index.js";
import { registerWatch, type WatchSet, watchArmedBy } from "../watches/index.js";
import type { AddWatchOp, ClientReadOp, OpResponse, SessionCallOp } from "../wire/index.js";
import { answerSessionCall } from "./session-calls.js";
import type { Connection } from "./state.js";

export type Answer = {
  readonly err: ZkCode;
  readonly zxid: number;
  readonly response: OpResponse | null;
};

function readAnswer(tree: DataTree, connection: Connection, op: ClientReadOp): Answer {
  const zxid = tree.lastZxid;
  const auth = connection.auth;
  const fail = (code: ZkCode): Answer => ({ err: code, zxid, response: null });
  switch (op.op) {
    case "exists": {
      const r = exists(tree, op.path);
      return r.ok ? { err: "OK", zxid, response: { op: op.op, stat: r.stat } } : fail(r.code);
    }
    case "getData": {
      const r = getData(tree, op.path, auth);
      return r.ok
        ? { err: "OK", zxid, response: { op: op.op, data: r.data, stat: r.stat } }
        : fail(r.code);
    }
    case "getChildren": {
      const r = getChildren(tree, op.path, auth);
      return r.ok
        ? { err: "OK", zxid, response: { op: op.op, children: r.children, stat: r.stat } }
        : fail(r.code);
    }
    case "getAllChildrenNumber": {
      const r = getAllChildrenNumber(tree, op.path, auth);
      return r.ok ? { err: "OK", zxid, response: { op: op.op, count: r.count } } : fail(r.code);
    }
    case "getEphemerals": {
      const paths = getEphemerals(tree, connection.sessionId, op.prefix);
      return { err: "OK", zxid, response: { op: op.op, paths } };
    }
    case "getACL": {
      const r = getAcl(tree, op.path, auth);
      return r.ok
        ? { err: "OK", zxid, response: { op: op.op, acl: r.acl, stat: r.stat } }
        : fail(r.code);
    }
    default:
      return assertNever(op, "read op");
  }
}

function watchOutcome(err: ZkCode): "ok" | "NONODE" | "NOAUTH" | undefined {
  if (err === "OK") return "ok";
  return err === "NONODE" || err === "NOAUTH" ? err : undefined;
}

/** What a server answers from its own state in request order (the "read" entries of a session queue). */
export type LocalOp = ClientReadOp | AddWatchOp | SessionCallOp;

/** Answers a local op and returns the watch set with what it armed (or removed) for the session. */
export function answerRead(
  tree: DataTree,
  connection: Connection,
  op: LocalOp,
  watches: WatchSet,
  version: ZkVersion,
): { readonly answer: Answer; readonly watches: WatchSet } {
  const owner: SessionId = connection.sessionId;
  if (isSessionCall(op)) return answerSessionCall(tree, connection, op, watches);
  if (op.op === "addWatch") {
    const armed = registerWatch(version, watches, { owner, path: op.path, kind: op.mode });
    return {
      answer: { err: "OK", zxid: tree.lastZxid, response: { op: "addWatch" } },
      watches: armed,
    };
  }
  const answer = readAnswer(tree, connection, op);
  if (!("watch" in op) || !op.watch) return { answer, watches };
  const outcome = watchOutcome(answer.err);
  const kind = outcome === undefined ? undefined : watchArmedBy(op.op, outcome);
  if (kind === undefined) return { answer, watches };
  return { answer, watches: registerWatch(version, watches, { owner, path: op.path, kind }) };
}

function isSessionCall(op: LocalOp): op is SessionCallOp {
  return (
    op.op === "checkWatches" ||
    op.op === "removeWatches" ||
    op.op === "whoAmI" ||
    op.op === "multiRead"
  );
}
