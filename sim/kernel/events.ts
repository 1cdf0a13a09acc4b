// The kernel's internal events. Plain objects with numeric fields, so the hot path allocates one small
// object per event and compares numbers only.
import type { Timed } from "../queue/index.js";

export const EV_START = 0;
export const EV_DELIVER = 1;
export const EV_DATAGRAM = 2;
export const EV_TIMER = 3;
export const EV_NOTIFY = 4;
export const EV_BREAK_CHECK = 5;
export const EV_FSYNC = 6;
export const EV_REQUEST = 7;
export const EV_NEMESIS = 8;
export const EV_RESUME = 9;
export const EV_DELIVER_HELD = 10;
export const EV_POST = 11;

/**
 * `node` is the target node index (-1 for none); `a` and `b` carry the event's numbers:
 * DELIVER (a = direction, b = its generation, data = the message), DELIVER_HELD (a, b as DELIVER), DATAGRAM (a = sender), TIMER (a = node incarnation,
 * b = timer generation), NOTIFY (a = peer, b = generation), BREAK_CHECK (a = pair, b = generation),
 * FSYNC (a = node incarnation, b = the sync's sequence number), RESUME (a = pause generation), POST (a = node
 * incarnation, data = the message).
 */
export interface KernelEvent extends Timed {
  readonly time: number;
  seq: number;
  readonly kind: number;
  readonly node: number;
  readonly a: number;
  readonly b: number;
  readonly data: unknown;
}
