// The messages peers exchange, with ZooKeeper's names and packet numbers (`Leader.java` constants). Mapping to
// the Zab paper (and SPEC/protocol-spec/Zab.tla), once:
//   FOLLOWERINFO(11) / OBSERVERINFO(16) = CEPOCH      LEADERINFO(17) = NEWEPOCH      ACKEPOCH(18) = ACK-E
//   DIFF(13) / TRUNC(14) / SNAP(15) + (PROPOSAL, COMMIT) pairs = the initial history sent in NEWLEADER
//   NEWLEADER(10) = NEWLEADER        ACK of NEWLEADER = ACK-LD        UPTODATE(12) ≈ COMMIT-LD
//   PROPOSAL(2) = PROPOSE            ACK(3) = ACK                     COMMIT(4) = COMMIT
//   INFORM(8) = COMMIT carrying the txn, for observers     REQUEST(1) = a client write forwarded to the leader
//   PING(5) = heartbeat              NOTIFICATION = FLE's vote (the paper's Phase 0 is left to an oracle)
import { assertNever, type Json, type NodeId } from "../../sim/api/index.js";
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
