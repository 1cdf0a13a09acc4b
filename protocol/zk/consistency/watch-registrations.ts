// One-shot watches as a server holds them (reference §2 "Watches and ordering"; WatchManager,
// DataTree.setWatches): per session, one watcher per path in the data table (getData, exists) and one in the
// child table (getChildren), so a second registration on a watched path is the same watcher. The first event
// that fires a watcher spends it (NodeDeleted fires both tables at once), and a later event on that path
// needs a later registration. A reconnect's setWatches re-arms what the client still holds: the same
// registration, not a new one; each event setWatches synthesizes (zxid -1) answers one table's watcher.
// Persistent watches (addWatch) are never spent and get no synthesized events.

import { firesOn, type WatchKind, watchArmedBy } from "../watches/index.js";
import { atEvent, describeEvent, describeZkOperation, type ZkViolation } from "./violation.js";
import { errorOf, type PositionedEvent, type ZkOperation } from "./zk-operation.js";

export type Arming = { readonly op: ZkOperation; readonly kind: WatchKind; readonly path: string };

/** The watch an answered read or addWatch set, if any (watchArmedBy, reference §1.5). */
export function armingOf(op: ZkOperation): Arming | undefined {
  const { call } = op;
  if (op.status !== "ok") return undefined;
  if (call.op === "addWatch") return { op, kind: call.mode, path: call.path };
  if (call.op !== "exists" && call.op !== "getData" && call.op !== "getChildren") return undefined;
  if (!call.watch) return undefined;
  const error = errorOf(op);
  const outcome = error === "NONODE" || error === "NOAUTH" ? error : error === null ? "ok" : null;
  if (outcome === null) return undefined;
  const kind = watchArmedBy(call.op, outcome);
  return kind === undefined ? undefined : { op, kind, path: call.path };
}

export function armingsOf(operations: readonly ZkOperation[]): Arming[] {
  return operations.flatMap((op) => armingOf(op) ?? []);
}

export type WatchUse = {
  readonly violations: readonly ZkViolation[];
  /**
   * The events a persistent watch explains. Only these may repeat a change, as often as its txn caused it
   * (watch-order.ts): a repeat that spends a one-shot watch needs a new registration, checked here.
   */
  readonly persistent: readonly PositionedEvent[];
};

type Table = "data" | "child";
type Watcher = {
  readonly first: Arming;
  readonly kinds: readonly WatchKind[];
  /** The lowest reply zxid among its registrations: the server held it from there on. */
  readonly sinceZxid: number;
};
type Spent = { readonly watcher: Watcher; readonly by: PositionedEvent };
type SessionWatches = {
  readonly armed: Map<string, Watcher>;
  readonly spent: Map<string, Spent>;
  readonly persistent: Arming[];
};

const keyOf = (table: Table, path: string): string => `${table}\u0000${path}`;

function tableOf(kind: WatchKind): Table | undefined {
  if (kind === "data" || kind === "exist") return "data";
  return kind === "child" ? "child" : undefined;
}

/** The tables whose watchers an event can fire, data first (NodeDeleted: both). */
function tablesFiredBy(event: PositionedEvent): readonly Table[] {
  if (event.type === "NodeChildrenChanged") return ["child"];
  return event.type === "NodeDeleted" ? ["data", "child"] : ["data"];
}

/**
 * Whether the watcher fires for the event: a change after it was set (a txn the server applied before the
 * registering read could not fire it), or a setWatches catch-up, which carries no zxid.
 */
function fires(watcher: Watcher, event: PositionedEvent): boolean {
  if (!watcher.kinds.some((kind) => firesOn(kind, event.path, event))) return false;
  return event.zxid < 0 || watcher.sinceZxid < event.zxid;
}

function register(watches: SessionWatches, arming: Arming): void {
  const table = tableOf(arming.kind);
  if (table === undefined) {
    watches.persistent.push(arming);
    return;
  }
  const key = keyOf(table, arming.path);
  const zxid = arming.op.zxid ?? 0;
  const held = watches.armed.get(key);
  const watcher: Watcher =
    held === undefined
      ? { first: arming, kinds: [arming.kind], sinceZxid: zxid }
      : {
          ...held,
          kinds: held.kinds.includes(arming.kind) ? held.kinds : [...held.kinds, arming.kind],
          sinceZxid: Math.min(held.sinceZxid, zxid),
        };
  watches.armed.set(key, watcher);
}

/** Spends the watchers the event fires; a synthesized event answers one of them. How many it spent. */
function spend(watches: SessionWatches, event: PositionedEvent): number {
  let count = 0;
  for (const table of tablesFiredBy(event)) {
    if (event.zxid < 0 && count > 0) break;
    const key = keyOf(table, event.path);
    const watcher = watches.armed.get(key);
    if (watcher === undefined || !fires(watcher, event)) continue;
    watches.armed.delete(key);
    watches.spent.set(key, { watcher, by: event });
    count++;
  }
  return count;
}

function persistentFires(
  watches: SessionWatches,
  event: PositionedEvent,
  minusOneMayBeReal: boolean,
): boolean {
  const after = (arming: Arming) =>
    event.zxid > (arming.op.zxid ?? 0) || (minusOneMayBeReal && event.zxid < 0);
  return watches.persistent.some(
    (arming) => after(arming) && firesOn(arming.kind, arming.path, event),
  );
}

function unexplained(watches: SessionWatches, event: PositionedEvent): ZkViolation {
  const again = tablesFiredBy(event)
    .map((table) => watches.spent.get(keyOf(table, event.path)))
    .find((spent) => spent !== undefined && fires(spent.watcher, event));
  const message =
    again === undefined
      ? `${describeEvent(event)} arrived although the session had set no watch it fires`
      : `${describeEvent(event)} fired the one-shot watch set by ` +
        `${describeZkOperation(again.watcher.first.op)} a second time: ${describeEvent(again.by)} ` +
        "had spent it, and no later read registered it again";
  return {
    check: "watch-order",
    message,
    at: atEvent(event, again === undefined ? [] : [again.watcher.first.op]),
  };
}

/**
 * Walks each session's registrations and events in record order; placement-free. `minusOneMayBeReal`: an
 * event at -1 may be a real one whose zxid is unknown (a 3.8 history, notification-zxids.ts), so a persistent
 * watch may explain it too.
 */
export function watchUseOf(
  operations: readonly ZkOperation[],
  events: readonly PositionedEvent[],
  minusOneMayBeReal = false,
): WatchUse {
  const items = [
    ...armingsOf(operations).map((arming) => ({ at: arming.op.returnAt, arming })),
    ...events.map((event) => ({ at: event.at, event })),
  ].sort((left, right) => left.at - right.at);
  const sessions = new Map<number, SessionWatches>();
  const watchesOf = (session: number): SessionWatches => {
    const known = sessions.get(session);
    if (known !== undefined) return known;
    const made = { armed: new Map(), spent: new Map(), persistent: [] };
    sessions.set(session, made);
    return made;
  };
  const violations: ZkViolation[] = [];
  const persistent: PositionedEvent[] = [];
  for (const item of items) {
    if ("arming" in item) {
      register(watchesOf(item.arming.op.session), item.arming);
      continue;
    }
    const { event } = item;
    const watches = watchesOf(event.session);
    const spentCount = spend(watches, event);
    const byPersistent = persistentFires(watches, event, minusOneMayBeReal);
    if (byPersistent) persistent.push(event);
    if (spentCount === 0 && !byPersistent) violations.push(unexplained(watches, event));
  }
  return { violations, persistent };
}
