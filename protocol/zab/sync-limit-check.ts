// The leader's per-learner proposal timer (`LearnerHandler.SyncLimitCheck`, ZooKeeper 3.9.5): started at the
// NEWLEADER ACK, it times one PROPOSAL at a time from when it was sent; when that one is ACKed it times the
// last one sent since (`next`), or none. At every PING (each half tick) a learner whose timed PROPOSAL is
// syncLimit·tickTime old or older is shut down ("Closing connection to peer due to transaction timeout").
import type { Handler, LeaderState, SyncLimitCheck } from "./state.js";
import type { Zxid } from "./zxid.js";

/** `syncLimitCheck.start()` after the NEWLEADER ACK. An observer is sent no PROPOSAL: nothing to time. */
export function startedCheck(handler: Handler, leader: LeaderState): SyncLimitCheck | null {
  if (!handler.voter || handler.syncCheck !== null) return handler.syncCheck;
  return { current: null, nextAfter: leader.lastProposed };
}

/**
 * `updateProposal(zxid, time)` for a PROPOSAL sent to this learner: timed if none is (`currentTime == 0`);
 * otherwise it is the new `next`, which `LeaderState.lastProposed` already says. Null when nothing changes.
 */
export function checkAfterProposal(
  check: SyncLimitCheck | null,
  zxid: Zxid,
  sentAtUs: number,
): SyncLimitCheck | null {
  if (check === null || check.current !== null) return null;
  return { current: { zxid, sentAtUs }, nextAfter: zxid };
}

/**
 * `updateAck(zxid)`: the ACK of the timed PROPOSAL moves the timer to `next` (the leader's last proposal, if
 * sent since) or stops it; an ACK of `next` itself only forgets `next` ("ACK for ... received before ACK
 * for ..."). Null when nothing changes.
 */
export function checkAfterAck(
  check: SyncLimitCheck | null,
  leader: Pick<LeaderState, "lastProposed" | "lastProposedAtUs">,
  zxid: Zxid,
): SyncLimitCheck | null {
  if (check === null) return null;
  const hasNext = leader.lastProposed > check.nextAfter;
  if (check.current !== null && check.current.zxid === zxid) {
    const current = hasNext
      ? { zxid: leader.lastProposed, sentAtUs: leader.lastProposedAtUs }
      : null;
    return { current, nextAfter: leader.lastProposed };
  }
  if (hasNext && zxid === leader.lastProposed) return { ...check, nextAfter: leader.lastProposed };
  return null;
}

/** `check(time)`: false once the timed PROPOSAL has waited syncLimit·tickTime (`msDelay < syncTimeout`). */
export function isWithinSyncLimit(
  check: SyncLimitCheck | null,
  nowUs: number,
  syncTimeoutUs: number,
): boolean {
  if (check === null || check.current === null) return true;
  return nowUs - check.current.sentAtUs < syncTimeoutUs;
}
