// "A client sees the watch event before it sees any data that reflects the change" for persistent watches
// (addWatch, reference §2): they fire on every qualifying txn, but only while their session is connected to
// the server applying it; a reconnect re-arms them with no catch-up, so changes made while the session was
// away are lost. The rule therefore asks for an event only where the history shows one connection saw both
// sides of the change: a reply of the session below the txn's zxid and a later one at or above it, with no
// (re)connect of the session between them. It needs the connection records (ZkConnected); a session
// without any gets no obligation.

import type { ZkVersion } from "../../zab/index.js";
import { firesOn, type WatchEvent } from "../watches/index.js";
import { mayBeReplaced } from "./replaced-watches.js";
import { atOperation, describeZkOperation, type ZkViolation, zxidText } from "./violation.js";
import { SessionEvents } from "./watch-indices.js";
import type { Arming } from "./watch-registrations.js";
import { stepIndexAt, type Timeline } from "./write-replay.js";
import type { ZkOperation, ZkParsed } from "./zk-operation.js";

type SessionView = {
  /** The session's answered operations that carry data, by completion position. */
  readonly replies: readonly ZkOperation[];
  /** Positions of the session's (re)connects, ascending. */
  readonly connectedAt: readonly number[];
};

function sessionView(parsed: ZkParsed, session: number): SessionView {
  const replies = parsed.operations
    .filter((op) => op.session === session && op.status === "ok" && op.zxid !== null)
    .filter((op) => op.call.op !== "closeSession")
    .sort((left, right) => left.returnAt - right.returnAt);
  const connectedAt = parsed.connections
    .filter((connection) => connection.session === session)
    .map((connection) => connection.at);
  return { replies, connectedAt };
}

/**
 * The reply that first reflects the txn at `zxid` among `after` (the session's replies from the watch's
 * own on), if the connection it came over also answered one of them below `zxid` (so that connection's
 * server applied the txn while the watch was armed there).
 */
function reflectingOnOneConnection(
  view: SessionView,
  after: readonly ZkOperation[],
  zxid: number,
): ZkOperation | undefined {
  const reflecting = after.find((op) => (op.zxid ?? 0) >= zxid);
  if (reflecting === undefined) return undefined;
  const connectedAt = view.connectedAt.findLast((at) => at < reflecting.returnAt) ?? -1;
  const witnessed = after.some(
    (op) => op.returnAt > connectedAt && op.returnAt < reflecting.returnAt && (op.zxid ?? 0) < zxid,
  );
  return witnessed ? reflecting : undefined;
}

function missing(arming: Arming, firing: WatchEvent, reflecting: ZkOperation): ZkViolation {
  return {
    check: "watch-order",
    message:
      `the ${arming.kind} watch set by ${describeZkOperation(arming.op)} should fire ` +
      `${firing.type} ${firing.path} at ${zxidText(firing.zxid)} before ` +
      `${describeZkOperation(reflecting)}, which reflects that change on the same connection, ` +
      "but no such event arrived first",
    at: atOperation(reflecting, firing.zxid, [arming.op]),
  };
}

export function checkPersistentWatchOrder(
  parsed: ZkParsed,
  armings: readonly Arming[],
  timeline: Timeline,
  version: ZkVersion = "3.9",
): ZkViolation[] {
  const violations: ZkViolation[] = [];
  const views = new Map<number, SessionView>();
  let received: SessionEvents | undefined;
  for (const arming of armings) {
    if (arming.kind !== "persistent" && arming.kind !== "persistentRecursive") continue;
    const { session } = arming.op;
    const view = views.get(session) ?? sessionView(parsed, session);
    views.set(session, view);
    if (view.connectedAt.length === 0) continue;
    received ??= new SessionEvents(parsed.events);
    const after = view.replies.filter((op) => op.returnAt >= arming.op.returnAt);
    const from = stepIndexAt(timeline, arming.op.zxid ?? 0) + 1;
    for (let at = from; at < timeline.steps.length; at++) {
      const step = timeline.steps[at];
      if (step === undefined) continue;
      const reflecting = reflectingOnOneConnection(view, after, step.zxid);
      if (reflecting === undefined) continue;
      for (const firing of step.events) {
        if (!firesOn(arming.kind, arming.path, firing)) continue;
        // An event about a node the session may not READ is not sent (ServerCnxn.process checks the ACL).
        if (step.restricted.some((r) => r.type === firing.type && r.path === firing.path)) continue;
        const delivered = received.receivedBetween(
          session,
          firing,
          arming.op.returnAt,
          reflecting.returnAt,
        );
        if (delivered) continue;
        // 3.8: a registration of another mode on the path may have ended this one (replaced-watches.ts).
        if (mayBeReplaced(version, arming, armings, reflecting.returnAt)) continue;
        violations.push(missing(arming, firing, reflecting));
      }
    }
  }
  return violations;
}
