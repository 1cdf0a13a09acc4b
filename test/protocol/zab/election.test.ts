import { describe, expect, test } from "vitest";
import { isBetterVote, votesEqual } from "../../../protocol/zab/election.js";
import { makeZxid } from "../../../protocol/zab/zxid.js";
import { boot, config3, feed, msg, N1, N2, N3, sends } from "./unit.js";

const cfg = config3();
const vote = (leader: typeof N1, epoch: number, counter: number, peerEpoch: number) => ({
  leader,
  zxid: makeZxid(epoch, counter),
  peerEpoch,
});

describe("Fast Leader Election (reference §4.2)", () => {
  test("'Epoch is compared first': a higher peerEpoch wins over a higher zxid", () => {
    expect(isBetterVote(cfg, vote(N1, 1, 3, 2), vote(N3, 1, 9, 1))).toBe(true);
    expect(isBetterVote(cfg, vote(N3, 1, 9, 1), vote(N1, 1, 3, 2))).toBe(false);
  });

  test("'equal epoch and newZxid > curZxid' wins; then 'newId > curId' breaks ties", () => {
    expect(isBetterVote(cfg, vote(N1, 1, 4, 1), vote(N3, 1, 3, 1))).toBe(true);
    expect(isBetterVote(cfg, vote(N3, 1, 3, 1), vote(N2, 1, 3, 1))).toBe(true);
    expect(isBetterVote(cfg, vote(N2, 1, 3, 1), vote(N3, 1, 3, 1))).toBe(false);
  });

  test("votes of peers out of election compare only (leader, peerEpoch)", () => {
    const a = { ...vote(N3, 1, 3, 2), electionEpoch: 4, state: "FOLLOWING" as const };
    const b = { ...vote(N3, 1, 7, 2), electionEpoch: 9, state: "LEADING" as const };
    expect(votesEqual(a, b)).toBe(true);
    expect(votesEqual({ ...a, state: "LOOKING" }, b)).toBe(false);
  });
});

describe("Fast Leader Election: rounds (reference §4.2)", () => {
  test("'Initial vote = (myid, lastLoggedZxid, currentEpoch); logicalclock++ ... broadcast to all'", () => {
    const d = boot(cfg, N1);
    expect(d.state.logicalclock).toBe(1);
    expect(d.state.election?.vote).toEqual({ leader: N1, zxid: 0, peerEpoch: 0 });
    expect(sends(d, "NOTIFICATION").map((s) => s.to)).toEqual([N2, N3]);
  });

  test("'if n.electionEpoch > logicalclock: adopt it, clear recvset, vote = better of (n's vote, my initial vote), rebroadcast'", () => {
    const d = boot(cfg, N1);
    const n = {
      type: "NOTIFICATION" as const,
      vote: vote(N3, 0, 0, 0),
      electionEpoch: 5,
      state: "LOOKING" as const,
    };
    const next = feed(cfg, d, msg(N2, n));
    expect(next.state.logicalclock).toBe(5);
    expect(next.state.election?.vote.leader).toBe(N3);
    expect(Object.keys(next.state.election?.recvset ?? {}).sort()).toEqual([N1, N2]);
    expect(sends(next, "NOTIFICATION").length).toBe(2);
  });

  test("'If smaller: ignore (the receiver thread also replies with its own vote to a lagging LOOKING sender)'", () => {
    const d = feed(cfg, boot(cfg, N1), { kind: "timer", timer: "fle-resend" });
    const bumped = { ...d, state: { ...d.state, logicalclock: 3 } };
    const n = {
      type: "NOTIFICATION" as const,
      vote: vote(N3, 0, 0, 0),
      electionEpoch: 1,
      state: "LOOKING" as const,
    };
    const next = feed(cfg, bumped, msg(N2, n));
    expect(next.state.election?.recvset[N2]).toBeUndefined();
    expect(sends(next, "NOTIFICATION").map((s) => s.to)).toEqual([N2]);
  });
});

describe("Fast Leader Election: deciding and joining (reference §4.2)", () => {
  test("'If recvset contains a quorum agreeing with my current vote: ... finalizeWait = 200 ms', then decide", () => {
    const d = boot(cfg, N3);
    const n = {
      type: "NOTIFICATION" as const,
      vote: vote(N3, 0, 0, 0),
      electionEpoch: 1,
      state: "LOOKING" as const,
    };
    const agreed = feed(cfg, d, msg(N1, n));
    expect(agreed.effects).toContainEqual({
      kind: "set-timer",
      timer: "fle-finalize",
      afterUs: 200_000,
    });
    const decided = feed(cfg, agreed, { kind: "timer", timer: "fle-finalize" });
    expect(decided.state.role).toBe("LEADING");
  });

  test("'join leader L when a quorum of outofelection votes for L and L itself reported LEADING'", () => {
    const d = boot(cfg, N1);
    const follower = {
      type: "NOTIFICATION" as const,
      vote: vote(N3, 1, 0, 1),
      electionEpoch: 7,
      state: "FOLLOWING" as const,
    };
    const one = feed(cfg, d, msg(N2, follower));
    expect(one.state.role).toBe("LOOKING");
    const leading = { ...follower, state: "LEADING" as const };
    const two = feed(cfg, one, msg(N3, leading));
    expect(two.state.role).toBe("FOLLOWING");
    expect(sends(two, "FOLLOWERINFO").map((s) => s.to)).toEqual([N3]);
  });

  test("'Polling timeout starts at 200 ms and doubles up to 60 s'", () => {
    let d = boot(cfg, N1);
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      d = feed(cfg, d, { kind: "timer", timer: "fle-resend" });
      for (const e of d.effects) if (e.kind === "set-timer") delays.push(e.afterUs);
    }
    expect(delays.slice(0, 3)).toEqual([400_000, 800_000, 1_600_000]);
    expect(delays[delays.length - 1]).toBe(60_000_000);
  });

  test("'A non-LOOKING peer receiving a LOOKING notification replies with its current vote'", () => {
    const d = boot(cfg, N1);
    const following = {
      ...d,
      state: {
        ...d.state,
        role: "FOLLOWING" as const,
        election: null,
        currentVote: vote(N3, 1, 0, 1),
      },
    };
    const n = {
      type: "NOTIFICATION" as const,
      vote: vote(N2, 0, 0, 0),
      electionEpoch: 1,
      state: "LOOKING" as const,
    };
    const reply = sends(feed(cfg, following, msg(N2, n)), "NOTIFICATION");
    expect(reply.map((s) => [s.to, s.msg])).toEqual([
      [N2, { type: "NOTIFICATION", vote: vote(N3, 1, 0, 1), electionEpoch: 1, state: "FOLLOWING" }],
    ]);
  });
});
