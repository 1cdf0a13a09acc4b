// What the placement search may cut on (stat-reach.ts, child-reach.ts): a znode's counters and children
// can only move as far as the writes still able to move them. Each case states the rule of ZooKeeper's
// DataTree it rests on and checks the cut is taken exactly when that rule leaves no way through.
import { describe, expect, test } from "vitest";
import { ChildReach, namesApart } from "../../../../protocol/zk/consistency/child-reach.js";
import { StatReach } from "../../../../protocol/zk/consistency/stat-reach.js";
import type { WriteToReplay } from "../../../../protocol/zk/consistency/write-replay.js";
import type { ClientWriteOp } from "../../../../protocol/zk/wire/index.js";

const OPEN = [{ perms: 31, scheme: "world", id: "anyone" }] as const;
const setData = (path: string): ClientWriteOp => ({ op: "setData", path, data: "x", version: -1 });
const create = (path: string, mode = "persistent"): ClientWriteOp =>
  ({ op: "create", path, data: "", acl: OPEN, mode }) as ClientWriteOp;
const answered = (zxid: number, call: ClientWriteOp, session = 1): WriteToReplay => ({
  call,
  session,
  zxid,
});
const info = (call: ClientWriteOp, session = 1) => ({ call, session });
const everyone = () => true;

describe("StatReach: only setData raises version, only a child's create or delete cversion", () => {
  // /k at version 3 once zxid 10 is decided; a later read shows version 6 with mzxid 20.
  const shown = { version: 6, mzxid: 20, cversion: 0, pzxid: 0 };
  const now = { version: 3, cversion: 0 };

  test("answered setData in (10, 20] and unplaced ones with a slot there are all it can gain", () => {
    const reach = new StatReach(
      [answered(12, setData("/k")), answered(25, setData("/k"))],
      [info(setData("/k")), info(setData("/k")), info(create("/k/c"))],
      [
        [null, 14],
        [null, 30],
        [null, 15],
      ],
    );
    // 3 + 1 answered (12; 25 is past 20) + 1 unplaced with a slot at 14 (the other's only slot is 30).
    expect(reach.falls("/k", 10, now, shown, everyone)).toBe(true);
    expect(reach.falls("/k", 10, { ...now, version: 4 }, shown, everyone)).toBe(false);
    // Once that write is placed elsewhere (or left out), version 5 cannot be reached either.
    expect(reach.falls("/k", 10, { ...now, version: 4 }, shown, (writer) => writer !== 0)).toBe(
      true,
    );
    expect(reach.pathsOf(2)).toEqual(["/k"]);
  });

  test("one free slot holds one write: two writes that may raise it but one slot between are one", () => {
    const reach = new StatReach(
      [],
      [info(setData("/k")), info(setData("/k"))],
      [
        [null, 15],
        [null, 15],
      ],
    );
    expect(reach.falls("/k", 10, { ...now, version: 4 }, shown, everyone)).toBe(true);
    expect(reach.falls("/k", 10, { ...now, version: 5 }, shown, everyone)).toBe(false);
  });

  test("a closeSession deletes at most the ephemerals its session created under the znode", () => {
    const children = { version: 0, mzxid: 0, cversion: 5, pzxid: 20 };
    const reach = new StatReach(
      [answered(2, create("/k/a", "ephemeral"), 7), answered(3, create("/k/b", "ephemeral"), 7)],
      [info({ op: "closeSession" }, 7)],
      [[null, 15]],
    );
    // cversion 2 after the two creates; the close can delete both: at most 4, not 5.
    expect(reach.falls("/k", 10, { version: 0, cversion: 2 }, children, everyone)).toBe(true);
    expect(reach.falls("/k", 10, { version: 0, cversion: 3 }, children, everyone)).toBe(false);
  });
});

describe("ChildReach: a child appears by its create and goes by its delete or its session's close", () => {
  test("names apart count both ways", () => {
    expect(namesApart(["a", "b", "d"], ["b", "c", "d", "e"])).toBe(3);
    expect(namesApart([], ["a"])).toBe(1);
    expect(namesApart(["a"], ["a"])).toBe(0);
  });

  test("a listed name needs a create still able to make it before the listing's pzxid", () => {
    const reach = new ChildReach(
      [],
      [info(create("/k/s-", "persistent_sequential"))],
      [[null, 15]],
    );
    const ownerless = () => 0;
    expect(reach.falls("/k", 10, [], ownerless, ["s-0000000004"], 20, everyone)).toBe(false);
    expect(reach.falls("/k", 10, [], ownerless, ["t-0000000004"], 20, everyone)).toBe(true);
    expect(reach.falls("/k", 15, [], ownerless, ["s-0000000004"], 20, everyone)).toBe(true);
  });

  test("a child missing from the listing needs its delete or its owner's close", () => {
    const reach = new ChildReach([answered(18, { op: "closeSession" }, 9)], [], []);
    expect(reach.falls("/k", 10, ["e"], () => 9, [], 20, everyone)).toBe(false);
    expect(reach.falls("/k", 10, ["e"], () => 8, [], 20, everyone)).toBe(true);
    expect(reach.falls("/k", 18, ["e"], () => 9, [], 20, everyone)).toBe(true);
  });
});
