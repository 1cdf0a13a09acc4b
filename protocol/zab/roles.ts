// Role changes (`QuorumPeer.run`): the election's decision starts LEADING, FOLLOWING or OBSERVING; any error,
// timeout or lost connection in those roles goes back to LOOKING. Leaving a role closes its connections (so
// nothing of the old session can arrive later), answers waiting clients as indeterminate, and fast-forwards
// the applied state over the whole log (`ZKDatabase.fastForwardDataBase`, the ZOOKEEPER-2845 fix).
import type { NodeId } from "../../sim/api/index.js";
import { hasBug } from "./bugs.js";
import { isVoter } from "./config.js";
import { abandonClientRequests } from "./delivery.js";
import { becomeLeader, becomeLearner } from "./discovery.js";
import { fastForward } from "./durable.js";
import { FLE_FINALIZE_TIMER, FLE_RESEND_TIMER, startElection } from "./election.js";
import { observeState } from "./observe.js";
import type { Env, Out, PeerState } from "./state.js";
import { LEADER_LIMIT_TIMER, LEADER_TICK_TIMER, LEARNER_TICK_TIMER } from "./timer-names.js";

/** Every peer this role holds a ZAB session with. */
function sessionPeers(state: PeerState): NodeId[] {
  const peers = new Set<NodeId>(state.backlog.map((b) => b.from));
  if (state.learner !== null) peers.add(state.learner.leader);
  if (state.leader !== null) {
    for (const peer of Object.keys(state.leader.learners)) peers.add(peer as NodeId);
  }
  return [...peers].sort();
}

/** Leaves the current role and starts a new election. */
export function goLooking(state: PeerState, reason: string, env: Env, out: Out): PeerState {
  out.push({ kind: "log", text: `${state.role} -> LOOKING: ${reason}` });
  for (const peer of sessionPeers(state)) out.push({ kind: "close", peer });
  for (const timer of [LEADER_LIMIT_TIMER, LEADER_TICK_TIMER, LEARNER_TICK_TIMER]) {
    out.push({ kind: "cancel-timer", timer });
  }
  const abandoned = abandonClientRequests(state, out);
  const left: PeerState = {
    ...abandoned,
    session: state.session + 1,
    leader: null,
    learner: null,
    backlog: [],
    // ZOOKEEPER-2845 (planted): keep the applied-only tree instead of fast-forwarding it over the log.
    db: hasBug(env.config, "ZOOKEEPER-2845")
      ? state.db
      : fastForward(state.db, env.config.stateMachine),
  };
  const next = startElection(left, env, out);
  observeState(out, next.role, next.zabState);
  return next;
}

/** The election decided: lead, follow or observe `leader`. */
export function decide(state: PeerState, leader: NodeId | null, env: Env, out: Out): PeerState {
  out.push({ kind: "cancel-timer", timer: FLE_RESEND_TIMER });
  out.push({ kind: "cancel-timer", timer: FLE_FINALIZE_TIMER });
  const decided: PeerState = { ...state, election: null, session: state.session + 1 };
  if (leader === null || (leader === state.self && !isVoter(env.config, state.self))) {
    return goLooking(decided, "no leader to follow", env, out);
  }
  if (leader === state.self) return becomeLeader(decided, env, out);
  const backlogPeers = [...new Set(decided.backlog.map((b) => b.from))].sort();
  for (const peer of backlogPeers) out.push({ kind: "close", peer });
  const observer = !isVoter(env.config, state.self);
  return becomeLearner({ ...decided, backlog: [] }, leader, observer, env, out);
}
