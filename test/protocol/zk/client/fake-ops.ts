// The fake server's request execution against the shared world: writes through the data tree's
// prepare/apply with the next zxid (no pending changes: each write is applied before the next is
// prepared), reads from the tree with watch arming, and setWatches catch-up (DataTree.setWatches).
import { addAuth } from "../../../../protocol/zk/acl/index.js";
import {
  applyTxn,
  exists,
  getAcl,
  getAllChildrenNumber,
  getChildren,
  getData,
  getEphemerals,
  prepareWrite,
  type SessionId,
  type WriteRequest,
  type ZkCode,
} from "../../../../protocol/zk/data-tree/index.js";
import { answerSessionCall } from "../../../../protocol/zk/server/session-calls.js";
import {
  armWatch,
  deliverEvent,
  eventsOf,
  type WatchEventType,
  type WatchKind,
  watchArmedBy,
} from "../../../../protocol/zk/watches/index.js";
import {
  type ClientReadOp,
  type OpResponse,
  outcomeOfTxnResult,
  type SetWatchesOp,
  type WireOp,
} from "../../../../protocol/zk/wire/index.js";
import { assertNever } from "../../../../sim/api/index.js";
import { dropWatches, type FakeWorld, queueEvent } from "./fake-world.js";

export type Answer = {
  readonly err: ZkCode;
  readonly zxid: number;
  readonly response: OpResponse | null;
};

/** Applies a write as the leader and every replica would, firing watches; answers as FinalRequestProcessor. */
export function applyWrite(
  world: FakeWorld,
  sessionId: SessionId,
  request: WriteRequest,
  nowUs: number,
): Answer {
  const session = world.sessions.get(sessionId);
  const zxid = world.tree.lastZxid + 1;
  const context = {
    sessionId,
    auth: session?.auth ?? [],
    zxid,
    timeMs: Math.floor(nowUs / 1_000),
    extendedTypesEnabled: true,
  };
  const prepared = prepareWrite(world.tree, [], request, context);
  const applied = applyTxn(world.tree, prepared.record);
  world.tree = applied.tree;
  for (const change of applied.changes) {
    for (const event of eventsOf(change)) {
      const delivery = deliverEvent(world.watches, event);
      world.watches = delivery.set;
      for (const owner of delivery.notified) {
        queueEvent(world, owner, {
          type: "WatcherEvent",
          xid: -1,
          zxid: event.zxid,
          eventType: event.type,
          state: "SyncConnected",
          path: event.path,
        });
      }
    }
  }
  if (request.op === "closeSession") {
    world.sessions.delete(sessionId);
    dropWatches(world, sessionId);
  }
  return { ...outcomeOfTxnResult(applied.result), zxid };
}

function arm(
  world: FakeWorld,
  sessionId: SessionId,
  path: string,
  kind: WatchKind | undefined,
): void {
  if (kind !== undefined) world.watches = armWatch(world.watches, { owner: sessionId, path, kind });
}

function watchOutcome(err: ZkCode): "ok" | "NONODE" | "NOAUTH" | undefined {
  if (err === "OK") return "ok";
  return err === "NONODE" || err === "NOAUTH" ? err : undefined;
}

/** A local read: the answer, and the watch it arms when asked to. */
export function read(world: FakeWorld, sessionId: SessionId, op: ClientReadOp): Answer {
  const answer = readAnswer(world, sessionId, op);
  if ("watch" in op && op.watch) {
    const outcome = watchOutcome(answer.err);
    if (outcome !== undefined) arm(world, sessionId, op.path, watchArmedBy(op.op, outcome));
  }
  return answer;
}

function readAnswer(world: FakeWorld, sessionId: SessionId, op: ClientReadOp): Answer {
  const tree = world.tree;
  const zxid = tree.lastZxid;
  const auth = world.sessions.get(sessionId)?.auth ?? [];
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
    case "getEphemerals":
      return {
        err: "OK",
        zxid,
        response: { op: op.op, paths: getEphemerals(tree, sessionId, op.prefix) },
      };
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

/**
 * DataTree.setWatches: data watch -> NodeDeleted if gone, NodeDataChanged if mzxid > relativeZxid; exist
 * watch -> NodeCreated if present; child watch -> NodeDeleted if gone, NodeChildrenChanged if pzxid >
 * relativeZxid; anything else re-arms. Persistent watches simply re-arm. Synthesized events carry zxid -1.
 */
export function setWatches(world: FakeWorld, sessionId: SessionId, op: SetWatchesOp): void {
  const rel = op.relativeZxid;
  const fire = (eventType: WatchEventType, path: string) =>
    queueEvent(world, sessionId, {
      type: "WatcherEvent",
      xid: -1,
      zxid: -1,
      eventType,
      state: "SyncConnected",
      path,
    });
  for (const path of op.dataWatches) {
    const node = world.tree.nodes.get(path);
    if (node === undefined) fire("NodeDeleted", path);
    else if (node.mzxid > rel) fire("NodeDataChanged", path);
    else arm(world, sessionId, path, "data");
  }
  for (const path of op.existWatches) {
    if (world.tree.nodes.has(path)) fire("NodeCreated", path);
    else arm(world, sessionId, path, "exist");
  }
  for (const path of op.childWatches) {
    const node = world.tree.nodes.get(path);
    if (node === undefined) fire("NodeDeleted", path);
    else if (node.pzxid > rel) fire("NodeChildrenChanged", path);
    else arm(world, sessionId, path, "child");
  }
  for (const path of op.persistentWatches) arm(world, sessionId, path, "persistent");
  for (const path of op.persistentRecursiveWatches)
    arm(world, sessionId, path, "persistentRecursive");
}

/** Executes any request packet's op for an attached session. */
export function execute(world: FakeWorld, sessionId: SessionId, op: WireOp, nowUs: number): Answer {
  const zxid = world.tree.lastZxid;
  switch (op.op) {
    case "create":
    case "delete":
    case "setData":
    case "setACL":
    case "multi":
    case "closeSession":
      return applyWrite(world, sessionId, op, nowUs);
    case "exists":
    case "getData":
    case "getChildren":
    case "getAllChildrenNumber":
    case "getEphemerals":
    case "getACL":
      return read(world, sessionId, op);
    case "sync":
      return { err: "OK", zxid, response: { op: "sync", path: op.path } };
    case "addWatch":
      arm(world, sessionId, op.path, op.mode);
      return { err: "OK", zxid, response: { op: "addWatch" } };
    case "checkWatches":
    case "removeWatches":
    case "whoAmI":
    case "multiRead": {
      const auth = world.sessions.get(sessionId)?.auth ?? [];
      const done = answerSessionCall(world.tree, { sessionId, auth }, op, world.watches);
      world.watches = done.watches;
      return done.answer;
    }
    case "ping":
      return { err: "OK", zxid, response: { op: "ping" } };
    case "setWatches":
      setWatches(world, sessionId, op);
      return { err: "OK", zxid, response: { op: "setWatches" } };
    case "auth":
      return authenticate(world, sessionId, op.scheme, op.credential, zxid);
    default:
      return assertNever(op, "wire op");
  }
}

function authenticate(
  world: FakeWorld,
  sessionId: SessionId,
  scheme: string,
  credential: string,
  zxid: number,
): Answer {
  const session = world.sessions.get(sessionId);
  if (session === undefined) return { err: "SESSIONEXPIRED", zxid, response: null };
  const result = addAuth(session.auth, scheme, credential, "127.0.0.1");
  if (!result.ok) return { err: result.code, zxid, response: null };
  session.auth = result.auth;
  return { err: "OK", zxid, response: { op: "auth" } };
}
