// The server-to-server packets of the request pipeline (messages.ts): at the leader, forwarded writes and
// syncs from its learners, revalidations and session touches; at a learner, the leader's SYNC and
// REVALIDATED answers. Packets from a peer that is not (or no longer) in the right relation are dropped,
// as a closed socket would have.
import { assertNever, type NodeId } from "../../../sim/api/index.js";
import { touchHandler } from "../../zab/index.js";
import { finishRevalidation, revalidate } from "./connections.js";
import { runZab } from "./embedded-peer.js";
import { leaderSubmit, leaderSync } from "./leader-pipeline.js";
import type { PeerMessage } from "./messages.js";
import { answerSync, completeSync } from "./pipeline.js";
import { touchSession } from "./session-tracker.js";
import {
  type Out,
  type ServerEnv,
  withLeaderSide,
  withSessions,
  type ZkServerState,
} from "./state.js";

function fromMyLearner(state: ZkServerState, from: NodeId): boolean {
  return (
    state.serving?.leader != null &&
    state.zab.role === "LEADING" &&
    state.zab.leader?.learners[from] !== undefined
  );
}

function fromMyLeader(state: ZkServerState, from: NodeId): boolean {
  return state.serving !== null && state.zab.learner?.leader === from;
}

export function onPeerMessage(
  received: ZkServerState,
  from: NodeId,
  msg: PeerMessage,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  // `LearnerHandler.run` sets tickOfNextAckDeadline at every packet it reads, REQUEST and REVALIDATE too.
  const state = fromMyLearner(received, from)
    ? runZab(received, env, out, (zab, zabEnv) => touchHandler(zab, from, zabEnv))
    : received;
  switch (msg.type) {
    case "FORWARD": {
      if (!fromMyLearner(state, from)) return state;
      const { sessionId, requestId, request, auth } = msg;
      if (request.op === "sync") return leaderSync(state, from, requestId, env, out, answerSync);
      return leaderSubmit(state, { origin: from, requestId, sessionId, request, auth }, env, out);
    }
    case "REVALIDATE": {
      if (!fromMyLearner(state, from)) return state;
      const result = revalidate(state, msg.sessionId, msg.timeoutMs, from, env);
      const answer = {
        type: "REVALIDATED",
        sessionId: msg.sessionId,
        client: msg.client,
        valid: result.valid,
      } as const;
      out.push({ kind: "send", to: from, msg: answer });
      return result.state;
    }
    case "SESSIONS":
      return fromMyLearner(state, from) ? touchAll(state, msg.touches, env) : state;
    case "SYNC":
      return fromMyLeader(state, from) ? completeSync(state, msg.requestId, env, out) : state;
    case "REVALIDATED":
      if (!fromMyLeader(state, from)) return state;
      return finishRevalidation(state, msg.client, msg.sessionId, msg.valid, out);
    default:
      return assertNever(msg, "peer message");
  }
}

/** LearnerHandler on a PING reply: touch every session the learner's clients kept alive. */
function touchAll(
  state: ZkServerState,
  touches: readonly (readonly [number, number])[],
  env: ServerEnv,
): ZkServerState {
  const side = state.serving?.leader ?? null;
  if (side === null) return state;
  const nowMs = Math.floor(env.nowUs / 1_000);
  let sessions = side.sessions;
  for (const [sessionId, timeoutMs] of touches) {
    sessions = touchSession(sessions, sessionId, timeoutMs, nowMs, env.config.tickMs).sessions;
  }
  return sessions === side.sessions ? state : withLeaderSide(state, withSessions(side, sessions));
}
