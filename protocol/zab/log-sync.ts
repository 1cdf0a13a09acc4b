// Group commit of the txn log, as ZooKeeper's `SyncRequestProcessor` does it: at most one log fsync is in flight
// per peer; txns appended while it runs wait for the next one, which then covers all of them. When a log fsync
// completes, the txns it covered are acknowledged in zxid order (broadcast.ts: a leader counts its own ACK, a
// follower sends ACK). Only the BROADCAST phase uses it; entering BROADCAST marks the log so far as acknowledged.
import { fsyncThen } from "./durable.js";
import { draftPeer } from "./records.js";
import type { LogSync, Out, PeerState } from "./state.js";

export const IDLE_LOG_SYNC: LogSync = { inFlight: false, ackedCount: 0 };

/** Entering BROADCAST: nothing logged so far is acknowledged through the group commit. */
export function startLogSync<S>(state: PeerState<S>): PeerState<S> {
  return { ...state, logSync: { inFlight: false, ackedCount: state.db.log.length } };
}

/** Txns were appended: start a log fsync covering them, unless one is running (it will chain the next). */
export function requestLogSync<S>(state: PeerState<S>, out: Out): PeerState<S> {
  if (state.logSync.inFlight || state.db.log.length <= state.logSync.ackedCount) return state;
  const next = draftPeer(state);
  next.logSync = { inFlight: true, ackedCount: state.logSync.ackedCount };
  return fsyncThen(next, { kind: "log-synced", count: state.db.log.length }, out);
}
