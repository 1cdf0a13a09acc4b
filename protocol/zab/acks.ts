// The leader's ACK bookkeeping (`Leader.processAck`): per voter, the highest zxid of this epoch it has ACKed
// (see `LeaderState.ackedUpTo` for why that equals ZooKeeper's per-proposal ack sets). Arrays by voter index,
// so an ACK costs one small copy and a quorum check allocates nothing.
import type { NodeId } from "../../sim/api/index.js";
import { sidOf, type ZabConfig } from "./config.js";
import type { LeaderState } from "./state.js";
import type { Zxid } from "./zxid.js";

/** The new ackedUpTo after `voter` ACKed `zxid`, or the same array if that changes nothing. */
export function recordAck(
  config: ZabConfig,
  leader: LeaderState,
  voter: NodeId,
  zxid: Zxid,
): readonly Zxid[] {
  const index = sidOf(config, voter) - 1;
  const previous = leader.ackedUpTo[index];
  if (index < 0 || previous === undefined || previous >= zxid) return leader.ackedUpTo;
  const next = leader.ackedUpTo.slice();
  next[index] = zxid;
  return next;
}

export function hasAcked(config: ZabConfig, leader: LeaderState, voter: NodeId, zxid: Zxid) {
  return (leader.ackedUpTo[sidOf(config, voter) - 1] ?? 0) >= zxid;
}

/** How many voters have ACKed `zxid`. */
export function ackCount(leader: LeaderState, zxid: Zxid): number {
  let count = 0;
  for (const acked of leader.ackedUpTo) if (acked >= zxid) count++;
  return count;
}
