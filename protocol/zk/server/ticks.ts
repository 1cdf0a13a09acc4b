// The server's half-tick timer: a learner sends the sessions its clients touched to the leader (SESSIONS);
// the leader expires the sessions whose bucket has ended (SessionTrackerImpl.run -> closeSession txns).
// Containers and TTL nodes are reaped on their own timer (container-manager.ts).
import { type Micros, micros } from "../../../sim/api/index.js";
import type { SessionId } from "../data-tree/index.js";
import { hasServerBug } from "./config.js";
import { leaderSubmit } from "./leader-pipeline.js";
import { dueSessions, setClosing } from "./session-tracker.js";
import {
  draftServing,
  type Out,
  type ServerEnv,
  withLeaderSide,
  withServing,
  withSessions,
  type ZkServerState,
} from "./state.js";

export const SERVER_TICK_TIMER = "zk-server/tick";

export function tickIntervalUs(env: ServerEnv): Micros {
  return micros(Math.max(1, Math.floor(env.config.zab.tickTimeUs / 2)));
}

export function onServerTick(state: ZkServerState, env: ServerEnv, out: Out): ZkServerState {
  out.push({ kind: "set-timer", timer: SERVER_TICK_TIMER, afterUs: tickIntervalUs(env) });
  const serving = state.serving;
  if (serving === null) return state;
  if (serving.leader === null) {
    const leader = state.zab.learner?.leader;
    if (leader === undefined || serving.touched.size === 0) return state;
    const touches = [...serving.touched].sort((a, b) => a[0] - b[0]);
    out.push({ kind: "send", to: leader, msg: { type: "SESSIONS", touches } });
    const next = draftServing(serving);
    next.touched = new Map();
    return withServing(state, next);
  }
  return expireSessions(state, env, out);
}

function expireSessions(state: ZkServerState, env: ServerEnv, out: Out): ZkServerState {
  const side = state.serving?.leader ?? null;
  if (side === null) return state;
  let next = state;
  for (const sessionId of dueSessions(side.sessions, Math.floor(env.nowUs / 1_000))) {
    out.push({
      kind: "observe",
      observation: { kind: "session-expired", server: env.self, session: sessionId },
    });
    if (hasServerBug(env.config, "ZOOKEEPER-1208")) next = takeOutOfBuckets(next, sessionId);
    next = systemWrite(next, sessionId, { op: "closeSession" }, env, out);
  }
  return next;
}

/**
 * SessionTrackerImpl.run marks an expiring session closing itself (setSessionClosing) before it asks for the
 * closeSession; here the closeSession prep does that (leader-pipeline.ts). Under the planted ZOOKEEPER-1208
 * prep does not, so the tracker's mark is what keeps the session from expiring again at the next tick; the
 * bug's checkSession lets its requests through all the same.
 */
function takeOutOfBuckets(state: ZkServerState, sessionId: SessionId): ZkServerState {
  const side = state.serving?.leader ?? null;
  if (side === null) return state;
  return withLeaderSide(state, withSessions(side, setClosing(side.sessions, sessionId)));
}

function systemWrite(
  state: ZkServerState,
  sessionId: SessionId,
  request: { readonly op: "closeSession" },
  env: ServerEnv,
  out: Out,
): ZkServerState {
  return leaderSubmit(
    state,
    { origin: null, requestId: 0, sessionId, request, auth: [] },
    env,
    out,
  );
}
