// The length a packet would have serialized by jute (the 4-byte length prefix of every packet on a client
// connection), for jute.maxbuffer: the server closes a connection whose request is longer
// (NIOServerCnxn.readLength), the client one whose reply or event is (ClientCnxnSocket.readLength).
// Records as in zookeeper.jute: int 4, long 8, boolean 1, ustring and buffer 4 + bytes (null: 4 alone),
// vector 4 + items, Stat 68, RequestHeader 8, ReplyHeader 16, MultiHeader 9.

import { assertNever } from "../../../sim/api/index.js";
import { type Acl, utf8Length } from "../acl/index.js";
import type { MultiOp } from "../data-tree/index.js";
import type { WireOp } from "./operations.js";
import type { ReplyPacket, RequestPacket, WatcherEvent } from "./packets.js";
import type { MultiReadResult, MultiResult, OpResponse } from "./responses.js";

/** jute.maxbuffer's default (BinaryInputArchive.maxBuffer, ZKClientConfig.CLIENT_MAX_PACKET_LENGTH_DEFAULT). */
export const JUTE_MAX_BUFFER = 0xfffff;

const INT = 4;
const LONG = 8;
const BOOL = 1;
const STAT = 68;
const REQUEST_HEADER = 8;
const REPLY_HEADER = 16;
const MULTI_HEADER = INT + BOOL + INT;

function text(value: string | null): number {
  return INT + (value === null ? 0 : utf8Length(value));
}

function strings(values: readonly string[]): number {
  return values.reduce((sum, value) => sum + text(value), INT);
}

function acls(list: readonly Acl[]): number {
  return list.reduce((sum, acl) => sum + INT + text(acl.scheme) + text(acl.id), INT);
}

/** CreateRequest / CreateTTLRequest, DeleteRequest, SetDataRequest, CheckVersionRequest. */
function multiOpLength(op: MultiOp): number {
  switch (op.op) {
    case "create":
      return (
        text(op.path) + text(op.data) + acls(op.acl) + INT + (op.ttlMs === undefined ? 0 : LONG)
      );
    case "delete":
    case "check":
      return text(op.path) + INT;
    case "setData":
      return text(op.path) + text(op.data) + INT;
    default:
      return assertNever(op, "multi op");
  }
}

function requestLength(op: WireOp): number {
  switch (op.op) {
    case "create":
    case "delete":
    case "setData":
      return multiOpLength(op);
    case "setACL":
      return text(op.path) + acls(op.acl) + INT;
    case "multi":
      return op.ops.reduce((sum, sub) => sum + MULTI_HEADER + multiOpLength(sub), MULTI_HEADER);
    case "exists":
    case "getData":
    case "getChildren":
      return text(op.path) + BOOL;
    case "getAllChildrenNumber":
    case "getACL":
    case "sync":
      return text(op.path);
    case "getEphemerals":
      return text(op.prefix);
    case "addWatch":
    case "checkWatches":
    case "removeWatches":
      return text(op.path) + INT;
    case "multiRead":
      return op.ops.reduce((sum, sub) => sum + MULTI_HEADER + text(sub.path) + BOOL, MULTI_HEADER);
    case "auth":
      return INT + text(op.scheme) + text(op.credential);
    case "setWatches":
      return setWatchesLength(op);
    case "closeSession":
    case "whoAmI":
    case "ping":
      return 0;
    default:
      return assertNever(op, "wire op");
  }
}

/** SetWatches has three path lists; SetWatches2 (sent when persistent watches exist) five. */
function setWatchesLength(op: Extract<WireOp, { op: "setWatches" }>): number {
  const persistent = op.persistentWatches.length + op.persistentRecursiveWatches.length > 0;
  const lists = [op.dataWatches, op.existWatches, op.childWatches];
  if (persistent) lists.push(op.persistentWatches, op.persistentRecursiveWatches);
  return lists.reduce((sum, list) => sum + strings(list), LONG);
}

export function requestPacketLength(packet: RequestPacket): number {
  return REQUEST_HEADER + requestLength(packet.request);
}

/** create answers as create2 (Create2Response: path and Stat). */
function multiResultLength(result: MultiResult): number {
  switch (result.op) {
    case "create":
      return text(result.path) + STAT;
    case "setData":
      return STAT;
    case "delete":
    case "check":
      return 0;
    case "error":
      return INT;
    default:
      return assertNever(result, "multi result");
  }
}

function multiReadResultLength(result: MultiReadResult): number {
  switch (result.op) {
    case "getData":
      return text(result.data) + STAT;
    case "getChildren":
      return strings(result.children);
    case "error":
      return INT;
    default:
      return assertNever(result, "multiRead result");
  }
}

function responseLength(response: OpResponse): number {
  switch (response.op) {
    case "create":
      return text(response.path) + STAT;
    case "setData":
    case "setACL":
    case "exists":
      return STAT;
    case "multi":
      return response.results.reduce(
        (sum, r) => sum + MULTI_HEADER + multiResultLength(r),
        MULTI_HEADER,
      );
    case "multiRead":
      return response.results.reduce(
        (sum, r) => sum + MULTI_HEADER + multiReadResultLength(r),
        MULTI_HEADER,
      );
    case "getData":
      return text(response.data) + STAT;
    case "getChildren":
      return strings(response.children) + STAT;
    case "getAllChildrenNumber":
      return INT;
    case "getEphemerals":
      return strings(response.paths);
    case "getACL":
      return acls(response.acl) + STAT;
    case "sync":
      return text(response.path);
    case "whoAmI":
      return response.clientInfo.reduce((sum, c) => sum + text(c.authScheme) + text(c.user), INT);
    case "delete":
    case "closeSession":
    case "addWatch":
    case "checkWatches":
    case "removeWatches":
    case "ping":
    case "auth":
    case "setWatches":
      return 0;
    default:
      return assertNever(response, "response");
  }
}

/** A failed reply carries its header only (a failed multi still carries its results). */
export function replyPacketLength(packet: ReplyPacket): number {
  return REPLY_HEADER + (packet.response === null ? 0 : responseLength(packet.response));
}

/** WatcherEvent {type, state, path} after a ReplyHeader. */
export function watcherEventLength(event: WatcherEvent): number {
  return REPLY_HEADER + INT + INT + text(event.path);
}
