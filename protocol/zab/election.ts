// Fast Leader Election (reference §4.2, `FastLeaderElection.lookForLeader` and its `WorkerReceiver`): votes
// (leader, zxid, peerEpoch) ordered by peerEpoch, then zxid, then sid; a logicalclock per election round;
// `recvset` for this round and `outofelection` for peers that already decided, which is how a restarted server
// joins an ensemble that has a leader; finalizeWait once a quorum agrees; resends backing off from 200 ms to 60 s.
import { micros, type NodeId } from "../../sim/api/index.js";
import { hasBug } from "./bugs.js";
import { hasQuorum, isVoter, sidOf, type ZabConfig } from "./config.js";
import { reportedZxid } from "./durable.js";
import type { Notification, ServerState, Vote } from "./messages.js";
import type { ElectionState, Env, Out, PeerState, VoteEntry } from "./state.js";

export const FLE_RESEND_TIMER = "fle-resend";
export const FLE_FINALIZE_TIMER = "fle-finalize";

/** What a step of the election decided: the leader to follow (or lead), or nothing yet. */
export interface ElectionResult {
  readonly state: PeerState;
  readonly leader: NodeId | null;
}

/** Initial vote: myself with my last logged zxid and currentEpoch; an observer proposes nobody. */
export function initialVote(state: PeerState, config: ZabConfig): Vote {
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

function notify(state: PeerState, to: NodeId, vote: Vote, role: ServerState, out: Out): void {
  const msg: Notification = {
    type: "NOTIFICATION",
    vote,
    electionEpoch: state.logicalclock,
    state: role,
  };
  out.push({ kind: "send", to, msg });
}

/** `sendNotifications`: my current proposal to every voter; my own copy goes straight into recvset. */
function sendNotifications(state: PeerState, election: ElectionState, env: Env, out: Out) {
  for (const peer of env.config.servers) {
    if (peer !== state.self) notify(state, peer, election.vote, "LOOKING", out);
  }
}

function withOwnVote(state: PeerState, election: ElectionState, env: Env): ElectionState {
  if (!isVoter(env.config, state.self)) return election;
  const own: VoteEntry = { ...election.vote, electionEpoch: state.logicalclock, state: "LOOKING" };
  return { ...election, recvset: { ...election.recvset, [state.self]: own } };
}

/** A new election round: logicalclock++, vote for myself, tell every voter. */
export function startElection(state: PeerState, env: Env, out: Out): PeerState {
  const vote = initialVote(state, env.config);
  const base: PeerState = {
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
export function onNotification(
  state: PeerState,
  from: NodeId,
  n: Notification,
  env: Env,
  out: Out,
): ElectionResult {
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

function onLookingVote(
  state: PeerState,
  election: ElectionState,
  from: NodeId,
  n: Notification,
  env: Env,
  out: Out,
): PeerState {
  const config = env.config;
  let clock = state.logicalclock;
  let next = election;
  let changed = false;
  if (n.electionEpoch > clock) {
    clock = n.electionEpoch;
    const init = initialVote(state, config);
    const vote = isBetterVote(config, n.vote, init) ? n.vote : init;
    next = { ...next, recvset: {}, vote };
    changed = true;
  } else if (n.electionEpoch < clock) {
    notify(state, from, election.vote, "LOOKING", out);
    return state;
  } else if (isBetterVote(config, n.vote, election.vote)) {
    next = { ...next, vote: n.vote };
    changed = true;
  }
  const entry: VoteEntry = { ...n.vote, electionEpoch: n.electionEpoch, state: "LOOKING" };
  next = { ...next, recvset: { ...next.recvset, [from]: entry } };
  const clocked: PeerState = { ...state, logicalclock: clock, currentVote: next.vote };
  if (changed) {
    next = withOwnVote(clocked, next, env);
    sendNotifications(clocked, next, env, out);
  }
  const mine: VoteEntry = { ...next.vote, electionEpoch: clock, state: "LOOKING" };
  const agreed = termPredicate(config, next.recvset, mine);
  if (agreed && (changed || !next.finalizing)) {
    out.push({ kind: "set-timer", timer: FLE_FINALIZE_TIMER, afterUs: config.finalizeWaitUs });
  } else if (!agreed && next.finalizing) {
    out.push({ kind: "cancel-timer", timer: FLE_FINALIZE_TIMER });
  }
  return { ...clocked, election: { ...next, finalizing: agreed } };
}

/** `checkLeader`: the proposed leader itself said it is LEADING, or I am it and the round matches. */
function checkLeader(
  state: PeerState,
  votes: { readonly [peer: string]: VoteEntry },
  leader: NodeId | null,
  electionEpoch: number,
): boolean {
  if (leader === null) return false;
  if (leader !== state.self) return votes[leader]?.state === "LEADING";
  return state.logicalclock === electionEpoch;
}

function onDecidedVote(
  state: PeerState,
  election: ElectionState,
  from: NodeId,
  n: Notification,
  env: Env,
): ElectionResult {
  const entry: VoteEntry = { ...n.vote, electionEpoch: n.electionEpoch, state: n.state };
  let next = election;
  if (n.electionEpoch === state.logicalclock) {
    next = { ...next, recvset: { ...next.recvset, [from]: entry } };
    if (
      termPredicate(env.config, next.recvset, entry) &&
      checkLeader(state, next.recvset, n.vote.leader, n.electionEpoch)
    ) {
      return decided({ ...state, election: next }, n.vote, n.electionEpoch);
    }
  }
  next = { ...next, outofelection: { ...next.outofelection, [from]: entry } };
  if (
    termPredicate(env.config, next.outofelection, entry) &&
    checkLeader(state, next.outofelection, n.vote.leader, n.electionEpoch)
  ) {
    return decided({ ...state, election: next }, n.vote, n.electionEpoch);
  }
  return { state: { ...state, election: next }, leader: null };
}

function decided(state: PeerState, vote: Vote, electionEpoch: number): ElectionResult {
  return {
    state: { ...state, logicalclock: electionEpoch, currentVote: vote, election: null },
    leader: vote.leader,
  };
}

/** finalizeWait passed with no better vote: the current proposal wins. */
export function onFinalizeTimer(state: PeerState): ElectionResult {
  const election = state.election;
  if (state.role !== "LOOKING" || election === null || !election.finalizing) {
    return { state, leader: null };
  }
  return decided(state, election.vote, state.logicalclock);
}

/** Nothing decided within the notification timeout: resend, and back off (doubling, capped). */
export function onResendTimer(state: PeerState, env: Env, out: Out): PeerState {
  const election = state.election;
  if (state.role !== "LOOKING" || election === null) return state;
  sendNotifications(state, election, env, out);
  const notTimeoutUs = Math.min(election.notTimeoutUs * 2, env.config.maxNotificationIntervalUs);
  out.push({ kind: "set-timer", timer: FLE_RESEND_TIMER, afterUs: micros(notTimeoutUs) });
  return { ...state, election: { ...election, notTimeoutUs } };
}
