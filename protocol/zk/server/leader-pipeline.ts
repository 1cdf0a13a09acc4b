// The leader's request pipeline (PrepRequestProcessor -> ProposalRequestProcessor, reference §4.5): check the
// session, prepare the write against the tree plus the outstanding changes (a failure is an error txn that
// still consumes its zxid), propose it through ZAB with the leader's clock in the header; and syncs, answered
// once everything proposed before them has committed (Leader.processSync, §4.7).
import type { NodeId } from "../../../sim/api/index.js";
import { counterOf, nextZxid, propose, type Zxid } from "../../zab/index.js";
import type { AuthId } from "../acl/index.js";
import {
  type Prepared,
  prepareWrite,
  type SessionErrorCode,
  type SessionId,
  type WriteRequest,
} from "../data-tree/index.js";
import { hasServerBug } from "./config.js";
import { runZab, treeOf } from "./embedded-peer.js";
import { checkSession, type Sessions, setClosing, trackSession } from "./session-tracker.js";
import type { LeaderSide, Out, ServerEnv, ZkServerState } from "./state.js";
import { draftLeaderSide, withLeaderSide, withSessions } from "./state.js";

/** Who asked: the server that received the request (null for the leader's own expiry and reaping). */
export type Submission = {
  readonly origin: NodeId | null;
  readonly requestId: number;
  readonly sessionId: SessionId;
  readonly request: WriteRequest;
  readonly auth: readonly AuthId[];
};

function leaderSideOf(state: ZkServerState): LeaderSide | null {
  return state.serving?.leader ?? null;
}

/**
 * The session checks of pRequest: createSession starts tracking (owned by the origin); the leader's own
 * closeSession (expiry) and deleteContainer need no session; every other request must come from the
 * session's owner while it is alive.
 */
function sessionStep(
  leader: LeaderSide,
  submission: Submission,
  env: ServerEnv,
): { readonly leader: LeaderSide; readonly error: SessionErrorCode | undefined } {
  const { request, sessionId, origin } = submission;
  const nowMs = Math.floor(env.nowUs / 1_000);
  if (request.op === "createSession") {
    const sessions = trackSession(
      leader.sessions,
      sessionId,
      request.timeoutMs,
      origin,
      nowMs,
      env.config.tickMs,
    );
    return { leader: withSessions(leader, sessions), error: undefined };
  }
  if (origin === null) return { leader, error: undefined };
  const noClosingMark = hasServerBug(env.config, "ZOOKEEPER-1208");
  const checked = checkSession(leader.sessions, sessionId, origin, noClosingMark);
  return { leader: withSessions(leader, checked.sessions), error: checked.error };
}

function prepare(
  state: ZkServerState,
  leader: LeaderSide,
  submission: Submission,
  error: SessionErrorCode | undefined,
  zxid: Zxid,
  env: ServerEnv,
): Prepared {
  const timeMs = Math.floor(env.nowUs / 1_000);
  const header = { sessionId: submission.sessionId, zxid, timeMs };
  // prepareWrite reports session errors at ZooKeeper's check position; closeSession has no other check.
  if (error !== undefined && submission.request.op === "closeSession") {
    return { record: { header, txn: { type: "error", code: error } }, changes: [] };
  }
  return prepareWrite(treeOf(state), leader.pending, submission.request, {
    sessionId: submission.sessionId,
    auth: submission.auth,
    zxid,
    timeMs,
    ...(error === undefined ? {} : { sessionError: error }),
    extendedTypesEnabled: env.config.extendedTypesEnabled,
  });
}

/**
 * closeSession prepped: the session is closing, so later requests of it are SESSIONEXPIRED (the
 * ZOOKEEPER-1208 fix). Under the planted bug prep leaves the mark alone; an expiry was marked by the tracker
 * already (ticks.ts), which only keeps the session out of the expiry buckets.
 */
function markClosing(sessions: Sessions, sessionId: SessionId, env: ServerEnv): Sessions {
  if (hasServerBug(env.config, "ZOOKEEPER-1208")) return sessions;
  return setClosing(sessions, sessionId);
}

/** Prepares a write and proposes it; a leader that cannot propose (it is stepping down) drops it. */
export function leaderSubmit(
  state: ZkServerState,
  submission: Submission,
  env: ServerEnv,
  out: Out,
): ZkServerState {
  const zabLeader = state.zab.leader;
  const side = leaderSideOf(state);
  if (zabLeader === null || side === null || state.zab.zabState !== "BROADCAST") return state;
  const zxid = nextZxid(zabLeader.lastProposed);
  const checked = sessionStep(side, submission, env);
  const prepared = prepare(state, checked.leader, submission, checked.error, zxid, env);
  const sessions =
    submission.request.op === "closeSession" && prepared.record.txn.type === "closeSession"
      ? markClosing(checked.leader.sessions, submission.sessionId, env)
      : checked.leader.sessions;
  const proposed = runZab(state, env, out, (zab, zabEnv, zabOut) =>
    // The leader's own txns (expiry, reaping) name the leader with request 0, which no client request has.
    propose(
      zab,
      prepared.record,
      submission.origin ?? env.self,
      submission.requestId,
      zabEnv,
      zabOut,
    ),
  );
  if (proposed.zab.leader?.lastProposed !== zxid) return proposed;
  const after = draftLeaderSide(checked.leader);
  after.sessions = sessions;
  after.pending = [...checked.leader.pending, ...prepared.changes];
  return withLeaderSide(proposed, after);
}

/**
 * A learner's sync (`LearnerSyncRequest` -> Leader.processSync): with nothing outstanding the answer goes at
 * once (after the COMMITs already sent); otherwise it waits for the last proposal to commit. The answer names
 * the zxid it waited for. A sync of the leader's own client is no `LearnerSyncRequest`: ProposalRequestProcessor
 * passes it down the pipeline, and the leader's CommitProcessor is built with `matchSyncs = false`
 * (`needCommit(sync)` is false), so it is answered as a read is: at once, behind only its own session's earlier
 * requests (the session queue holds its reply), not behind other sessions' proposals.
 */
export function leaderSync(
  state: ZkServerState,
  from: NodeId,
  requestId: number,
  env: ServerEnv,
  out: Out,
  answer: SyncAnswer,
): ZkServerState {
  const zabLeader = state.zab.leader;
  const side = leaderSideOf(state);
  if (zabLeader === null || side === null) return state;
  const last = zabLeader.lastProposed;
  const delivered = state.zab.db.deliveredZxid;
  if (from === env.self || counterOf(last) === 0 || delivered >= last) {
    return answer(state, from, requestId, delivered, env, out);
  }
  const parked = draftLeaderSide(side);
  parked.syncs = [...side.syncs, { from, requestId, zxid: last }];
  return withLeaderSide(state, parked);
}

export type SyncAnswer = (
  state: ZkServerState,
  from: NodeId,
  requestId: number,
  zxid: Zxid,
  env: ServerEnv,
  out: Out,
) => ZkServerState;

/** Answers every parked sync whose zxid has committed, in arrival order. */
export function answerParkedSyncs(
  state: ZkServerState,
  env: ServerEnv,
  out: Out,
  answer: SyncAnswer,
): ZkServerState {
  const side = leaderSideOf(state);
  if (side === null || side.syncs.length === 0) return state;
  const delivered = state.zab.db.deliveredZxid;
  const ready = side.syncs.filter((sync) => sync.zxid <= delivered);
  if (ready.length === 0) return state;
  const waiting = draftLeaderSide(side);
  waiting.syncs = side.syncs.filter((sync) => sync.zxid > delivered);
  let next = withLeaderSide(state, waiting);
  for (const sync of ready) next = answer(next, sync.from, sync.requestId, sync.zxid, env, out);
  return next;
}
