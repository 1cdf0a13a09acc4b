// Liveness timers (reference §4.6): the leader pings every tickTime/2 and, every tickTime, checks that a quorum
// of voters (itself plus learners heard within syncLimit ticks) is synced, or steps down; a follower whose
// oldest unacked proposal is older than syncLimit·tickTime is dropped; each activation quorum wait has
// initLimit·tickTime; a learner's read timeout is initLimit·tickTime until NEWLEADER, then syncLimit·tickTime.
import { micros, type NodeId } from "../../sim/api/index.js";
import { hasAcked } from "./acks.js";
import { hasQuorum } from "./config.js";
import { goLooking } from "./roles.js";
import { peek } from "./shared-queue.js";
import type { Env, Handler, LeaderState, Out, PeerState } from "./state.js";
import { forwardingHandlers } from "./synchronization.js";
import { LEADER_TICK_TIMER, LEARNER_TICK_TIMER } from "./timer-names.js";

function halfTickUs(env: Env) {
  return micros(Math.max(1, Math.floor(env.config.tickTimeUs / 2)));
}

/** initLimit expired before the leader was established. */
export function onLeaderLimit(state: PeerState, env: Env, out: Out): PeerState {
  if (state.role !== "LEADING" || state.zabState === "BROADCAST") return state;
  return goLooking(state, `no quorum within initLimit in ${state.zabState}`, env, out);
}

/** Any packet from a learner moves its deadline to tick + syncLimit. */
export function touchHandler(state: PeerState, peer: NodeId, env: Env): PeerState {
  const leader = state.leader;
  const handler = leader?.learners[peer];
  if (leader === null || handler === undefined) return state;
  const deadlineTick = Math.max(handler.deadlineTick, leader.tick + env.config.syncLimit);
  if (deadlineTick === handler.deadlineTick) return state;
  const learners = { ...leader.learners, [peer]: { ...handler, deadlineTick } };
  return { ...state, leader: { ...leader, learners } };
}

export function onLeaderTick(state: PeerState, env: Env, out: Out): PeerState {
  const leader = state.leader;
  if (state.role !== "LEADING" || leader === null || state.zabState !== "BROADCAST") return state;
  for (const peer of Object.keys(leader.learners).sort()) {
    out.push({
      kind: "send",
      to: peer as NodeId,
      msg: { type: "PING", zxid: leader.lastProposed },
    });
  }
  out.push({ kind: "set-timer", timer: LEADER_TICK_TIMER, afterUs: halfTickUs(env) });
  const halfTicks = leader.halfTicks + 1;
  if (halfTicks % 2 === 1) return { ...state, leader: { ...leader, halfTicks } };
  const tick = leader.tick + 1;
  const ticked: LeaderState = { ...leader, halfTicks, tick };
  const synced = Object.values(leader.learners)
    .filter((h) => h.voter && h.deadlineTick >= tick)
    .map((h) => h.peer);
  if (!hasQuorum(env.config, [state.self, ...synced])) {
    return goLooking({ ...state, leader: ticked }, "Not sufficient followers synced", env, out);
  }
  return dropLaggingFollowers({ ...state, leader: ticked }, env, out);
}

/** `SyncLimitCheck`: a follower that has not acked the oldest proposal within syncLimit ticks is dropped. */
function dropLaggingFollowers(state: PeerState, env: Env, out: Out): PeerState {
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
export function onLearnerTick(state: PeerState, env: Env, out: Out): PeerState {
  const learner = state.learner;
  if (learner === null) return state;
  const ticks = learner.newLeaderSeen ? env.config.syncLimit : env.config.initLimit;
  if (!learner.heard && env.nowUs - learner.lastHeardUs > env.config.tickTimeUs * ticks) {
    return goLooking(state, `read timeout from leader ${learner.leader}`, env, out);
  }
  out.push({ kind: "set-timer", timer: LEARNER_TICK_TIMER, afterUs: halfTickUs(env) });
  if (!learner.heard) return state;
  return { ...state, learner: { ...learner, lastHeardUs: env.nowUs, heard: false } };
}
