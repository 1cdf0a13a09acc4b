// Liveness timers (reference §4.6; `Leader.lead`, `LearnerHandler`): every tickTime the leader checks that a
// quorum of voters (itself plus learners whose deadline tick has not passed) is synced, or steps down; every
// tickTime/2 it pings its learners and shuts down one whose timed PROPOSAL is syncLimit·tickTime old
// (sync-limit-check.ts); each activation quorum wait has initLimit·tickTime; a learner's read timeout is
// initLimit·tickTime until NEWLEADER, then syncLimit·tickTime.
import { micros, type NodeId } from "../../sim/api/index.js";
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
import type { Env, Handler, Out, PeerState } from "./state.js";
import { isWithinSyncLimit } from "./sync-limit-check.js";
import { forwardingHandlers } from "./synchronization.js";
import { LEADER_TICK_TIMER, LEARNER_TICK_TIMER } from "./timer-names.js";

function halfTickUs<S, O>(env: Env<S, O>) {
  return micros(Math.max(1, Math.floor(env.config.tickTimeUs / 2)));
}

/**
 * initLimit expired in one of the leader's three activation waits (`getEpochToPropose`, `waitForEpochAck`,
 * `waitForNewLeaderAck`), each armed when the leader starts it (discovery.ts).
 */
export function onLeaderLimit<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const leader = state.leader;
  if (state.role !== "LEADING" || leader === null || state.zabState === "BROADCAST") return state;
  const reason =
    state.zabState === "SYNCHRONIZATION"
      ? "Timeout while waiting for NEWLEADER to be acked by quorum"
      : leader.epochDurable
        ? "Timeout while waiting for epoch to be acked by quorum"
        : "Timeout while waiting for epoch from quorum";
  return goLooking(state, reason, env, out);
}

/**
 * `LearnerHandler.run`'s broadcast loop: every packet read sets `tickOfNextAckDeadline` to tick + syncLimit,
 * lowering it too (the first such packet ends the initial tick + initLimit + syncLimit). The packets read
 * before the loop (FOLLOWERINFO, ACKEPOCH, the NEWLEADER ACK) and any read while the handler is still in
 * sync leave it alone: the loop starts once UPTODATE is queued.
 */
export function touchHandler<S, O>(
  state: PeerState<S>,
  peer: NodeId,
  env: Env<S, O>,
): PeerState<S> {
  const leader = state.leader;
  const handler = leader?.learners[peer];
  if (leader === null || handler === undefined || handler.stage !== "uptodate") return state;
  const deadlineTick = leader.tick + env.config.syncLimit;
  if (deadlineTick === handler.deadlineTick) return state;
  const touched = draftHandler(handler);
  touched.deadlineTick = deadlineTick;
  const next = draftLeader(leader);
  next.learners = withReplacedHandler(leader.learners, peer, touched);
  return withLeaderState(state, next);
}

/**
 * One iteration of `Leader.lead`'s loop, every tickTime/2: every other one advances the tick and checks that
 * a quorum of voters (me, and each learner with `synced()`: tick <= tickOfNextAckDeadline) is synced, or
 * steps down ("Not sufficient followers synced"); then each learner is pinged (`LearnerHandler.ping`).
 */
export function onLeaderTick<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const leader = state.leader;
  if (state.role !== "LEADING" || leader === null || state.zabState !== "BROADCAST") return state;
  out.push({ kind: "set-timer", timer: LEADER_TICK_TIMER, afterUs: halfTickUs(env) });
  const ticked = draftLeader(leader);
  ticked.halfTicks = leader.halfTicks + 1;
  const tickSkip = ticked.halfTicks % 2 === 1;
  if (!tickSkip) {
    const tick = leader.tick + 1;
    ticked.tick = tick;
    const synced: NodeId[] = [state.self];
    for (const peer of Object.keys(leader.learners).sort()) {
      const h = leader.learners[peer];
      if (h?.voter && h.deadlineTick >= tick) synced.push(h.peer);
    }
    if (!hasQuorum(env.config, synced)) {
      const reason = `Not sufficient followers synced, only synced with sids: [ ${synced.join(",")} ]`;
      return goLooking(withLeaderState(state, ticked), reason, env, out);
    }
  }
  return pingLearners(withLeaderState(state, ticked), env, out);
}

/**
 * `LearnerHandler.ping` for each learner whose sender has started (sync queued): PING with the last proposed
 * zxid if its SyncLimitCheck passes, else the handler shuts down and closes the connection.
 */
function pingLearners<S, O>(state: PeerState<S>, env: Env<S, O>, out: Out): PeerState<S> {
  const leader = state.leader;
  if (leader === null) return state;
  const syncTimeoutUs = env.config.tickTimeUs * env.config.syncLimit;
  // One PING record for every learner: effects are read-only data once returned.
  const ping = { type: "PING", zxid: leader.lastProposed } as const;
  let learners: { [peer: string]: Handler } | null = null;
  for (const handler of forwardingHandlers(state)) {
    if (isWithinSyncLimit(handler.syncCheck, env.nowUs, syncTimeoutUs)) {
      out.push({ kind: "send", to: handler.peer, msg: ping });
      continue;
    }
    out.push({ kind: "log", text: `closing ${handler.peer}: transaction timeout (syncLimit)` });
    out.push({ kind: "close", peer: handler.peer });
    learners ??= { ...leader.learners };
    delete learners[handler.peer];
  }
  if (learners === null) return state;
  const next = draftLeader(leader);
  next.learners = learners;
  return withLeaderState(state, next);
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
