// Liveness timers (reference §4.6): the leader pings every tickTime/2 and, every tickTime, checks that a quorum
// of voters (itself plus learners heard within syncLimit ticks) is synced, or steps down; a follower whose
// oldest unacked proposal is older than syncLimit·tickTime is dropped; each activation quorum wait has
// initLimit·tickTime; a learner's read timeout is initLimit·tickTime until NEWLEADER, then syncLimit·tickTime.
import { micros, type NodeId } from "../../sim/api/index.js";
import { hasAcked } from "./acks.js";
import { hasQuorum } from "./config.js";
import {
  draftHandler,
  draftLeader,
  draftLearner,
  withLeaderState,
  withLearnerState,
  withReplacedHandler,
} from "./records.js";
import { goLooking } from "./role-exit.js";
import { peek } from "./shared-queue.js";
import type { Env, Handler, Out, PeerState } from "./state.js";
import { forwardingHandlers } from "./synchronization.js";
import { LEADER_TICK_TIMER, LEARNER_TICK_TIMER } from "./timer-names.js";

function halfTickUs<S, O>(env: Env<S, O>) {
  return micros(Math.max(1, Math.floor(env.config.tickTimeUs / 2)));
}

/** initLimit expired before the leader was established. */
export function onLeaderLimit<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  if (state.role !== "LEADING" || state.zabState === "BROADCAST") return state;
  return goLooking(state, `no quorum within initLimit in ${state.zabState}`, env, out);
}

/** Any packet from a learner moves its deadline to tick + syncLimit. */
export function touchHandler<S, O>(
  state: PeerState<S>,
  peer: NodeId,
  env: Env<S, O>,
): PeerState<S> {
  const leader = state.leader;
  const handler = leader?.learners[peer];
  if (leader === null || handler === undefined) return state;
  const deadlineTick = Math.max(handler.deadlineTick, leader.tick + env.config.syncLimit);
  if (deadlineTick === handler.deadlineTick) return state;
  const touched = draftHandler(handler);
  touched.deadlineTick = deadlineTick;
  const next = draftLeader(leader);
  next.learners = withReplacedHandler(leader.learners, peer, touched);
  return withLeaderState(state, next);
}

export function onLeaderTick<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const leader = state.leader;
  if (state.role !== "LEADING" || leader === null || state.zabState !== "BROADCAST") return state;
  const peers = Object.keys(leader.learners).sort();
  // One PING record for every learner: effects are read-only data once returned.
  const ping = { type: "PING", zxid: leader.lastProposed } as const;
  for (const peer of peers) out.push({ kind: "send", to: peer as NodeId, msg: ping });
  out.push({ kind: "set-timer", timer: LEADER_TICK_TIMER, afterUs: halfTickUs(env) });
  const ticked = draftLeader(leader);
  ticked.halfTicks = leader.halfTicks + 1;
  if (ticked.halfTicks % 2 === 1) return withLeaderState(state, ticked);
  const tick = leader.tick + 1;
  ticked.tick = tick;
  const synced: NodeId[] = [state.self];
  for (const peer of peers) {
    const h = leader.learners[peer];
    if (h?.voter && h.deadlineTick >= tick) synced.push(h.peer);
  }
  if (!hasQuorum(env.config, synced)) {
    return goLooking(withLeaderState(state, ticked), "Not sufficient followers synced", env, out);
  }
  return dropLaggingFollowers(withLeaderState(state, ticked), env, out);
}

/** `SyncLimitCheck`: a follower that has not acked the oldest proposal within syncLimit ticks is dropped. */
function dropLaggingFollowers<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const leader = state.leader;
  const oldest = leader === null ? undefined : peek(leader.outstanding);
  if (leader === null || oldest === undefined) return state;
  const limitUs = env.config.tickTimeUs * env.config.syncLimit;
  if (env.nowUs - oldest.proposedAtUs <= limitUs) return state;
  const lagging = forwardingHandlers(state).filter(
    (h: Handler) => h.voter && !hasAcked(env.config, leader, h.peer, oldest.txn.zxid),
  );
  if (lagging.length === 0) return state;
  const learners = { ...leader.learners };
  for (const handler of lagging) {
    out.push({ kind: "log", text: `dropping ${handler.peer}: proposal unacked past syncLimit` });
    out.push({ kind: "close", peer: handler.peer });
    delete learners[handler.peer];
  }
  return { ...state, leader: { ...leader, learners } };
}

/** The learner's read timeout. */
export function onLearnerTick<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const learner = state.learner;
  if (learner === null) return state;
  const ticks = learner.newLeaderSeen ? env.config.syncLimit : env.config.initLimit;
  if (!learner.heard && env.nowUs - learner.lastHeardUs > env.config.tickTimeUs * ticks) {
    return goLooking(state, `read timeout from leader ${learner.leader}`, env, out);
  }
  out.push({ kind: "set-timer", timer: LEARNER_TICK_TIMER, afterUs: halfTickUs(env) });
  if (!learner.heard) return state;
  const next = draftLearner(learner);
  next.lastHeardUs = env.nowUs;
  next.heard = false;
  return withLearnerState(state, next);
}
