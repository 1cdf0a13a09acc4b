// The leader's session tracker (SessionTrackerImpl with its ExpiryQueue, reference §3): sessions sit in
// tick-sized buckets; a touch moves a session to bucket roundToNextInterval(now + timeout); at each bucket's
// end the leader closes the sessions in it. Each session has an owner (the server it is attached to); a
// request from another server is SESSIONMOVED, one for a missing or closing session SESSIONEXPIRED.
import type { NodeId } from "../../../sim/api/index.js";
import type { SessionErrorCode, SessionId } from "../data-tree/index.js";
import type { TrackedSession } from "./state.js";

export type Sessions = ReadonlyMap<SessionId, TrackedSession>;

/** ExpiryQueue.roundToNextInterval: the end of the tick bucket the deadline falls in. */
export function expiryBucketMs(nowMs: number, timeoutMs: number, tickMs: number): number {
  return (Math.floor((nowMs + timeoutMs) / tickMs) + 1) * tickMs;
}

function put(sessions: Sessions, id: SessionId, session: TrackedSession): Sessions {
  return new Map(sessions).set(id, session);
}

/** trackSession: a new (or re-tracked, after a leader change) session with a full timeout. */
export function trackSession(
  sessions: Sessions,
  id: SessionId,
  timeoutMs: number,
  owner: NodeId | null,
  nowMs: number,
  tickMs: number,
): Sessions {
  const expiresAtMs = expiryBucketMs(nowMs, timeoutMs, tickMs);
  return put(sessions, id, { timeoutMs, expiresAtMs, owner, closing: false });
}

/** touchSession: false (and nothing changes) when the session is gone or closing. */
export function touchSession(
  sessions: Sessions,
  id: SessionId,
  timeoutMs: number,
  nowMs: number,
  tickMs: number,
): { readonly sessions: Sessions; readonly alive: boolean } {
  const session = sessions.get(id);
  if (session === undefined || session.closing) return { sessions, alive: false };
  const expiresAtMs = expiryBucketMs(nowMs, timeoutMs, tickMs);
  if (expiresAtMs <= session.expiresAtMs) return { sessions, alive: true };
  const touched = {
    timeoutMs: session.timeoutMs,
    expiresAtMs,
    owner: session.owner,
    closing: false,
  };
  return { sessions: put(sessions, id, touched), alive: true };
}

export function setOwner(sessions: Sessions, id: SessionId, owner: NodeId): Sessions {
  const session = sessions.get(id);
  if (session === undefined || session.owner === owner) return sessions;
  return put(sessions, id, { ...session, owner });
}

/**
 * checkSession: the error a request of `owner` gets; a session without owner is adopted by it. A closing
 * session is expired unless `closingIsAlive` (only under the planted ZOOKEEPER-1208, where prep never set the
 * mark that this test reads).
 */
export function checkSession(
  sessions: Sessions,
  id: SessionId,
  owner: NodeId,
  closingIsAlive = false,
): { readonly sessions: Sessions; readonly error: SessionErrorCode | undefined } {
  const session = sessions.get(id);
  if (session === undefined || (session.closing && !closingIsAlive)) {
    return { sessions, error: "SESSIONEXPIRED" };
  }
  if (session.owner === null) return { sessions: setOwner(sessions, id, owner), error: undefined };
  return { sessions, error: session.owner === owner ? undefined : "SESSIONMOVED" };
}

export function setClosing(sessions: Sessions, id: SessionId): Sessions {
  const session = sessions.get(id);
  if (session === undefined || session.closing) return sessions;
  return put(sessions, id, { ...session, closing: true });
}

export function removeSession(sessions: Sessions, id: SessionId): Sessions {
  if (!sessions.has(id)) return sessions;
  const next = new Map(sessions);
  next.delete(id);
  return next;
}

/** Sessions whose bucket has ended and that are not closing yet, by id. */
export function dueSessions(sessions: Sessions, nowMs: number): readonly SessionId[] {
  const due: SessionId[] = [];
  for (const [id, session] of sessions) {
    if (!session.closing && session.expiresAtMs <= nowMs) due.push(id);
  }
  return due.sort((a, b) => a - b);
}
