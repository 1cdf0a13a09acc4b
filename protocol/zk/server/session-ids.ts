// Session ids and passwords (reference §3 "Id"): the creating server's sid in the top bits, the clock at
// start-up below it, a counter at the bottom (SessionTrackerImpl.initializeNextSessionId), kept within
// safe integers: sid * 2^40 + (ms mod 2^24) * 2^16. The password is derived from the id, as
// ZooKeeperServer.generatePasswd seeds a Random with it.
import type { SessionId } from "../data-tree/index.js";

const SID_SPAN = 2 ** 40;
const TIME_SPAN = 2 ** 24;
const COUNTER_SPAN = 2 ** 16;

export function firstSessionId(sid: number, nowMs: number): SessionId {
  return sid * SID_SPAN + (Math.floor(nowMs) % TIME_SPAN) * COUNTER_SPAN + 1;
}

/** A 16-hex-digit password from the id (FNV-1a over its decimal text, folded twice). */
export function passwordOf(sessionId: SessionId): string {
  let low = 0x811c9dc5;
  let high = 0xb3415c00;
  const text = String(sessionId);
  for (let i = 0; i < text.length; i++) {
    low = Math.imul(low ^ text.charCodeAt(i), 0x01000193) >>> 0;
    high = Math.imul(high ^ low, 0x01000193) >>> 0;
  }
  return `${high.toString(16).padStart(8, "0")}${low.toString(16).padStart(8, "0")}`;
}

/** Request numbers start at a random multiple of 2^21, so those of an earlier incarnation never match. */
export function firstRequestId(draw: number): number {
  return Math.floor(draw * 2 ** 31) * 2 ** 21 + 1;
}
