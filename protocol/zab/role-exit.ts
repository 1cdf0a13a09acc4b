// Leaving a role (`QuorumPeer.run` going back to LOOKING): any error, timeout or lost connection while
// LEADING, FOLLOWING or OBSERVING ends here. Leaving closes the role's connections (so nothing of the old
// session can arrive later), answers waiting clients as indeterminate, and fast-forwards the applied state
// over the whole log (`ZKDatabase.fastForwardDataBase`, the ZOOKEEPER-2845 fix). Entering a role is
// role-entry.ts; the phases import this file, never that one.
import type { NodeId } from "../../sim/api/index.js";
import { hasBug } from "./bugs.js";
import { abandonClientRequests } from "./delivery.js";
import { fastForward } from "./durable.js";
import { startElection } from "./election.js";
import { observeState } from "./observe.js";
import type { Env, Out, PeerState } from "./state.js";
import { LEADER_LIMIT_TIMER, LEADER_TICK_TIMER, LEARNER_TICK_TIMER } from "./timer-names.js";

/** Every peer this role holds a ZAB session with. */
function sessionPeers<S>(state: PeerState<S>): NodeId[] {
  const peers = new Set<NodeId>(state.backlog.map((b) => b.from));
  if (state.learner !== null) peers.add(state.learner.leader);
  if (state.leader !== null) {
    for (const peer of Object.keys(state.leader.learners)) peers.add(peer as NodeId);
  }
  return [...peers].sort();
}

/** Leaves the current role and starts a new election. */
export function goLooking<S, O>(
  state: PeerState<S>,
  reason: string,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  out.push({ kind: "log", text: `${state.role} -> LOOKING: ${reason}` });
  for (const peer of sessionPeers(state)) out.push({ kind: "close", peer });
  for (const timer of [LEADER_LIMIT_TIMER, LEADER_TICK_TIMER, LEARNER_TICK_TIMER]) {
    out.push({ kind: "cancel-timer", timer });
  }
  const abandoned = abandonClientRequests(state, out);
  const left: PeerState<S> = {
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
