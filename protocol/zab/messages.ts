// The messages peers exchange, with ZooKeeper's names and packet numbers (`Leader.java` constants). Mapping to
// the Zab paper (and SPEC/protocol-spec/Zab.tla), once:
//   FOLLOWERINFO(11) / OBSERVERINFO(16) = CEPOCH      LEADERINFO(17) = NEWEPOCH      ACKEPOCH(18) = ACK-E
//   DIFF(13) / TRUNC(14) / SNAP(15) + (PROPOSAL, COMMIT) pairs = the initial history sent in NEWLEADER
//   NEWLEADER(10) = NEWLEADER        ACK of NEWLEADER = ACK-LD        UPTODATE(12) ≈ COMMIT-LD
//   PROPOSAL(2) = PROPOSE            ACK(3) = ACK                     COMMIT(4) = COMMIT
//   INFORM(8) = COMMIT carrying the txn, for observers     REQUEST(1) = a client write forwarded to the leader
//   PING(5) = heartbeat              NOTIFICATION = FLE's vote (the paper's Phase 0 is left to an oracle)
import { assertNever, type FingerprintSink, type Json, type NodeId } from "../../sim/api/index.js";
import { formatZxid, type Zxid } from "./zxid.js";

export const SERVER_STATES = ["LOOKING", "FOLLOWING", "LEADING", "OBSERVING"] as const;
export type ServerState = (typeof SERVER_STATES)[number];

/** A logged transaction. `origin`/`requestId` name the client request to answer once it is delivered. */
export type Txn = {
  readonly zxid: Zxid;
  readonly value: Json;
  readonly origin: NodeId | null;
  readonly requestId: number;
};

/** FLE's vote: the proposed leader (null for an observer, which proposes nobody) and its credentials. */
export type Vote = {
  readonly leader: NodeId | null;
  /** The proposed leader's last logged zxid. */
  readonly zxid: Zxid;
  /** The proposed leader's currentEpoch. */
  readonly peerEpoch: number;
};

export type Notification = {
  readonly type: "NOTIFICATION";
  readonly vote: Vote;
  /** The sender's logicalclock. */
  readonly electionEpoch: number;
  readonly state: ServerState;
};

export type ZabMessage =
  | Notification
  | { readonly type: "FOLLOWERINFO"; readonly acceptedEpoch: number; readonly lastZxid: Zxid }
  | { readonly type: "OBSERVERINFO"; readonly acceptedEpoch: number; readonly lastZxid: Zxid }
  | { readonly type: "LEADERINFO"; readonly epoch: number }
  /** `currentEpoch` -1: the follower had already accepted this epoch; not an ack, but it may be synced. */
  | { readonly type: "ACKEPOCH"; readonly currentEpoch: number; readonly lastZxid: Zxid }
  | { readonly type: "DIFF"; readonly zxid: Zxid }
  | { readonly type: "TRUNC"; readonly zxid: Zxid }
  | { readonly type: "SNAP"; readonly zxid: Zxid; readonly data: Json }
  | { readonly type: "PROPOSAL"; readonly txn: Txn }
  | { readonly type: "ACK"; readonly zxid: Zxid }
  | { readonly type: "COMMIT"; readonly zxid: Zxid }
  | { readonly type: "INFORM"; readonly txn: Txn }
  | { readonly type: "NEWLEADER"; readonly zxid: Zxid }
  | { readonly type: "UPTODATE"; readonly zxid: Zxid }
  | { readonly type: "PING"; readonly zxid: Zxid }
  | { readonly type: "REQUEST"; readonly requestId: number; readonly value: Json };

export type ZabMessageType = ZabMessage["type"];

/**
 * One compact line per message for traces, in ZooKeeper's log style (zxids in hex):
 * `PROPOSAL zxid=0x100000001`, `NOTIFICATION leader=n1 zxid=0x0 epoch=1 round=1 LOOKING`.
 */
export function describeMessage(msg: ZabMessage): string {
  switch (msg.type) {
    case "NOTIFICATION": {
      const { leader, zxid, peerEpoch } = msg.vote;
      return `NOTIFICATION leader=${leader ?? "-"} zxid=${formatZxid(zxid)} epoch=${peerEpoch} round=${msg.electionEpoch} ${msg.state}`;
    }
    case "FOLLOWERINFO":
    case "OBSERVERINFO":
      return `${msg.type} acceptedEpoch=${msg.acceptedEpoch} lastZxid=${formatZxid(msg.lastZxid)}`;
    case "LEADERINFO":
      return `LEADERINFO epoch=${msg.epoch}`;
    case "ACKEPOCH":
      return `ACKEPOCH currentEpoch=${msg.currentEpoch} lastZxid=${formatZxid(msg.lastZxid)}`;
    case "PROPOSAL":
    case "INFORM":
      return `${msg.type} zxid=${formatZxid(msg.txn.zxid)}`;
    case "DIFF":
    case "TRUNC":
    case "SNAP":
    case "ACK":
    case "COMMIT":
    case "NEWLEADER":
    case "UPTODATE":
    case "PING":
      return `${msg.type} zxid=${formatZxid(msg.zxid)}`;
    case "REQUEST":
      return `REQUEST id=${msg.requestId}`;
    default:
      return assertNever(msg, "message");
  }
}

/**
 * What a receiver can read of a message, for the trace hash (`NodeProtocol.fingerprintMessage`): every field,
 * one sink call each, in a fixed order per type (the type itself is hashed by the kernel). A txn's value goes
 * through the generic Json walk: it is the state machine's, not ZAB's.
 */
export function fingerprintMessage(msg: ZabMessage, sink: FingerprintSink): void {
  switch (msg.type) {
    case "NOTIFICATION":
      fingerprintNodeId(msg.vote.leader, sink);
      sink.number(msg.vote.zxid);
      sink.number(msg.vote.peerEpoch);
      sink.number(msg.electionEpoch);
      sink.word(SERVER_STATES.indexOf(msg.state));
      return;
    case "FOLLOWERINFO":
    case "OBSERVERINFO":
      sink.number(msg.acceptedEpoch);
      sink.number(msg.lastZxid);
      return;
    case "LEADERINFO":
      sink.number(msg.epoch);
      return;
    case "ACKEPOCH":
      sink.number(msg.currentEpoch);
      sink.number(msg.lastZxid);
      return;
    case "PROPOSAL":
    case "INFORM":
      fingerprintTxn(msg.txn, sink);
      return;
    case "SNAP":
      sink.number(msg.zxid);
      sink.json(msg.data);
      return;
    case "DIFF":
    case "TRUNC":
    case "ACK":
    case "COMMIT":
    case "NEWLEADER":
    case "UPTODATE":
    case "PING":
      sink.number(msg.zxid);
      return;
    case "REQUEST":
      sink.number(msg.requestId);
      sink.json(msg.value);
      return;
    default:
      assertNever(msg, "message");
  }
}

/** A txn's fields for the trace hash: in PROPOSAL and INFORM, and as the txn log's record. */
export function fingerprintTxn(txn: Txn, sink: FingerprintSink): void {
  sink.number(txn.zxid);
  sink.json(txn.value);
  fingerprintNodeId(txn.origin, sink);
  sink.number(txn.requestId);
}

/** A node id or none: a presence word, then the name. */
function fingerprintNodeId(id: NodeId | null, sink: FingerprintSink): void {
  if (id === null) {
    sink.word(0);
    return;
  }
  sink.word(1);
  sink.string(id);
}
