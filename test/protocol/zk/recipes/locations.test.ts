// Recipe violations say where they show (the step of the node that saw it, by the recipe client's label) and
// name zxids and sessions in hex; lock exclusion tells both holders, since when, and the stale holder's
// session: when it was closed and when its client learnt of it.
import { describe, expect, test } from "vitest";
import {
  checkBarrier,
  checkElection,
  checkLockExclusion,
  checkNaming,
  checkQueue,
  type RecordedObservation,
} from "../../../../protocol/zk/recipes/checks/index.js";
import { type Json, nodeId } from "../../../../sim/api/index.js";

const at = (
  timeUs: number,
  node: string,
  observation: { [key: string]: Json },
): RecordedObservation => ({
  timeUs,
  node: nodeId(node),
  observation: observation as RecordedObservation["observation"],
});
const note = (
  timeUs: number,
  recipe: string,
  client: string,
  event: string,
  fields: { [key: string]: Json } = {},
) => at(timeUs, client, { kind: "recipe", recipe, client, event, ...fields });
const write = (timeUs: number, client: string, lockPath: string, token: number, seq: number) =>
  at(timeUs, "lock-resource", {
    kind: "resource-write",
    client,
    lockPath,
    token,
    seq,
    accepted: true,
  });
const created = (timeUs: number, client: string, path: string, session: number) =>
  at(timeUs, client, {
    kind: "recipe-reply",
    recipe: "lock",
    client,
    f: "create",
    type: "ok",
    value: { path },
    session,
  });

const DECIMAL_ID = /(?<![\w-])[1-9]\d{9,}\b/;
const L1 = "/lock/lock-1-0000000000";
const L2 = "/lock/lock-2-0000000001";
const S1 = 0x20000000001;
const S2 = 0x10000000001;

/** lock-1 holds from 1 s, is paused; its session is closed at 5.1 s; lock-2 holds from 5.2 s; lock-1 writes at 8 s. */
const hazard: RecordedObservation[] = [
  created(1_000_000, "lock-1", L1, S1),
  note(1_001_000, "lock", "lock-1", "acquired", { lockPath: L1, czxid: 0x100000005 }),
  write(1_100_000, "lock-1", L1, 0x100000005, 1),
  created(2_000_000, "lock-2", L2, S2),
  at(5_100_000, "n3", {
    kind: "deliver",
    zxid: 0x10000000d,
    prevZxid: 0x10000000c,
    value: { header: { sessionId: S1 }, txn: { type: "closeSession" } },
  }),
  note(5_200_000, "lock", "lock-2", "acquired", { lockPath: L2, czxid: 0x100000009 }),
  write(5_300_000, "lock-2", L2, 0x100000009, 1),
  write(8_000_000, "lock-1", L1, 0x100000005, 2),
  at(8_090_000, "lock-1", {
    kind: "session-event",
    client: "lock-1",
    state: "Expired",
    session: S1,
  }),
];

describe("lock exclusion", () => {
  test("is located at the resource's write of the stale holder, by its label", () => {
    const [v] = checkLockExclusion(hazard);
    expect(v?.at).toEqual({ node: "lock-resource", timeUs: 8_000_000, client: "lock-1" });
    expect(v?.message).toContain("token 0x100000005");
    expect(v?.message).not.toMatch(DECIMAL_ID);
  });

  test("tells both holders, since when, and the stale holder's session closed before it wrote", () => {
    const story = checkLockExclusion(hazard)[0]?.story ?? "";
    expect(story).toContain("lock-1 and lock-2 both held /lock at 8.000 s");
    expect(story).toContain(
      `lock-1 held it since 1.001 s (${L1}, czxid 0x100000005; its session 0x20000000001 was closed at 0x10000000d (5.100 s), and it learnt of the expiry only at 8.090 s)`,
    );
    expect(story).toContain(
      `lock-2 held it since 5.200 s (${L2}, czxid 0x100000009; its session 0x10000000001 was still open)`,
    );
  });
});

describe("other recipe properties", () => {
  test("election-term: at the second leader's note, about the term in hex", () => {
    const records = [
      note(1_000_000, "election", "election-1", "elected", { term: 0x100000003 }),
      note(2_000_000, "election", "election-2", "elected", { term: 0x100000003 }),
    ];
    const v = checkElection(records, { exclusive: false }).find((x) => x.check === "election-term");
    expect(v?.at).toEqual({
      node: "election-2",
      timeUs: 2_000_000,
      client: "election-2",
      zxid: 0x100000003,
    });
    expect(v?.message).toBe("election-2 and election-1 both led term 0x100000003");
  });

  test("barrier: at the pass, with the zxids of the read and the barrier's window in hex", () => {
    const records = [
      note(1_000_000, "barrier", "barrier-1", "raised", { zxid: 0x100000002 }),
      note(1_500_000, "barrier", "barrier-2", "passed", { zxid: 0x100000003 }),
    ];
    const [v] = checkBarrier(records);
    expect(v?.at).toEqual({
      node: "barrier-2",
      timeUs: 1_500_000,
      client: "barrier-2",
      zxid: 0x100000003,
    });
    expect(v?.message).toContain(
      "on a read at zxid 0x100000003, while the barrier stood (zxids 0x100000002..the end)",
    );
    expect(v?.story).toContain("create at 0x100000002 (noted by barrier-1 at 1.000 s)");
  });

  test("queue and naming: at the second consumer's or namer's note", () => {
    const queue = [
      note(1_000_000, "queue", "queue-1", "produced", { item: "i0" }),
      note(2_000_000, "queue", "queue-2", "consumed", { path: "/queue/q-0", item: "i0" }),
      note(3_000_000, "queue", "queue-3", "consumed", { path: "/queue/q-0", item: "i0" }),
    ];
    expect(checkQueue(queue)[0]?.at).toEqual({
      node: "queue-3",
      timeUs: 3_000_000,
      client: "queue-3",
    });
    const naming = [
      note(1_000_000, "naming", "naming-1", "named", { name: "/names/n-1" }),
      note(4_000_000, "naming", "naming-2", "named", { name: "/names/n-1" }),
    ];
    expect(checkNaming(naming)[0]?.at).toEqual({
      node: "naming-2",
      timeUs: 4_000_000,
      client: "naming-2",
    });
  });
});

describe("two leaders at once", () => {
  test("election-exclusive: at the second leader's note, telling both terms and when each led", () => {
    const records = [
      note(1_000_000, "election", "election-2", "elected", { term: 0x100000003 }),
      note(6_000_000, "election", "election-1", "elected", { term: 0x100000007 }),
      note(9_000_000, "election", "election-2", "lost", { term: 0x100000003 }),
    ];
    const [v] = checkElection(records);
    expect(v?.check).toBe("election-exclusive");
    expect(v?.at).toEqual({
      node: "election-1",
      timeUs: 6_000_000,
      client: "election-1",
      zxid: 0x100000007,
    });
    expect(v?.story).toBe(
      "election-2 and election-1 led at once from 6.000 s: election-2 had been elected at 1.000 s (term 0x100000003) and led until 9.000 s; election-1 was elected at 6.000 s (term 0x100000007).",
    );
  });
});
