// The leader's session tracker as pure functions (SessionTrackerImpl + ExpiryQueue, reference §3).
import { describe, expect, it } from "vitest";
import { expiryBucketMs } from "../../../../protocol/zk/server/index.js";
import {
  checkSession,
  dueSessions,
  setClosing,
  touchSession,
  trackSession,
} from "../../../../protocol/zk/server/session-tracker.js";
import { nodeId } from "../../../../sim/api/index.js";

const [n1, n2] = [nodeId("n1"), nodeId("n2")];

describe("session tracker", () => {
  it("a touch moves the session to the end of the tick bucket its deadline falls in", () => {
    expect(expiryBucketMs(1_000, 1_500, 100)).toBe(2_600);
    expect(expiryBucketMs(1_050, 1_500, 100)).toBe(2_600);
    const tracked = trackSession(new Map(), 7, 1_500, n1, 1_000, 100);
    expect(dueSessions(tracked, 2_599)).toEqual([]);
    expect(dueSessions(tracked, 2_600)).toEqual([7]);
    const touched = touchSession(tracked, 7, 1_500, 2_000, 100);
    expect(touched.alive).toBe(true);
    expect(dueSessions(touched.sessions, 2_600)).toEqual([]);
  });

  it("a request from another server than the session's owner is SESSIONMOVED; an unowned one adopts it", () => {
    const owned = trackSession(new Map(), 7, 1_500, n1, 0, 100);
    expect(checkSession(owned, 7, n2).error).toBe("SESSIONMOVED");
    expect(checkSession(owned, 7, n1).error).toBeUndefined();
    const unowned = trackSession(new Map(), 7, 1_500, null, 0, 100);
    const adopted = checkSession(unowned, 7, n2);
    expect(adopted.error).toBeUndefined();
    expect(checkSession(adopted.sessions, 7, n1).error).toBe("SESSIONMOVED");
  });

  it("a closing or unknown session is SESSIONEXPIRED, cannot be touched, and is not expired twice", () => {
    const closing = setClosing(trackSession(new Map(), 7, 1_500, n1, 0, 100), 7);
    expect(checkSession(closing, 7, n1).error).toBe("SESSIONEXPIRED");
    expect(checkSession(closing, 8, n1).error).toBe("SESSIONEXPIRED");
    expect(touchSession(closing, 7, 1_500, 100, 100).alive).toBe(false);
    expect(dueSessions(closing, 10_000)).toEqual([]);
  });
});
