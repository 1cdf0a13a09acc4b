// The zxid of each watch event in a history from a server that does not send it. A 3.8 server puts -1 in
// every notification's reply header (NIOServerCnxn.process: "new ReplyHeader(ClientCnxn.NOTIFICATION_XID,
// -1L, 0)"); only 3.9.0's ZOOKEEPER-4655 sends the txn's zxid. The watch rules (watch-order.ts) key on that
// zxid, so for such a history it is derived from what the history does show: the txns of the placement being
// judged (which txn caused which event), and each session's replies around the event.
//
// What a correct server guarantees, and what the derivation leans on: a session receives its events in zxid
// order, each before any reply that reflects its change (reference §2), so an event that arrives after a reply
// with zxid r was caused by a txn above r; and a txn causes a given (type, path) only as often as the
// timeline says. Each event gets the lowest txn that fits — above the session's last reply, not below its
// previous event, with that change not yet received as often as it was caused. For a correct history that is
// never above the true zxid, and equal to it wherever a rule asks for the event (the event a watch owes is the
// first change after the reply that armed it). An event no txn fits gets the nearest txn below the bound (so
// the order rules name the fault), or the bound itself (no txn made that change). The events right after a
// reconnect, before the session's next reply, may be setWatches' catch-up, which reports a summary rather
// than one txn, or real ones after it: they stay at -1, judged as catch-up events are, and may also be
// explained by a persistent watch (watchUseOf's `minusOneMayBeReal`). No rule asks for an event there: a
// watch owes one only before a reply that reflects its change, and a persistent watch only on a connection
// that answered below the change first.

import type { WatchEvent } from "../watches/index.js";
import type { Timeline } from "./write-replay.js";
import type { PositionedEvent, ZkParsed } from "./zk-operation.js";

type Caused = { readonly zxids: number[]; readonly counts: number[] };

function changeKey(event: { readonly type: string; readonly path: string }): string {
  return `${event.type}\u0000${event.path}`;
}

/** Per (type, path): the txns that caused it, ascending, and how often each did. */
function causedChanges(timeline: Timeline): Map<string, Caused> {
  const caused = new Map<string, Caused>();
  for (const step of timeline.steps) {
    for (const event of step.events) addCause(caused, event, step.zxid);
  }
  return caused;
}

function addCause(caused: Map<string, Caused>, event: WatchEvent, zxid: number): void {
  const key = changeKey(event);
  let entry = caused.get(key);
  if (entry === undefined) {
    entry = { zxids: [], counts: [] };
    caused.set(key, entry);
  }
  const last = entry.zxids.length - 1;
  if (entry.zxids[last] === zxid) entry.counts[last] = (entry.counts[last] ?? 0) + 1;
  else {
    entry.zxids.push(zxid);
    entry.counts.push(1);
  }
}

type SessionState = {
  /** The highest reply zxid the session has seen so far. */
  replyZxid: number;
  /** The derived zxid of its previous event (-1: none yet, or a catch-up one). */
  eventZxid: number;
  /** Whether it (re)connected after its last reply: then events may be setWatches' catch-up. */
  catchingUp: boolean;
  /** How often it received each (type, path, zxid) so far. */
  readonly received: Map<string, number>;
};

type Item =
  | { readonly at: number; readonly kind: "reply"; readonly session: number; readonly zxid: number }
  | { readonly at: number; readonly kind: "connected"; readonly session: number }
  | { readonly at: number; readonly kind: "event"; readonly index: number };

function itemsOf(parsed: ZkParsed): Item[] {
  const items: Item[] = [];
  for (const op of parsed.operations) {
    if (op.zxid === null || op.call.op === "closeSession") continue;
    items.push({ at: op.returnAt, kind: "reply", session: op.session, zxid: op.zxid });
  }
  for (const c of parsed.connections)
    items.push({ at: c.at, kind: "connected", session: c.session });
  parsed.events.forEach((event, index) => {
    items.push({ at: event.at, kind: "event", index });
  });
  return items.sort((left, right) => left.at - right.at);
}

/** The events of `parsed` with the zxids derived for the txns of `timeline`, in the same order. */
export function deriveEventZxids(parsed: ZkParsed, timeline: Timeline): PositionedEvent[] {
  const caused = causedChanges(timeline);
  const sessions = new Map<number, SessionState>();
  const stateOf = (session: number): SessionState => {
    let state = sessions.get(session);
    if (state === undefined) {
      state = { replyZxid: -1, eventZxid: -1, catchingUp: false, received: new Map() };
      sessions.set(session, state);
    }
    return state;
  };
  const derived: PositionedEvent[] = [...parsed.events];
  for (const item of itemsOf(parsed)) {
    if (item.kind === "reply") {
      const state = stateOf(item.session);
      state.replyZxid = Math.max(state.replyZxid, item.zxid);
      state.catchingUp = false;
    } else if (item.kind === "connected") {
      stateOf(item.session).catchingUp = true;
    } else {
      const event = parsed.events[item.index];
      if (event === undefined) continue;
      const zxid = zxidOf(event, stateOf(event.session), caused);
      derived[item.index] = { ...event, zxid };
    }
  }
  return derived;
}

function zxidOf(event: PositionedEvent, state: SessionState, caused: Map<string, Caused>): number {
  if (state.catchingUp) return -1;
  const entry = caused.get(changeKey(event));
  const floor = Math.max(state.replyZxid + 1, state.eventZxid);
  const fitting = entry === undefined ? undefined : lowestFitting(entry, floor, event, state);
  const zxid = fitting ?? nearestBelow(entry, floor) ?? Math.max(floor, 0);
  const key = `${changeKey(event)}\u0000${zxid}`;
  state.received.set(key, (state.received.get(key) ?? 0) + 1);
  state.eventZxid = Math.max(state.eventZxid, zxid);
  return zxid;
}

function lowestFitting(
  entry: Caused,
  floor: number,
  event: PositionedEvent,
  state: SessionState,
): number | undefined {
  for (let at = firstAtLeast(entry.zxids, floor); at < entry.zxids.length; at++) {
    const zxid = entry.zxids[at] ?? 0;
    const received = state.received.get(`${changeKey(event)}\u0000${zxid}`) ?? 0;
    if (received < (entry.counts[at] ?? 0)) return zxid;
  }
  return undefined;
}

function nearestBelow(entry: Caused | undefined, floor: number): number | undefined {
  if (entry === undefined) return undefined;
  const at = firstAtLeast(entry.zxids, floor);
  return at > 0 ? entry.zxids[at - 1] : undefined;
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
