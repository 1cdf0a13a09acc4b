// Watch rules (reference §2 "Watches and ordering"): "a client sees the watch event before it sees any data
// that reflects the change"; event order = zxid order; a standard watch fires once. Per session: every event
// fires a watch the session holds, and a one-shot watch only once (watch-registrations.ts); a persistent
// watch gets a change no more often than its txn caused it; zxids non-decreasing; every event caused by a
// real txn; and for each armed watch the qualifying txn's event arrives before any reply that reflects it
// (persistent watches: persistent-watch-order.ts).

import type { ZkVersion } from "../../zab/index.js";
import { firesOn, type WatchEvent } from "../watches/index.js";
import { checkPersistentWatchOrder } from "./persistent-watch-order.js";
import { mayBeReplaced } from "./replaced-watches.js";
import {
  atEvent,
  atOperation,
  describeEvent,
  describeZkOperation,
  sessionText,
  type ZkViolation,
  zxidText,
} from "./violation.js";
import { EventsByPath, SessionEvents, sessionReplies } from "./watch-indices.js";
import { type Arming, armingsOf, type WatchUse } from "./watch-registrations.js";
import { stepAt, type Timeline } from "./write-replay.js";
import type { PositionedEvent, ZkOperation, ZkParsed } from "./zk-operation.js";

/** `use`: the placement-free part (watchUseOf), computed once per history. */
export function checkWatchOrder(
  parsed: ZkParsed,
  timeline: Timeline,
  use: WatchUse,
  version: ZkVersion = "3.9",
): readonly ZkViolation[] {
  const { operations, events } = parsed;
  const armings = armingsOf(operations);
  return [
    ...eventsInOrder(events),
    ...repeatsAsCaused(use.persistent, timeline),
    ...eventsFromRealTxns(events, timeline),
    ...use.violations,
    ...eventsBeforeReflectingReads(parsed, armings, timeline, version),
    ...checkPersistentWatchOrder(parsed, armings, timeline, version),
  ];
}

/**
 * How many times each txn caused each (type, path): a txn that deletes two children of one node (a
 * closeSession, a multi) causes NodeChildrenChanged on it twice, and a persistent watch receives both.
 */
function causedCounts(timeline: Timeline): Map<string, number> {
  const counts = new Map<string, number>();
  for (const step of timeline.steps) {
    for (const event of step.events) {
      const key = `${event.type}\u0000${event.path}\u0000${step.zxid}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * A persistent watch receives each event a txn caused, and no more: a repeat of (type, path, zxid) beyond
 * what the txn caused is a duplicate. (Repeats that spend a one-shot watch are judged by watchUseOf: a
 * session re-registered on a server behind the change may legitimately get it again.)
 */
function repeatsAsCaused(events: readonly PositionedEvent[], timeline: Timeline): ZkViolation[] {
  const caused = causedCounts(timeline);
  const seen = new Map<string, number>();
  const violations: ZkViolation[] = [];
  for (const event of events) {
    // A 3.8 event at -1 (notification-zxids.ts) names no txn to count against.
    if (event.zxid < 0) continue;
    const change = `${event.type}\u0000${event.path}\u0000${event.zxid}`;
    const key = `${event.session}\u0000${change}`;
    const count = (seen.get(key) ?? 0) + 1;
    if (count > Math.max(1, caused.get(change) ?? 0)) {
      const message = `session ${sessionText(event.session)} received ${describeEvent(event)} twice`;
      violations.push({ check: "watch-order", message, at: atEvent(event) });
    }
    seen.set(key, count);
  }
  return violations;
}

function eventsInOrder(events: readonly PositionedEvent[]): ZkViolation[] {
  const last = new Map<number, PositionedEvent>();
  const violations: ZkViolation[] = [];
  for (const event of events) {
    if (event.zxid < 0) continue;
    const before = last.get(event.session);
    if (before !== undefined && before.zxid > event.zxid) {
      violations.push({
        check: "watch-order",
        message:
          `session ${sessionText(event.session)} received ${describeEvent(event)} after ` +
          `${describeEvent(before)}: events must arrive in zxid order`,
        at: atEvent(event),
      });
    }
    if (before === undefined || event.zxid >= before.zxid) last.set(event.session, event);
  }
  return violations;
}

function eventsFromRealTxns(events: readonly PositionedEvent[], timeline: Timeline): ZkViolation[] {
  const caused = new Set<string>();
  for (const step of timeline.steps) {
    for (const event of step.events)
      caused.add(`${event.type}\u0000${event.path}\u0000${step.zxid}`);
  }
  return events
    .filter((event) => event.zxid >= 0)
    .filter((event) => !caused.has(`${event.type}\u0000${event.path}\u0000${event.zxid}`))
    .map((event) => ({
      check: "watch-order",
      message: `${describeEvent(event)} reports a change that no committed txn made`,
      at: atEvent(event),
    }));
}

function isRestricted(event: WatchEvent, timeline: Timeline): boolean {
  const step = stepAt(timeline, event.zxid);
  return (
    step?.restricted.some((other) => other.type === event.type && other.path === event.path) ??
    false
  );
}

/**
 * The known hole of reference §2: an exist watch re-registered by setWatches after a reconnect misses a node
 * created and deleted while the session was away (setWatches only reports nodes present now). A reconnect
 * shows as the session's SyncConnected record (to any server, the same one included), or, in a history
 * without those, as an answer from another server.
 */
function existHole(
  arming: Arming,
  firing: WatchEvent,
  reflecting: ZkOperation,
  parsed: ZkParsed,
  timeline: Timeline,
): boolean {
  if (arming.kind !== "exist") return false;
  const between = (at: number) => at > arming.op.returnAt && at <= reflecting.returnAt;
  const reconnected =
    parsed.connections.some((c) => c.session === arming.op.session && between(c.at)) ||
    parsed.operations.some(
      (op) =>
        op.session === arming.op.session && between(op.returnAt) && op.server !== arming.op.server,
    );
  if (!reconnected) return false;
  return timeline.steps.some(
    (step) =>
      step.zxid > firing.zxid &&
      step.zxid <= (reflecting.zxid ?? 0) &&
      step.events.some((event) => event.type === "NodeDeleted" && event.path === arming.path),
  );
}

/**
 * A removeWatches (or checkWatches) of the session on the watched path, sent after the watch was set and
 * before the reflecting read returned, may have taken the watch away (ZooKeeper removes it from the
 * server's tables, and the client drops the event of a watch it removed), so no event is owed.
 */
function mayBeRemoved(
  arming: Arming,
  reflecting: ZkOperation,
  operations: readonly ZkOperation[],
): boolean {
  return operations.some(
    (op) =>
      (op.call.op === "removeWatches" || op.call.op === "checkWatches") &&
      op.session === arming.op.session &&
      op.call.path === arming.path &&
      op.callAt > arming.op.callAt &&
      op.callAt < reflecting.returnAt,
  );
}

function eventsBeforeReflectingReads(
  parsed: ZkParsed,
  armings: readonly Arming[],
  timeline: Timeline,
  version: ZkVersion,
): ZkViolation[] {
  const changes = new EventsByPath(timeline);
  const replies = sessionReplies(parsed.operations);
  const received = new SessionEvents(parsed.events);
  const violations: ZkViolation[] = [];
  for (const arming of armings) {
    if (arming.kind !== "data" && arming.kind !== "exist" && arming.kind !== "child") continue;
    const { session } = arming.op;
    const first = changes.firstAfter(arming.path, arming.op.zxid ?? 0, (event) =>
      firesOn(arming.kind, arming.path, event),
    );
    if (first === undefined) continue;
    const firing = first.event;
    // An event about a node the session may not READ is not sent (ServerCnxn.process checks the ACL).
    if (isRestricted(firing, timeline)) continue;
    // A closeSession answer carries no data (and an expired session gets no events), so it reflects nothing.
    const reflecting = replies.get(session)?.firstAfter(arming.op.returnAt, firing.zxid);
    if (reflecting === undefined) continue;
    const after = arming.op.returnAt;
    const delivered =
      received.receivedBetween(session, firing, after, reflecting.returnAt) ||
      // setWatches on a reconnect synthesizes its own type with zxid -1 (reference §2).
      received
        .synthesized(session)
        .some(
          (event) =>
            event.at > after &&
            event.at < reflecting.returnAt &&
            firesOn(arming.kind, arming.path, event),
        );
    if (delivered) continue;
    if (existHole(arming, firing, reflecting, parsed, timeline)) continue;
    if (mayBeRemoved(arming, reflecting, parsed.operations)) continue;
    if (mayBeReplaced(version, arming, armings, reflecting.returnAt)) continue;
    violations.push({
      check: "watch-order",
      message:
        `the ${arming.kind} watch set by ${describeZkOperation(arming.op)} should fire ` +
        `${firing.type} ${firing.path} at ${zxidText(firing.zxid)} before ` +
        `${describeZkOperation(reflecting)}, which reflects that change, but no such event arrived first`,
      at: atOperation(reflecting, firing.zxid, [arming.op]),
    });
  }
  return violations;
}
