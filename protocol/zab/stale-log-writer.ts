// The planted ZOOKEEPER-4712 (reference §6 PB-11, switch `staleLogWriter`): a follower's log writer
// (`SyncRequestProcessor`) is not shut down when the follower leaves its role. PROPOSALs that arrive while a
// log flush runs wait in the writer's queue; the writer appends them when that flush completes — also when the
// peer has meanwhile gone LOOKING and re-synced (a TRUNC may have cut its log below them). The fixed protocol
// (the writer is shut down with the role, its queue dropped) is modelled by appending each PROPOSAL at once:
// queued or appended, an unsynced write is lost on a crash either way, so the two are equivalent there.
import { TXN_LOG } from "./durable.js";
import type { Txn } from "./messages.js";
import { observeAccept } from "./observe.js";
import { draftPeer } from "./records.js";
import type { FsyncWait, Out, PeerState } from "./state.js";

/** Queues `txn` behind this session's in-flight log flush; null when no flush of this session is running. */
export function queueBehindFlush<S>(state: PeerState<S>, txn: Txn): PeerState<S> | null {
  const waits = state.fsyncWaits;
  for (let i = waits.length - 1; i >= 0; i--) {
    const wait = waits[i] as FsyncWait;
    if (wait.session !== state.session || wait.action.kind !== "log-synced") continue;
    const queued = [...(wait.action.queued ?? []), txn];
    const replaced: FsyncWait = { ...wait, action: { ...wait.action, queued } };
    const next = draftPeer(state);
    next.fsyncWaits = waits.map((w, j) => (j === i ? replaced : w));
    return next;
  }
  return null;
}

/** The tail of the writer's queue (the last PROPOSAL accepted but not yet appended), if any. */
export function lastQueuedZxid<S>(state: PeerState<S>): number {
  let last = 0;
  for (const wait of state.fsyncWaits) {
    if (wait.session !== state.session || wait.action.kind !== "log-synced") continue;
    const tail = wait.action.queued?.[wait.action.queued.length - 1];
    if (tail !== undefined) last = Math.max(last, tail.zxid);
  }
  return last;
}

/**
 * The flush of an older session completed: the surviving writer appends what was queued behind it to the
 * txn log on disk, wherever that log now ends, and flushes it. The peer's in-memory view (its data tree and
 * log, as a re-synced follower holds them) does not learn of these writes; its next restart replays them.
 */
export function writeStale<S>(state: PeerState<S>, queued: readonly Txn[], out: Out): PeerState<S> {
  for (const txn of queued) {
    out.push({ kind: "append", log: TXN_LOG, record: txn });
    observeAccept(out, txn);
  }
  out.push({
    kind: "log",
    text: `stale log writer appended ${queued.length} txns of an old session`,
  });
  out.push({ kind: "fsync" });
  return state;
}
