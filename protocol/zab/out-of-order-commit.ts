// The planted out-of-order-commit mutant (reference §6, PB-14): ZooKeeper's `Leader.tryToCommit` without its
// "zxid-1 still outstanding" test, so a proposal with a quorum of ACKs commits even behind an uncommitted one.
// As `tryToCommit`'s own comment says, without reconfiguration that cannot happen: every voter logs and ACKs
// in zxid order on one FIFO connection and `startForwarding` hands it every outstanding proposal, so a quorum
// for zxid z+1 is never complete before z's (here, `LeaderState.ackedUpTo` is that argument). The mutant is
// therefore equivalent in this model; planted-bugs tests pin that (same trace with and without it), so a
// change that makes ACK quorums non-monotone shows up there first.
import { deliverTxn } from "./delivery.js";
import { queueItems, queueOf } from "./shared-queue.js";
import type { Env, LeaderState, Out, Outstanding, PeerState } from "./state.js";
import { forwardingHandlers } from "./synchronization.js";

export type Committable = (
  leader: LeaderState,
  proposal: Outstanding,
  env: Env<unknown, unknown>,
) => boolean;

/** After the in-order commits: commit every later proposal that has its own quorum, ahead of the head. */
export function commitBehindHead<S, O>(
  state: PeerState<S>,
  env: Env<S, O>,
  out: Out,
  isCommittable: Committable,
): PeerState<S> {
  let next = state;
  for (;;) {
    const leader = next.leader;
    if (leader === null) return next;
    const waiting = queueItems(leader.outstanding);
    const ahead = waiting.slice(1).find((proposal) => isCommittable(leader, proposal, env));
    if (ahead === undefined) return next;
    for (const handler of forwardingHandlers(next)) {
      const msg = handler.voter
        ? ({ type: "COMMIT", zxid: ahead.txn.zxid } as const)
        : ({ type: "INFORM", txn: ahead.txn } as const);
      out.push({ kind: "send", to: handler.peer, msg });
    }
    const outstanding = queueOf(waiting.filter((proposal) => proposal !== ahead));
    next = { ...next, leader: { ...leader, outstanding } };
    next = deliverTxn(next, ahead.txn, env, out);
  }
}
