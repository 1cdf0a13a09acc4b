// Leaving a role (`QuorumPeer.run` going back to LOOKING): any error, timeout or lost connection while
// LEADING, FOLLOWING or OBSERVING ends here. Leaving closes the role's connections (so nothing of the old
// session can arrive later), answers waiting clients as indeterminate, and shuts the role's ZooKeeperServer
// down (`ZooKeeperServer.shutdown`): see `leftDb`. Entering a role is role-entry.ts; the phases import this
// file, never that one.
import type { NodeId } from "../../sim/api/index.js";
import { hasBug } from "./bugs.js";
import { abandonClientRequests } from "./delivery.js";
import { fastForward, reloadFromDisk } from "./durable.js";
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

/**
 * The database a role leaves behind (`Learner.shutdown` -> `zk.shutdown(fullyShutDown)`). A server that is
 * serving (BROADCAST: `canShutdown()`) is fast-forwarded over its whole log (`fastForwardDataBase`, the
 * ZOOKEEPER-2845 fix); one that never started (a leader not yet established, a learner before UPTODATE) is
 * left as it is. A learner leaving a SNAP sync before NEWLEADER (syncMode still SNAP) is shut down fully:
 * its database is cleared and reloaded from disk (the ZOOKEEPER-3642 fix, efbd660e1); zabsim does the same for
 * TRUNC (the ZOOKEEPER-5094 fix proposed in PR #2459; 3.9.5 does it for SNAP only: the planted ZOOKEEPER-5094).
 */
function leftDb<S, O>(state: PeerState<S>, env: Env<S, O>): PeerState<S>["db"] {
  const config = env.config;
  // ZOOKEEPER-2845 (planted): keep the applied-only tree instead of fast-forwarding it over the log.
  if (hasBug(config, "ZOOKEEPER-2845")) return state.db;
  if (state.zabState === "BROADCAST") return fastForward(state.db, config.stateMachine);
  const learner = state.learner;
  if (learner === null || learner.newLeaderSeen) return state.db;
  const partialSnap = learner.syncMode === "SNAP";
  const partialTrunc = learner.syncMode === "TRUNC" && !hasBug(config, "ZOOKEEPER-5094");
  return partialSnap || partialTrunc ? reloadFromDisk(state.db, config.stateMachine) : state.db;
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
    db: leftDb(state, env),
  };
  const next = startElection(left, env, out);
  observeState(out, next.role, next.zabState);
  return next;
}
