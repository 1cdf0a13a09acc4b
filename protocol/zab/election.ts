// Fast Leader Election (reference §4.2, `FastLeaderElection.lookForLeader` and its `WorkerReceiver`): votes
// (leader, zxid, peerEpoch) ordered by peerEpoch, then zxid, then sid; a logicalclock per election round;
// `recvset` for this round and `outofelection` for peers that already decided, which is how a restarted server
// joins an ensemble that has a leader; finalizeWait once a quorum agrees; resends backing off from 200 ms to 60 s.
import { micros, type NodeId } from "../../sim/api/index.js";
import { hasBug } from "./bugs.js";
import { hasQuorum, isVoter, sidOf, type ZabConfig } from "./config.js";
import { reportedZxid } from "./durable.js";
import type { Notification, ServerState, Vote } from "./messages.js";
import { type Draft, draftPeer } from "./records.js";
import type { ElectionState, Env, Out, PeerState, VoteEntry } from "./state.js";

export const FLE_RESEND_TIMER = "fle-resend";
export const FLE_FINALIZE_TIMER = "fle-finalize";

/** What a step of the election decided: the leader to follow (or lead), or nothing yet. */
export interface ElectionResult<S> {
  readonly state: PeerState<S>;
  readonly leader: NodeId | null;
}

/** Initial vote: myself with my last logged zxid and currentEpoch; an observer proposes nobody. */
export function initialVote<S>(state: PeerState<S>, config: ZabConfig): Vote {
  return {
    leader: isVoter(config, state.self) ? state.self : null,
    zxid: reportedZxid(state, config),
    peerEpoch: state.currentEpoch,
  };
}

/**
 * `totalOrderPredicate`: does `candidate` beat `current`? peerEpoch first, then zxid, then sid. The planted
 * fle-zxid-before-epoch mutant compares the zxid first.
 */
export function isBetterVote(config: ZabConfig, candidate: Vote, current: Vote): boolean {
  if (candidate.leader === null || !isVoter(config, candidate.leader)) return false;
  if (current.leader === null) return true;
  if (hasBug(config, "fle-zxid-before-epoch") && candidate.zxid !== current.zxid) {
    return candidate.zxid > current.zxid;
  }
  if (candidate.peerEpoch !== current.peerEpoch) return candidate.peerEpoch > current.peerEpoch;
  if (candidate.zxid !== current.zxid) return candidate.zxid > current.zxid;
  return sidOf(config, candidate.leader) > sidOf(config, current.leader);
}

/** `Vote.equals`: full equality while either side is LOOKING; else only (leader, peerEpoch). */
export function votesEqual(a: VoteEntry, b: VoteEntry): boolean {
  if (a.state === "LOOKING" || b.state === "LOOKING") {
    return (
      a.leader === b.leader &&
      a.zxid === b.zxid &&
      a.electionEpoch === b.electionEpoch &&
      a.peerEpoch === b.peerEpoch
    );
  }
  return a.leader === b.leader && a.peerEpoch === b.peerEpoch;
}

/** `termPredicate`: a quorum of voters in `votes` agrees with `vote`. */
export function termPredicate(
  config: ZabConfig,
  votes: { readonly [peer: string]: VoteEntry },
  vote: VoteEntry,
): boolean {
  const agreeing = Object.keys(votes)
    .sort()
    .filter((peer) => {
      const entry = votes[peer];
      return entry !== undefined && votesEqual(entry, vote);
    });
  return hasQuorum(config, agreeing as NodeId[]);
}

function notify<S>(state: PeerState<S>, to: NodeId, vote: Vote, role: ServerState, out: Out): void {
  const msg: Notification = {
    type: "NOTIFICATION",
    vote,
    electionEpoch: state.logicalclock,
    state: role,
  };
  out.push({ kind: "send", to, msg });
}

/** `sendNotifications`: my current proposal to every voter; my own copy goes straight into recvset. */
function sendNotifications<S, O>(
  state: PeerState<S>,
  election: ElectionState,
  env: Env<S, O>,
  out: Out,
) {
  for (const peer of env.config.servers) {
    if (peer !== state.self) notify(state, peer, election.vote, "LOOKING", out);
  }
}

// Votes arrive with every notification: the records below are built field by field, not spread (see
// records.ts for why).

function voteEntry(vote: Vote, electionEpoch: number, state: ServerState): VoteEntry {
  return {
    leader: vote.leader,
    zxid: vote.zxid,
    peerEpoch: vote.peerEpoch,
    electionEpoch,
    state,
  };
}

function draftElection(e: ElectionState): Draft<ElectionState> {
  return {
    vote: e.vote,
    recvset: e.recvset,
    outofelection: e.outofelection,
    notTimeoutUs: e.notTimeoutUs,
    finalizing: e.finalizing,
  };
}

/** The votes with `peer`'s set (added last if new), as `{ ...votes, [peer]: entry }` would be. */
function withVote(
  votes: { readonly [peer: string]: VoteEntry },
  peer: string,
  entry: VoteEntry,
): { readonly [peer: string]: VoteEntry } {
  const next: { [peer: string]: VoteEntry } = {};
  for (const key of Object.keys(votes)) next[key] = votes[key] as VoteEntry;
  next[peer] = entry;
  return next;
}

function withElection<S>(state: PeerState<S>, election: ElectionState | null): PeerState<S> {
  const next = draftPeer(state);
  next.election = election;
  return next;
}

function withOwnVote<S, O>(
  state: PeerState<S>,
  election: ElectionState,
  env: Env<S, O>,
): ElectionState {
  if (!isVoter(env.config, state.self)) return election;
  const own = voteEntry(election.vote, state.logicalclock, "LOOKING");
  const next = draftElection(election);
  next.recvset = withVote(election.recvset, state.self, own);
  return next;
}

/** A new election round: logicalclock++, vote for myself, tell every voter. */
export function startElection<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const vote = initialVote(state, env.config);
  const base: PeerState<S> = {
    ...state,
    role: "LOOKING",
    zabState: "ELECTION",
    logicalclock: state.logicalclock + 1,
    currentVote: vote,
  };
  const fresh: ElectionState = {
    vote,
    recvset: {},
    outofelection: {},
    notTimeoutUs: env.config.minNotificationIntervalUs,
    finalizing: false,
  };
  const election = withOwnVote(base, fresh, env);
  sendNotifications(base, election, env, out);
  out.push({ kind: "cancel-timer", timer: FLE_FINALIZE_TIMER });
  out.push({ kind: "set-timer", timer: FLE_RESEND_TIMER, afterUs: micros(fresh.notTimeoutUs) });
  return { ...base, election };
}

/** A notification arrived (the receiver thread and the lookForLeader loop, merged). */
export function onNotification<S, O>(
  state: PeerState<S>,
  from: NodeId,
  n: Notification,
  env: Env<S, O>,
  out: Out,
): ElectionResult<S> {
  const election = state.election;
  if (state.role !== "LOOKING" || election === null) {
    // A peer that left the election answers LOOKING peers with the leader it follows.
    if (n.state === "LOOKING") notify(state, from, state.currentVote, state.role, out);
    return { state, leader: null };
  }
  if (!isVoter(env.config, from)) {
    notify(state, from, election.vote, "LOOKING", out);
    return { state, leader: null };
  }
  if (n.state === "LOOKING") {
    if (!isVoter(env.config, state.self)) return { state, leader: null };
    return { state: onLookingVote(state, election, from, n, env, out), leader: null };
  }
  return onDecidedVote(state, election, from, n, env);
}

function onLookingVote<S, O>(
  state: PeerState<S>,
  election: ElectionState,
  from: NodeId,
  n: Notification,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const config = env.config;
  let clock = state.logicalclock;
  let changed = false;
  const voted = draftElection(election);
  if (n.electionEpoch > clock) {
    clock = n.electionEpoch;
    const init = initialVote(state, config);
    voted.vote = isBetterVote(config, n.vote, init) ? n.vote : init;
    voted.recvset = {};
    changed = true;
  } else if (n.electionEpoch < clock) {
    notify(state, from, election.vote, "LOOKING", out);
    return state;
  } else if (isBetterVote(config, n.vote, election.vote)) {
    voted.vote = n.vote;
    changed = true;
  }
  voted.recvset = withVote(voted.recvset, from, voteEntry(n.vote, n.electionEpoch, "LOOKING"));
  const clocked = draftPeer(state);
  clocked.logicalclock = clock;
  clocked.currentVote = voted.vote;
  let next: ElectionState = voted;
  if (changed) {
    next = withOwnVote(clocked, voted, env);
    sendNotifications(clocked, next, env, out);
  }
  const agreed = termPredicate(config, next.recvset, voteEntry(next.vote, clock, "LOOKING"));
  if (agreed && (changed || !next.finalizing)) {
    out.push({ kind: "set-timer", timer: FLE_FINALIZE_TIMER, afterUs: config.finalizeWaitUs });
  } else if (!agreed && next.finalizing) {
    out.push({ kind: "cancel-timer", timer: FLE_FINALIZE_TIMER });
  }
  const finalizing = draftElection(next);
  finalizing.finalizing = agreed;
  clocked.election = finalizing;
  return clocked;
}

/** `checkLeader`: the proposed leader itself said it is LEADING, or I am it and the round matches. */
function checkLeader<S>(
  state: PeerState<S>,
  votes: { readonly [peer: string]: VoteEntry },
  leader: NodeId | null,
  electionEpoch: number,
): boolean {
  if (leader === null) return false;
  if (leader !== state.self) return votes[leader]?.state === "LEADING";
  return state.logicalclock === electionEpoch;
}

function onDecidedVote<S, O>(
  state: PeerState<S>,
  election: ElectionState,
  from: NodeId,
  n: Notification,
  env: Env<S, O>,
): ElectionResult<S> {
  const entry = voteEntry(n.vote, n.electionEpoch, n.state);
  let next = election;
  if (n.electionEpoch === state.logicalclock) {
    const received = draftElection(next);
    received.recvset = withVote(next.recvset, from, entry);
    next = received;
    if (
      termPredicate(env.config, next.recvset, entry) &&
      checkLeader(state, next.recvset, n.vote.leader, n.electionEpoch)
    ) {
      return decided(withElection(state, next), n.vote, n.electionEpoch);
    }
  }
  const outside = draftElection(next);
  outside.outofelection = withVote(next.outofelection, from, entry);
  next = outside;
  if (
    termPredicate(env.config, next.outofelection, entry) &&
    checkLeader(state, next.outofelection, n.vote.leader, n.electionEpoch)
  ) {
    return decided(withElection(state, next), n.vote, n.electionEpoch);
  }
  return { state: withElection(state, next), leader: null };
}

function decided<S>(state: PeerState<S>, vote: Vote, electionEpoch: number): ElectionResult<S> {
  const next = draftPeer(state);
  next.logicalclock = electionEpoch;
  next.currentVote = vote;
  next.election = null;
  return { state: next, leader: vote.leader };
}

/** finalizeWait passed with no better vote: the current proposal wins. */
export function onFinalizeTimer<S>(state: PeerState<S>): ElectionResult<S> {
  const election = state.election;
  if (state.role !== "LOOKING" || election === null || !election.finalizing) {
    return { state, leader: null };
  }
  return decided(state, election.vote, state.logicalclock);
}

/** Nothing decided within the notification timeout: resend, and back off (doubling, capped). */
export function onResendTimer<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const election = state.election;
  if (state.role !== "LOOKING" || election === null) return state;
  sendNotifications(state, election, env, out);
  const notTimeoutUs = Math.min(election.notTimeoutUs * 2, env.config.maxNotificationIntervalUs);
  out.push({ kind: "set-timer", timer: FLE_RESEND_TIMER, afterUs: micros(notTimeoutUs) });
  const next = draftElection(election);
  next.notTimeoutUs = notTimeoutUs;
  return withElection(state, next);
}
