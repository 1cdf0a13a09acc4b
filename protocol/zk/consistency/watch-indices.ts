// Indices the watch rules (watch-order.ts) look things up in, so that each armed watch costs a few
// binary searches instead of a scan of the whole history: the txn events by path in zxid order, each
// session's replies by completion with a tree for "the first one from here at or above this zxid", and
// each session's events by (zxid, type, path).

import type { WatchEvent } from "../watches/index.js";
import { firstAbove } from "./info-placement.js";
import type { Timeline } from "./write-replay.js";
import type { PositionedEvent, ZkOperation } from "./zk-operation.js";

/** The first txn event on a path after a zxid that satisfies a test. */
export class EventsByPath {
  readonly #byPath = new Map<string, { zxids: number[]; events: WatchEvent[] }>();

  constructor(timeline: Timeline) {
    for (const step of timeline.steps) {
      for (const event of step.events) {
        let list = this.#byPath.get(event.path);
        if (list === undefined) {
          list = { zxids: [], events: [] };
          this.#byPath.set(event.path, list);
        }
        list.zxids.push(step.zxid);
        list.events.push(event);
      }
    }
  }

  firstAfter(path: string, zxid: number, test: (event: WatchEvent) => boolean) {
    const list = this.#byPath.get(path);
    if (list === undefined) return undefined;
    for (let at = firstAbove(list.zxids, zxid); at < list.events.length; at++) {
      const event = list.events[at];
      if (event !== undefined && test(event)) return { event, zxid: list.zxids[at] ?? 0 };
    }
    return undefined;
  }
}

/**
 * A session's replies that carry data (not closeSession), by completion position, with a max-tree over
 * their zxids: the first reply after a position whose zxid reaches a bound, in O(log n).
 */
export class SessionReplies {
  readonly replies: readonly ZkOperation[];
  readonly #returns: number[];
  readonly #max: number[];
  readonly #size: number;

  constructor(replies: readonly ZkOperation[]) {
    this.replies = replies;
    this.#returns = replies.map((op) => op.returnAt);
    let size = 1;
    while (size < replies.length) size *= 2;
    this.#size = size;
    this.#max = new Array<number>(2 * size).fill(Number.NEGATIVE_INFINITY);
    replies.forEach((op, at) => {
      this.#max[size + at] = op.zxid ?? Number.NEGATIVE_INFINITY;
    });
    for (let node = size - 1; node >= 1; node--) {
      this.#max[node] = Math.max(this.#max[2 * node] ?? 0, this.#max[2 * node + 1] ?? 0);
    }
  }

  /** The first reply completed after `position` with zxid >= `zxid`. */
  firstAfter(position: number, zxid: number): ZkOperation | undefined {
    const from = firstAbove(this.#returns, position);
    const at = this.#firstFrom(1, 0, this.#size, from, zxid);
    return at < 0 ? undefined : this.replies[at];
  }

  #firstFrom(node: number, low: number, high: number, from: number, zxid: number): number {
    if (high <= from || (this.#max[node] ?? Number.NEGATIVE_INFINITY) < zxid) return -1;
    if (high - low === 1) return low < this.replies.length ? low : -1;
    const middle = (low + high) >> 1;
    const left = this.#firstFrom(2 * node, low, middle, from, zxid);
    return left >= 0 ? left : this.#firstFrom(2 * node + 1, middle, high, from, zxid);
  }
}

export function sessionReplies(operations: readonly ZkOperation[]): Map<number, SessionReplies> {
  const bySession = new Map<number, ZkOperation[]>();
  for (const op of operations) {
    if (op.zxid === null || op.call.op === "closeSession") continue;
    const list = bySession.get(op.session);
    if (list === undefined) bySession.set(op.session, [op]);
    else list.push(op);
  }
  const replies = new Map<number, SessionReplies>();
  for (const [session, list] of bySession) {
    list.sort((left, right) => left.returnAt - right.returnAt);
    replies.set(session, new SessionReplies(list));
  }
  return replies;
}

/** Each session's events: by (zxid, type, path), and the synthesized ones (zxid -1) in order. */
export class SessionEvents {
  readonly #exact = new Map<string, number[]>();
  readonly #synthesized = new Map<number, PositionedEvent[]>();

  constructor(events: readonly PositionedEvent[]) {
    for (const event of events) {
      if (event.zxid < 0) {
        const list = this.#synthesized.get(event.session) ?? [];
        this.#synthesized.set(event.session, list);
        list.push(event);
        continue;
      }
      const key = SessionEvents.#key(event.session, event.zxid, event.type, event.path);
      const list = this.#exact.get(key) ?? [];
      this.#exact.set(key, list);
      list.push(event.at);
    }
  }

  static #key(session: number, zxid: number, type: string, path: string): string {
    return `${session}\u0000${zxid}\u0000${type}\u0000${path}`;
  }

  /** Whether the session received exactly this change strictly between two positions. */
  receivedBetween(session: number, change: WatchEvent, after: number, before: number): boolean {
    const ats = this.#exact.get(SessionEvents.#key(session, change.zxid, change.type, change.path));
    return ats?.some((at) => at > after && at < before) ?? false;
  }

  synthesized(session: number): readonly PositionedEvent[] {
    return this.#synthesized.get(session) ?? [];
  }
}
