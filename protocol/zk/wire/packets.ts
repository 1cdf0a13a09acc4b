// The packets on a client connection (ClientCnxn / ServerCnxn): requests with an xid, replies with
// {xid, zxid, err}, and watcher events (xid -1). Message types are PascalCase so they never collide with
// the ZAB peers' upper-case packet names on the same server node.
//
// Ordering contract: one connection is FIFO; the server answers requests with xid > 0 in the order it
// received them, interleaving watcher events so that an event precedes every reply that reflects its
// change (reference §2). Ping, auth and setWatches answers carry their reserved xid and are not matched
// against the queue of outstanding requests.

import { assert, assertNever, type FingerprintSink } from "../../../sim/api/index.js";
import type { ZkCode, Zxid } from "../data-tree/index.js";
import type { WatchEventType } from "../watches/index.js";
import type { ConnectRequest, ConnectResponse } from "./connect.js";
import type { WireOp } from "./operations.js";
import type { OpResponse } from "./responses.js";
import { AUTH_XID, type NOTIFICATION_XID, PING_XID, SET_WATCHES_XID } from "./xids.js";

export type RequestPacket = {
  readonly type: "RequestPacket";
  readonly xid: number;
  readonly request: WireOp;
};

/**
 * `zxid` is the server's last processed zxid when it answered (a write's own zxid). `response` is null
 * when `err` is not OK, except for multi, whose per-op results always travel.
 */
export type ReplyPacket = {
  readonly type: "ReplyPacket";
  readonly xid: number;
  readonly zxid: Zxid;
  readonly err: ZkCode;
  readonly response: OpResponse | null;
};

/** KeeperState of a watcher event from the server: always SyncConnected (the connection is up). */
export type WatcherEvent = {
  readonly type: "WatcherEvent";
  readonly xid: typeof NOTIFICATION_XID;
  /** The zxid of the txn that caused the event; -1 for events synthesized by setWatches. */
  readonly zxid: Zxid;
  readonly eventType: WatchEventType;
  readonly state: "SyncConnected";
  readonly path: string;
};

export type WireMessage =
  | ConnectRequest
  | ConnectResponse
  | RequestPacket
  | ReplyPacket
  | WatcherEvent;

/** The xid a packet carrying `op` must have: a reserved one, or any positive one for application ops. */
export function reservedXidOf(op: WireOp["op"]): number | undefined {
  if (op === "ping") return PING_XID;
  if (op === "auth") return AUTH_XID;
  if (op === "setWatches") return SET_WATCHES_XID;
  return undefined;
}

/** Builds a request packet, asserting the xid fits the op (on send; servers assert it on receive). */
export function requestPacket(xid: number, request: WireOp): RequestPacket {
  assertXidFits(xid, request);
  return { type: "RequestPacket", xid, request };
}

export function assertXidFits(xid: number, request: WireOp): void {
  const reserved = reservedXidOf(request.op);
  assert(
    reserved === undefined ? Number.isSafeInteger(xid) && xid > 0 : xid === reserved,
    () => `${request.op} packet with xid ${xid}`,
  );
}

/** `ConnectRequest sid=0x0 lastZxid=5 timeOut=3000`, `RequestPacket xid=3 getData /a`, ... for traces. */
export function describeWireMessage(msg: WireMessage): string {
  switch (msg.type) {
    case "ConnectRequest":
      return `ConnectRequest sid=${msg.sessionId} lastZxid=${msg.lastZxidSeen} timeOut=${msg.timeOutMs}`;
    case "ConnectResponse":
      return `ConnectResponse sid=${msg.sessionId} timeOut=${msg.timeOutMs}`;
    case "RequestPacket":
      return `RequestPacket xid=${msg.xid} ${msg.request.op}${pathOf(msg.request)}`;
    case "ReplyPacket":
      return `ReplyPacket xid=${msg.xid} zxid=${msg.zxid} err=${msg.err}`;
    case "WatcherEvent":
      return `WatcherEvent ${msg.eventType} ${msg.path} zxid=${msg.zxid}`;
    default:
      return assertNever(msg, "wire message");
  }
}

function pathOf(op: WireOp): string {
  if ("path" in op) return ` ${op.path}`;
  if (op.op === "getEphemerals") return ` ${op.prefix}`;
  return "";
}

/**
 * What a receiver can read of a wire packet, for the trace hash (`NodeProtocol.fingerprintMessage`): the
 * envelope field by field (xids, zxids, session ids, timeouts, error codes), and the operation or response
 * (op, path, version, data, ACLs, Stat, ...) through the generic Json walk, which covers every field of every
 * op without a case per op.
 */
export function fingerprintWireMessage(msg: WireMessage, sink: FingerprintSink): void {
  switch (msg.type) {
    case "ConnectRequest":
      sink.number(msg.lastZxidSeen);
      sink.number(msg.timeOutMs);
      sink.number(msg.sessionId);
      sink.string(msg.passwd);
      sink.word(msg.readOnly ? 1 : 0);
      return;
    case "ConnectResponse":
      sink.number(msg.timeOutMs);
      sink.number(msg.sessionId);
      sink.string(msg.passwd);
      sink.word(msg.readOnly ? 1 : 0);
      return;
    case "RequestPacket":
      sink.number(msg.xid);
      sink.json(msg.request);
      return;
    case "ReplyPacket":
      sink.number(msg.xid);
      sink.number(msg.zxid);
      sink.string(msg.err);
      sink.json(msg.response);
      return;
    case "WatcherEvent":
      sink.number(msg.zxid);
      sink.string(msg.eventType);
      sink.string(msg.path);
      return;
    default:
      assertNever(msg, "wire message");
  }
}
