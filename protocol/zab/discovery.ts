// Discovery (reference §4.3; leader `Leader.lead`/`getEpochToPropose`/`waitForEpochAck`, `LearnerHandler.run`;
// learner `Learner.registerWithLeader`): FOLLOWERINFO/OBSERVERINFO carries the learner's acceptedEpoch; once a
// quorum of voters including the leader has sent it, the new epoch is max(acceptedEpoch of every learner
// heard) + 1 and is persisted before LEADERINFO goes out; a learner persists acceptedEpoch before ACKEPOCH; a
// quorum of ACKEPOCH makes the leader persist currentEpoch and move to SYNCHRONIZATION. A learner more recent
// than the leader is refused: its handler alone ends. Each of the leader's waits has its own initLimit.
import { micros, type NodeId } from "../../sim/api/index.js";
import { hasQuorum, isVoter } from "./config.js";
import { fsyncThen, reportedZxid, writeEpochFile } from "./durable.js";
import type { ZabMessage } from "./messages.js";
import { observeEpoch, observeState } from "./observe.js";
import { goLooking } from "./role-exit.js";
import { emptyQueue } from "./shared-queue.js";
import type { Env, Handler, LeaderState, Out, PeerState } from "./state.js";
import { maybeEstablish, syncLearner } from "./synchronization.js";
import { LEADER_LIMIT_TIMER, LEARNER_TICK_TIMER } from "./timer-names.js";
import { makeZxid, ZXID_ZERO } from "./zxid.js";

type LearnerInfo = Extract<ZabMessage, { type: "FOLLOWERINFO" | "OBSERVERINFO" }>;

function limitUs<S, O>(env: Env<S, O>, ticks: number) {
  return micros(env.config.tickTimeUs * ticks);
}

export function becomeLeader<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const leader: LeaderState = {
    epoch: null,
    epochDurable: false,
    connecting: { [state.self]: state.acceptedEpoch },
    epochAcks: [state.self],
    newLeaderAcks: [],
    learners: {},
    lastProposed: ZXID_ZERO,
    lastProposedAtUs: 0,
    outstanding: emptyQueue(),
    ackedUpTo: env.config.servers.map(() => ZXID_ZERO),
    halfTicks: 0,
    tick: 0,
  };
  let next: PeerState<S> = {
    ...state,
    role: "LEADING",
    zabState: "DISCOVERY",
    leader,
    backlog: [],
  };
  observeState(out, "LEADING", "DISCOVERY");
  // `getEpochToPropose`'s wait: initLimit for a quorum of FOLLOWERINFO.
  out.push({
    kind: "set-timer",
    timer: LEADER_LIMIT_TIMER,
    afterUs: limitUs(env, env.config.initLimit),
  });
  for (const { from, msg } of state.backlog) {
    if (msg.type === "FOLLOWERINFO" || msg.type === "OBSERVERINFO") {
      next = onLearnerInfo(next, from, msg, env, out);
    }
  }
  return maybeProposeEpoch(next, env, out);
}

/** A learner connected and registered (a new `LearnerHandler`). */
export function onLearnerInfo<S, O>(
  state: PeerState<S>,
  from: NodeId,
  msg: LearnerInfo,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  if (leader === null) return state;
  const voter = msg.type === "FOLLOWERINFO" && isVoter(env.config, from);
  const handler: Handler = {
    peer: from,
    voter,
    stage: "info",
    acceptedEpoch: msg.acceptedEpoch,
    lastZxid: msg.lastZxid,
    deadlineTick: leader.tick + env.config.initLimit + env.config.syncLimit,
    syncCheck: null,
  };
  // `getEpochToPropose` raises the epoch past every learner's acceptedEpoch, an observer's too; only
  // participants count towards the quorum (hasQuorum counts voters).
  const connecting =
    leader.epoch === null ? { ...leader.connecting, [from]: msg.acceptedEpoch } : leader.connecting;
  const next: PeerState<S> = {
    ...state,
    leader: { ...leader, connecting, learners: withHandler(leader.learners, from, handler) },
  };
  if (leader.epochDurable && leader.epoch !== null) {
    return sendLeaderInfo(next, from, leader.epoch, out);
  }
  return maybeProposeEpoch(next, env, out);
}

/**
 * `getEpochToPropose`: once a quorum of voters (me included) connected, epoch = max(acceptedEpoch) + 1 over
 * every learner connected so far. The wait ends here; `waitForEpochAck`'s starts once the epoch is durable.
 */
function maybeProposeEpoch<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const leader = state.leader;
  if (leader === null || leader.epoch !== null) return state;
  const learners = Object.keys(leader.connecting).sort() as NodeId[];
  if (!hasQuorum(env.config, learners)) return state;
  const epoch = Math.max(...learners.map((v) => leader.connecting[v] ?? 0)) + 1;
  out.push({ kind: "cancel-timer", timer: LEADER_LIMIT_TIMER });
  writeEpochFile("accepted", epoch, out);
  return fsyncThen(
    { ...state, acceptedEpoch: epoch, leader: { ...leader, epoch } },
    { kind: "leader-accepted-epoch", epoch },
    out,
  );
}

function sendLeaderInfo<S>(
  state: PeerState<S>,
  peer: NodeId,
  epoch: number,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  const handler = leader?.learners[peer];
  if (leader === null || handler === undefined || handler.stage !== "info") return state;
  out.push({ kind: "send", to: peer, msg: { type: "LEADERINFO", epoch } });
  const learners = { ...leader.learners, [peer]: { ...handler, stage: "leaderinfo" as const } };
  return { ...state, leader: { ...leader, learners } };
}

/**
 * The leader's new acceptedEpoch is durable: LEADERINFO to every registered learner, and the leader's own
 * `waitForEpochAck` starts its initLimit.
 */
export function onLeaderEpochDurable<S, O>(
  state: PeerState<S>,
  epoch: number,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  if (leader === null || leader.epoch !== epoch) return state;
  observeEpoch(out, "accepted", epoch);
  out.push({
    kind: "set-timer",
    timer: LEADER_LIMIT_TIMER,
    afterUs: limitUs(env, env.config.initLimit),
  });
  let next: PeerState<S> = { ...state, leader: { ...leader, epochDurable: true } };
  for (const peer of Object.keys(leader.learners).sort()) {
    next = sendLeaderInfo(next, peer as NodeId, epoch, out);
  }
  return next;
}

/** ACKEPOCH: the learner's currentEpoch (-1: no vote) and last zxid, from which it will be synced. */
export function onAckEpoch<S, O>(
  state: PeerState<S>,
  from: NodeId,
  msg: Extract<ZabMessage, { type: "ACKEPOCH" }>,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  const handler = leader?.learners[from];
  if (leader === null || handler === undefined || handler.stage !== "leaderinfo") return state;
  const acked: Handler = { ...handler, stage: "epoch-acked", lastZxid: msg.lastZxid };
  let next: PeerState<S> = {
    ...state,
    leader: { ...leader, learners: { ...leader.learners, [from]: acked } },
  };
  // `electionFinished`: once a quorum acked the epoch, later learners are synced without the check.
  if (state.zabState !== "DISCOVERY") return syncLearner(next, from, env, out);
  if (msg.currentEpoch === -1) return next;
  if (isMoreRecentThanLeader(state, msg, env)) return refuseLearner(next, from, out);
  if (!handler.voter) return next;
  const epochAcks = [...leader.epochAcks, from];
  next = { ...next, leader: { ...leader, learners: next.leader?.learners ?? {}, epochAcks } };
  if (!hasQuorum(env.config, epochAcks)) return next;
  return establishEpoch(next, env, out);
}

/** `StateSummary.isMoreRecentThan(leaderStateSummary)`: a newer currentEpoch, or the same and a longer history. */
function isMoreRecentThanLeader<S, O>(
  state: PeerState<S>,
  msg: Extract<ZabMessage, { type: "ACKEPOCH" }>,
  env: Env<S, O>,
): boolean {
  if (msg.currentEpoch !== state.currentEpoch) return msg.currentEpoch > state.currentEpoch;
  return msg.lastZxid > reportedZxid(state, env.config);
}

/**
 * `waitForEpochAck` throws "Follower is ahead of the leader" in that learner's `LearnerHandler` only: the
 * handler dies and closes its socket, and the leader keeps waiting for a quorum of the others (until
 * initLimit). A follower or an observer alike.
 */
function refuseLearner<S>(state: PeerState<S>, peer: NodeId, out: Out): PeerState<S> {
  const leader = state.leader;
  if (leader === null) return state;
  out.push({ kind: "log", text: `closing ${peer}: Follower is ahead of the leader` });
  out.push({ kind: "close", peer });
  const learners = { ...leader.learners };
  delete learners[peer];
  return { ...state, leader: { ...leader, learners } };
}

/** A quorum acknowledged the epoch: persist currentEpoch, go to SYNCHRONIZATION, sync the acked learners. */
function establishEpoch<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const leader = state.leader;
  if (leader === null || leader.epoch === null) return state;
  const epoch = leader.epoch;
  writeEpochFile("current", epoch, out);
  let next: PeerState<S> = {
    ...state,
    currentEpoch: epoch,
    zabState: "SYNCHRONIZATION",
    currentVote: { ...state.currentVote, peerEpoch: epoch },
    leader: { ...leader, lastProposed: makeZxid(epoch, 0) },
  };
  next = fsyncThen(next, { kind: "leader-current-epoch", epoch }, out);
  observeState(out, "LEADING", "SYNCHRONIZATION");
  // `waitForEpochAck` returned; `waitForNewLeaderAck` starts once `setCurrentEpoch` has written the file.
  out.push({ kind: "cancel-timer", timer: LEADER_LIMIT_TIMER });
  for (const peer of Object.keys(leader.learners).sort()) {
    if (leader.learners[peer]?.stage === "epoch-acked")
      next = syncLearner(next, peer as NodeId, env, out);
  }
  return next;
}

/**
 * The leader's currentEpoch is durable: that is its own ACK of NEWLEADER, and its `waitForNewLeaderAck` starts
 * its initLimit (cancelled again if this ACK completes the quorum).
 */
export function onLeaderCurrentEpochDurable<S, O>(
  state: PeerState<S>,
  epoch: number,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const leader = state.leader;
  if (leader === null || leader.epoch !== epoch) return state;
  observeEpoch(out, "current", epoch);
  out.push({
    kind: "set-timer",
    timer: LEADER_LIMIT_TIMER,
    afterUs: limitUs(env, env.config.initLimit),
  });
  const newLeaderAcks = [...leader.newLeaderAcks, state.self];
  return maybeEstablish({ ...state, leader: { ...leader, newLeaderAcks } }, env, out);
}

// ---- learner side ----------------------------------------------------------------------------------

export function becomeLearner<S, O>(
  state: PeerState<S>,
  leader: NodeId,
  observer: boolean,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const role = observer ? "OBSERVING" : "FOLLOWING";
  const lastZxid = reportedZxid(state, env.config);
  const type = observer ? "OBSERVERINFO" : "FOLLOWERINFO";
  out.push({
    kind: "send",
    to: leader,
    msg: { type, acceptedEpoch: state.acceptedEpoch, lastZxid },
  });
  out.push({
    kind: "set-timer",
    timer: LEARNER_TICK_TIMER,
    afterUs: micros(Math.floor(env.config.tickTimeUs / 2)),
  });
  observeState(out, role, "DISCOVERY");
  return {
    ...state,
    role,
    zabState: "DISCOVERY",
    learner: {
      leader,
      observer,
      epoch: null,
      lastHeardUs: env.nowUs,
      heard: false,
      syncMode: null,
      syncTxns: [],
      syncCommitted: [],
      newLeaderSeen: false,
      synced: [],
      pending: emptyQueue(),
    },
  };
}

/** LEADERINFO: accept a newer epoch durably, re-ack the same one, refuse an older one. */
export function onLeaderInfo<S, O>(
  state: PeerState<S>,
  epoch: number,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null || learner.epoch !== null) {
    return goLooking(state, "unexpected LEADERINFO", env, out);
  }
  const next: PeerState<S> = { ...state, learner: { ...learner, epoch } };
  if (epoch < state.acceptedEpoch) {
    return goLooking(
      next,
      `LEADERINFO epoch ${epoch} < acceptedEpoch ${state.acceptedEpoch}`,
      env,
      out,
    );
  }
  if (epoch === state.acceptedEpoch) return sendAckEpoch(next, -1, env, out);
  writeEpochFile("accepted", epoch, out);
  return fsyncThen(
    { ...next, acceptedEpoch: epoch },
    { kind: "learner-accepted-epoch", epoch },
    out,
  );
}

export function sendAckEpoch<S, O>(
  state: PeerState<S>,
  currentEpoch: number,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const learner = state.learner;
  if (learner === null) return state;
  out.push({
    kind: "send",
    to: learner.leader,
    msg: { type: "ACKEPOCH", currentEpoch, lastZxid: reportedZxid(state, env.config) },
  });
  observeState(out, state.role, "SYNCHRONIZATION");
  return { ...state, zabState: "SYNCHRONIZATION" };
}

/** The learner's acceptedEpoch is durable: ACKEPOCH with its currentEpoch. */
export function onLearnerEpochDurable<S, O>(
  state: PeerState<S>,
  epoch: number,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  if (state.learner?.epoch !== epoch) return state;
  observeEpoch(out, "accepted", epoch);
  return sendAckEpoch(state, state.currentEpoch, env, out);
}

/** The learners with `peer`'s handler set, keyed in sorted order (so broadcasts need not sort them). */
function withHandler(
  learners: { readonly [peer: string]: Handler },
  peer: NodeId,
  handler: Handler,
): { readonly [peer: string]: Handler } {
  const next = { ...learners, [peer]: handler };
  if (Object.hasOwn(learners, peer)) return next;
  return Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)));
}
