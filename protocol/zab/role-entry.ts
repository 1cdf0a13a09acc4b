// Entering a role (`QuorumPeer.run`): the election's decision starts LEADING (discovery as the leader),
// FOLLOWING or OBSERVING (discovery as a learner); a decision this peer cannot act on sends it back to
// LOOKING (role-exit.ts).
import type { NodeId } from "../../sim/api/index.js";
import { isVoter } from "./config.js";
import { becomeLeader, becomeLearner } from "./discovery.js";
import { takeSnapshot } from "./durable.js";
import { FLE_FINALIZE_TIMER, FLE_RESEND_TIMER } from "./election.js";
import { goLooking } from "./role-exit.js";
import type { Env, Out, PeerState } from "./state.js";

/** The election decided: lead, follow or observe `leader`. */
export function decide<S, O>(
  state: PeerState<S>,
  leader: NodeId | null,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  out.push({ kind: "cancel-timer", timer: FLE_RESEND_TIMER });
  out.push({ kind: "cancel-timer", timer: FLE_FINALIZE_TIMER });
  const decided: PeerState<S> = { ...state, election: null, session: state.session + 1 };
  if (leader === null || (leader === state.self && !isVoter(env.config, state.self))) {
    return goLooking(decided, "no leader to follow", env, out);
  }
  if (leader === state.self) {
    // `Leader.lead` -> `ZooKeeperServer.loadData` -> `takeSnapshot()`: "Make a clean snapshot" of the whole
    // tree, uncommitted txns included, not fsynced; the first thing a leader does, before discovery.
    const db = takeSnapshot(decided.db, env.config.stateMachine, out);
    return becomeLeader({ ...decided, db }, env, out);
  }
  const backlogPeers = [...new Set(decided.backlog.map((b) => b.from))].sort();
  for (const peer of backlogPeers) out.push({ kind: "close", peer });
  const observer = !isVoter(env.config, state.self);
  return becomeLearner({ ...decided, backlog: [] }, leader, observer, env, out);
}
