// A session's requests in xid order (CommitProcessor's per-session queue, reference §2 "Client FIFO"):
// replies leave strictly in that order; a read waits for the session's earlier writes and syncs; a write is
// answered once its txn is applied here. Everything below is about one connection's queue and its replies.
import type { NodeId } from "../../../sim/api/index.js";
import type { ZkVersion } from "../../zab/index.js";
import type { DataTree } from "../data-tree/index.js";
import type { WatchSet } from "../watches/index.js";
import type { ReplyPacket, WireMessage } from "../wire/index.js";
import { type Answer, answerRead } from "./reads.js";
import {
  type Connection,
  type Out,
  type PendingRequest,
  type WriteDone,
  withQueue,
} from "./state.js";

export function sendToClient(out: Out, client: NodeId, msg: WireMessage): void {
  out.push({ kind: "send", to: client, msg });
}

export function replyPacket(xid: number, answer: Answer): ReplyPacket {
  return {
    type: "ReplyPacket",
    xid,
    zxid: answer.zxid,
    err: answer.err,
    response: answer.response,
  };
}

export function markWriteDone(
  queue: readonly PendingRequest[],
  requestId: number,
  done: WriteDone,
): readonly PendingRequest[] {
  return queue.map((p) =>
    p.kind === "write" && p.requestId === requestId && p.done === null ? { ...p, done } : p,
  );
}

export function markSyncDone(
  queue: readonly PendingRequest[],
  requestId: number,
): readonly PendingRequest[] {
  return queue.map((p) =>
    p.kind === "sync" && p.requestId === requestId ? { ...p, done: true } : p,
  );
}

export function hasRequest(queue: readonly PendingRequest[], requestId: number): boolean {
  return queue.some((p) => p.kind !== "read" && p.requestId === requestId);
}

/**
 * Sends the replies at the head of the queue that are ready: done writes with their own zxid, reads
 * answered from `tree`, done syncs at the tree's zxid. Returns what is left and the watches reads armed
 * (registered as `version`'s server does, watch-modes.ts).
 */
export function flushQueue(
  connection: Connection,
  tree: DataTree,
  watches: WatchSet,
  version: ZkVersion,
  out: Out,
): { readonly connection: Connection; readonly watches: WatchSet } {
  let index = 0;
  let set = watches;
  for (; index < connection.queue.length; index++) {
    const head = connection.queue[index];
    if (head === undefined) break;
    if (head.kind === "write") {
      if (head.done === null) break;
      if (head.internal !== true)
        sendToClient(out, connection.client, replyPacket(head.xid, head.done));
    } else if (head.kind === "read") {
      const read = answerRead(tree, connection, head.op, set, version);
      set = read.watches;
      sendToClient(out, connection.client, replyPacket(head.xid, read.answer));
    } else {
      if (!head.done) break;
      const answer = {
        err: "OK",
        zxid: tree.lastZxid,
        response: { op: "sync", path: head.path },
      } as const;
      sendToClient(out, connection.client, replyPacket(head.xid, answer));
    }
  }
  if (index === 0) return { connection, watches };
  return { connection: withQueue(connection, connection.queue.slice(index)), watches: set };
}

/**
 * The writes and syncs to hand to the pipeline now: every unsent one not behind an unfinished sync. A
 * sync's answer comes from the leader outside the commit stream, so the session's later writes wait for it
 * (otherwise the sync's reply could show a zxid beyond a later write's own).
 */
export function releasable(connection: Connection): {
  readonly connection: Connection;
  readonly released: readonly PendingRequest[];
} {
  const released: PendingRequest[] = [];
  const queue: PendingRequest[] = [];
  let blocked = false;
  for (const p of connection.queue) {
    if (p.kind === "read" || blocked || p.sent) {
      if (p.kind === "sync" && !p.done) blocked = true;
      queue.push(p);
      continue;
    }
    const sent = { ...p, sent: true };
    released.push(sent);
    queue.push(sent);
    if (p.kind === "sync") blocked = true;
  }
  if (released.length === 0) return { connection, released };
  return { connection: withQueue(connection, queue), released };
}
