// The request pipeline (reference §2 "Client FIFO", §4.5, §4.7): writes prepared and proposed by the
// leader, reads served locally, per-session FIFO, sync, replies carrying the server's last zxid, and
// failed writes consuming a zxid.
import { expect, it } from "vitest";
import { answerOf, call, completionOf, connectedServer, leaderOf, zkSetup } from "./harness.js";

/** n3 wins the first election (equal epochs and zxids: the highest sid); c1 uses n1, c2 uses n2. */
function followers() {
  return zkSetup({ clientServers: [["n1"], ["n2"]] });
}

it("the ensemble elects n3 and every client connects to its own follower", () => {
  const s = followers();
  s.sim.run({ untilUs: 1_500_000 });
  expect(leaderOf(s)).toBe("n3");
  expect(connectedServer(s, "c1")).toBe("n1");
  expect(connectedServer(s, "c2")).toBe("n2");
});

it("a write through a follower is forwarded to the leader, committed, and answered with its own zxid", () => {
  const s = followers();
  const create = call(s, 1_500, "create", { path: "/a", data: "x" });
  s.sim.run({ untilUs: 3_000_000 });
  const done = completionOf(s, create);
  expect(done?.type).toBe("ok");
  expect(done?.server).toBe("n1");
  expect(answerOf(s, create).stat).toMatchObject({ czxid: done?.zxid, mzxid: done?.zxid });
  expect(s.sim.observations.some((r) => r.node === "n3" && r.observation.kind === "propose")).toBe(
    true,
  );
});

it("a read waits for the same session's earlier write (read-your-writes on a follower)", () => {
  const s = followers();
  const create = call(s, 1_500, "create", { path: "/a", data: "mine" });
  const read = call(s, 1_500, "getData", { path: "/a" });
  s.sim.run({ untilUs: 3_000_000 });
  expect(answerOf(s, read).data).toBe("mine");
  const [w, r] = [completionOf(s, create), completionOf(s, read)];
  expect(Number(r?.zxid)).toBeGreaterThanOrEqual(Number(w?.zxid));
  expect(Number(r?.time)).toBeGreaterThanOrEqual(Number(w?.time));
});

it("replies of one session leave in request order, and their zxids never go backwards", () => {
  const s = followers();
  const ops = [
    call(s, 1_500, "create", { path: "/a", data: "1" }),
    call(s, 1_500, "exists", { path: "/a" }),
    call(s, 1_500, "setData", { path: "/a", data: "2" }),
    call(s, 1_500, "sync", { path: "/a" }),
    call(s, 1_500, "getData", { path: "/a" }),
    call(s, 1_500, "delete", { path: "/a" }),
    call(s, 1_500, "exists", { path: "/a" }),
  ];
  s.sim.run({ untilUs: 3_000_000 });
  const done = ops.map((p) => completionOf(s, p));
  expect(done.map((d) => d?.type)).toEqual(ops.map(() => "ok"));
  const times = done.map((d) => Number(d?.time));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  const zxids = done.map((d) => Number(d?.zxid));
  expect([...zxids].sort((a, b) => a - b)).toEqual(zxids);
  expect(answerOf(s, ops[4] ?? 0).data).toBe("2");
  expect(answerOf(s, ops[6] ?? 0).error).toBe("NONODE");
});

it("after sync, a read on another follower reflects a write committed before the sync", () => {
  const s = followers();
  const write = call(s, 1_500, "create", { path: "/a", data: "w" }, "c1");
  s.sim.run({ untilUs: 2_000_000 });
  const sync = call(s, 2_000, "sync", { path: "/a" }, "c2");
  const read = call(s, 2_000, "getData", { path: "/a" }, "c2");
  s.sim.run({ untilUs: 3_000_000 });
  expect(Number(completionOf(s, sync)?.zxid)).toBeGreaterThanOrEqual(
    Number(completionOf(s, write)?.zxid),
  );
  expect(answerOf(s, read).data).toBe("w");
});

it("a failed write is an error txn: it consumes a zxid and goes through ZAB", () => {
  const s = followers();
  const fail = call(s, 1_500, "delete", { path: "/missing" });
  const ok = call(s, 1_600, "create", { path: "/b" });
  s.sim.run({ untilUs: 3_000_000 });
  expect(answerOf(s, fail).error).toBe("NONODE");
  const failZxid = Number(completionOf(s, fail)?.zxid);
  expect(Number(completionOf(s, ok)?.zxid)).toBe(failZxid + 1);
  const errors = s.sim.observations.filter(
    (r) => r.node === "n3" && r.observation.kind === "deliver" && r.observation.zxid === failZxid,
  );
  expect(JSON.stringify(errors[0]?.observation.value)).toContain('"type":"error"');
});

it("writes from two sessions through different followers get distinct, increasing zxids at the leader", () => {
  const s = followers();
  const a = call(s, 1_500, "create", { path: "/seq-", mode: "persistent_sequential" }, "c1");
  const b = call(s, 1_500, "create", { path: "/seq-", mode: "persistent_sequential" }, "c2");
  s.sim.run({ untilUs: 3_000_000 });
  const paths = [answerOf(s, a).path, answerOf(s, b).path].sort();
  // "/zookeeper" is linked in without counting as a create, so the root's first suffix is 0.
  expect(paths).toEqual(["/seq-0000000000", "/seq-0000000001"]);
  expect(completionOf(s, a)?.zxid).not.toBe(completionOf(s, b)?.zxid);
});

/** Both clients on the leader, n3. */
function onLeader() {
  return zkSetup({ clientServers: [["n3"], ["n3"]] });
}

// LeaderZooKeeperServer: `new CommitProcessor(toBeAppliedProcessor, ..., false, ...)`, and CommitProcessor's
// `needCommit`: `case OpCode.sync: return matchSyncs;`. A leader's own client's sync waits for no proposal.
it("a sync on the leader is answered at once, not after another session's outstanding proposal (matchSyncs = false)", () => {
  const s = onLeader();
  s.sim.run({ untilUs: 1_500_000 });
  expect(leaderOf(s)).toBe("n3");
  const write = call(s, 1_500, "create", { path: "/a", data: "w" }, "c1");
  const sync = call(s, 1_500, "sync", { path: "/a" }, "c2");
  s.sim.run({ untilUs: 3_000_000 });
  const [w, y] = [completionOf(s, write), completionOf(s, sync)];
  expect([w?.type, y?.type]).toEqual(["ok", "ok"]);
  expect(Number(y?.time)).toBeLessThan(Number(w?.time));
  expect(Number(y?.zxid)).toBeLessThan(Number(w?.zxid));
});

it("a sync on the leader still answers after its own session's earlier write (CommitProcessor's session order)", () => {
  const s = onLeader();
  s.sim.run({ untilUs: 1_500_000 });
  const write = call(s, 1_500, "create", { path: "/a", data: "w" }, "c1");
  const sync = call(s, 1_500, "sync", { path: "/a" }, "c1");
  s.sim.run({ untilUs: 3_000_000 });
  const [w, y] = [completionOf(s, write), completionOf(s, sync)];
  expect(Number(y?.time)).toBeGreaterThanOrEqual(Number(w?.time));
  expect(Number(y?.zxid)).toBeGreaterThanOrEqual(Number(w?.zxid));
});
