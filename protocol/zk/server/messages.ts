// What a ZooKeeper server node exchanges: ZAB's packets with its peers, the client wire protocol with its
// clients, and the server-to-server packets of the request pipeline below. Names follow `Leader.java`
// where ZooKeeper has one; deviations from its exact packets:
//   FORWARD     = REQUEST(1): a learner hands a client write (or sync) to the leader, with the session's
//                 auth. Renamed because ZAB's own REQUEST carries the register machine's writes.
//   SYNC        = SYNC(7): the leader's answer to a forwarded sync, after the COMMITs it must follow.
//   REVALIDATE  = REVALIDATE(6), learner -> leader: a client re-attached a session here.
//   REVALIDATED = REVALIDATE(6), leader -> learner: whether the session is still alive (one packet type
//                 each way here).
//   SESSIONS    = the session table ZooKeeper piggy-backs on a learner's PING reply; sent on its own every
//                 half tick here, so ZAB's PING stays untouched.
import { assertNever, type FingerprintSink, type NodeId } from "../../../sim/api/index.js";
import {
  describeMessage as describeZabMessage,
  fingerprintMessage as fingerprintZabMessage,
  type ZabMessage,
} from "../../zab/index.js";
import type { AuthId } from "../acl/index.js";
import type { SessionId, WriteRequest, Zxid } from "../data-tree/index.js";
import { describeWireMessage, fingerprintWireMessage, type WireMessage } from "../wire/index.js";

/** What a learner forwards: a write to prepare, or a sync to answer in order with the commits. */
export type ForwardedOp = WriteRequest | { readonly op: "sync" };

export type PeerMessage =
  | {
      readonly type: "FORWARD";
      readonly sessionId: SessionId;
      readonly requestId: number;
      readonly request: ForwardedOp;
      readonly auth: readonly AuthId[];
    }
  | { readonly type: "SYNC"; readonly requestId: number; readonly zxid: Zxid }
  | {
      readonly type: "REVALIDATE";
      readonly sessionId: SessionId;
      readonly timeoutMs: number;
      readonly client: NodeId;
    }
  | {
      readonly type: "REVALIDATED";
      readonly sessionId: SessionId;
      readonly client: NodeId;
      readonly valid: boolean;
    }
  | {
      readonly type: "SESSIONS";
      /** (sessionId, timeoutMs) of every session touched here since the last SESSIONS. */
      readonly touches: readonly (readonly [SessionId, number])[];
    };

export type ServerMessage = ZabMessage | WireMessage | PeerMessage;

// Asked of every message and every send, so a switch over the types (compares of interned strings) rather
// than a Set lookup.

export function isWireMessage(msg: ServerMessage): msg is WireMessage {
  switch (msg.type) {
    case "ConnectRequest":
    case "ConnectResponse":
    case "RequestPacket":
    case "ReplyPacket":
    case "WatcherEvent":
      return true;
    default:
      return false;
  }
}

export function isPeerMessage(msg: ServerMessage): msg is PeerMessage {
  switch (msg.type) {
    case "FORWARD":
    case "SYNC":
    case "REVALIDATE":
    case "REVALIDATED":
    case "SESSIONS":
      return true;
    default:
      return false;
  }
}

function describePeerMessage(msg: PeerMessage): string {
  switch (msg.type) {
    case "FORWARD":
      return `FORWARD sid=${msg.sessionId} id=${msg.requestId} ${msg.request.op}`;
    case "SYNC":
      return `SYNC id=${msg.requestId} zxid=${msg.zxid}`;
    case "REVALIDATE":
      return `REVALIDATE sid=${msg.sessionId} timeOut=${msg.timeoutMs} client=${msg.client}`;
    case "REVALIDATED":
      return `REVALIDATED sid=${msg.sessionId} valid=${msg.valid}`;
    case "SESSIONS":
      return `SESSIONS ${msg.touches.length}`;
    default:
      return assertNever(msg, "peer message");
  }
}

export function describeServerMessage(msg: ServerMessage): string {
  if (isWireMessage(msg)) return describeWireMessage(msg);
  if (isPeerMessage(msg)) return describePeerMessage(msg);
  return describeZabMessage(msg);
}

/**
 * The trace hash's view of a server's message (`NodeProtocol.fingerprintMessage`): ZAB packets through ZAB's
 * fingerprint (a PROPOSAL's txn value is this server's txn: op, path, version, data, session, through the Json
 * walk), wire packets through the wire's, and the pipeline's own packets field by field.
 */
export function fingerprintServerMessage(msg: ServerMessage, sink: FingerprintSink): void {
  if (isWireMessage(msg)) fingerprintWireMessage(msg, sink);
  else if (isPeerMessage(msg)) fingerprintPeerMessage(msg, sink);
  else fingerprintZabMessage(msg, sink);
}

function fingerprintPeerMessage(msg: PeerMessage, sink: FingerprintSink): void {
  switch (msg.type) {
    case "FORWARD":
      sink.number(msg.sessionId);
      sink.number(msg.requestId);
      sink.json(msg.request);
      sink.json(msg.auth);
      return;
    case "SYNC":
      sink.number(msg.requestId);
      sink.number(msg.zxid);
      return;
    case "REVALIDATE":
      sink.number(msg.sessionId);
      sink.number(msg.timeoutMs);
      sink.string(msg.client);
      return;
    case "REVALIDATED":
      sink.number(msg.sessionId);
      sink.string(msg.client);
      sink.word(msg.valid ? 1 : 0);
      return;
    case "SESSIONS":
      sink.word(msg.touches.length);
      for (const [sessionId, timeoutMs] of msg.touches) {
        sink.number(sessionId);
        sink.number(timeoutMs);
      }
      return;
    default:
      assertNever(msg, "peer message");
  }
}
