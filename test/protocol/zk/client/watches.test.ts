// Reference §2 "Watches and ordering" and "Client FIFO", end to end through the client and fake servers.
import { describe, expect, it } from "vitest";
import { clientConfig, zkClient } from "../../../../protocol/zk/client/index.js";
import type { WireMessage } from "../../../../protocol/zk/wire/index.js";
import type { Effect, NodeProtocol } from "../../../../sim/api/index.js";
import { nodeId } from "../../../../sim/api/index.js";
import { Simulation } from "../../../../sim/kernel/index.js";
import { type FakeServerState, fakeServer } from "./fake-server.js";
import { fakeWorld } from "./fake-world.js";
import {
  call,
  clientState,
  completionOf,
  completions,
  connectedServer,
  observed,
  setup,
} from "./harness.js";

// Zxids: 1 and 2 are the two sessions' createSession txns.
const events = (s: Parameters<typeof observed>[0], client = "c1") =>
  observed(s, "watch-event", client).map((o) => [o.type, o.path, o.zxid, o.fired]);

describe("§2 watches", () => {
  it("Standard watches are one-shot: a data watch fires once for two changes", () => {
    const s = setup({ clients: 2 });
    call(s, 100, "create", { path: "/a", data: "0" });
    call(s, 200, "getData", { path: "/a", watch: true });
    call(s, 300, "setData", { path: "/a", data: "1" }, "c2");
    call(s, 400, "setData", { path: "/a", data: "2" }, "c2");
    s.sim.run({ untilUs: 1_000_000 });
    expect(events(s)).toEqual([["NodeDataChanged", "/a", 4, ["data"]]]);
    expect(clientState(s).watches).toEqual([]);
  });

  it("exists(watch) on a missing node arms a watch ... will fire NodeCreated", () => {
    const s = setup({ clients: 2 });
    const probe = call(s, 100, "exists", { path: "/x", watch: true });
    call(s, 300, "create", { path: "/x" }, "c2");
    s.sim.run({ untilUs: 1_000_000 });
    expect(completionOf(s, probe)).toMatchObject({ type: "ok", value: { error: "NONODE" } });
    expect(events(s)).toEqual([["NodeCreated", "/x", 3, ["exist"]]]);
  });

  it("a client sees the watch event before it sees any data that reflects the change", () => {
    const s = setup({ clients: 2 });
    call(s, 100, "create", { path: "/a", data: "0" });
    call(s, 200, "getData", { path: "/a", watch: true });
    call(s, 300, "setData", { path: "/a", data: "1" }, "c2");
    const read = call(s, 300.2, "getData", { path: "/a" });
    s.sim.run({ untilUs: 1_000_000 });
    const readAtUs = (completionOf(s, read)?.time ?? 0) / 1_000;
    const eventAtUs = observed(s, "watch-event")[0]?.timeUs ?? Number.POSITIVE_INFINITY;
    expect(eventAtUs).toBeLessThanOrEqual(readAtUs);
  });

  it("Persistent watches are not removed on trigger; recursive ones fire for every descendant", () => {
    const s = setup({ clients: 2 });
    call(s, 100, "addWatch", { path: "/p", mode: "persistent" });
    call(s, 100, "addWatch", { path: "/r", mode: "persistentRecursive" });
    call(s, 200, "create", { path: "/p" }, "c2");
    call(s, 250, "create", { path: "/r" }, "c2");
    call(s, 300, "setData", { path: "/p", data: "1" }, "c2");
    call(s, 400, "create", { path: "/r/child" }, "c2");
    s.sim.run({ untilUs: 1_000_000 });
    expect(events(s)).toEqual([
      ["NodeCreated", "/p", 3, ["persistent"]],
      ["NodeCreated", "/r", 4, ["persistentRecursive"]],
      ["NodeDataChanged", "/p", 5, ["persistent"]],
      ["NodeCreated", "/r/child", 6, ["persistentRecursive"]],
    ]);
  });

  it("Reconnect: the client re-registers all outstanding watches with setWatches(relativeZxid = lastZxid)", () => {
    const s = setup({ servers: 2, clients: 2 });
    call(s, 100, "create", { path: "/changed", data: "0" });
    call(s, 100, "create", { path: "/same", data: "0" });
    call(s, 200, "getData", { path: "/changed", watch: true });
    call(s, 200, "getData", { path: "/same", watch: true });
    s.sim.run({ untilUs: 500_000 });
    const first = connectedServer(s);
    const c1 = nodeId("c1");
    const cuts = [[first, c1] as const, [c1, first] as const];
    s.sim.schedule([
      { atUs: 600_000, op: { f: "partition-start", cuts } },
      { atUs: 4_000_000, op: { f: "partition-stop" } },
    ]);
    // While c1 is away its server drops the connection's watches; the change is caught up on reconnect.
    call(s, 700, "setData", { path: "/changed", data: "1" }, "c2");
    call(s, 3_500, "setData", { path: "/same", data: "1" }, "c2");
    s.sim.run({ untilUs: 5_000_000 });
    expect(connectedServer(s)).not.toBe(first);
    const seen = events(s);
    expect(seen[0]?.[0]).toBe("NodeDataChanged");
    expect(seen.map((e) => e[1])).toContain("/changed");
    expect(seen.map((e) => e[1])).toContain("/same");
    expect(seen).toHaveLength(2);
  });
});

describe("§2 client FIFO", () => {
  it("a client's updates are applied in the order sent, and answered in the same order", () => {
    const s = setup();
    const ids = [0, 1, 2, 3, 4].map((i) =>
      call(s, 100, i % 2 === 0 ? "create" : "getData", { path: `/f${Math.floor(i / 2)}` }),
    );
    s.sim.run({ untilUs: 1_000_000 });
    const done = completions(s);
    expect(done.map((e) => e.process)).toEqual(ids);
    const zxids = done.map((e) => Number(e.zxid));
    expect([...zxids].sort((a, b) => a - b)).toEqual(zxids);
  });

  it("an out-of-order reply is a protocol violation: the client drops the connection", () => {
    const world = fakeWorld();
    const sim = new Simulation({ seed: 3 });
    sim.addNode("n1", swappingReplies(fakeServer(world)));
    sim.addNode("c1", zkClient(clientConfig([nodeId("n1")], { sessionTimeoutMs: 3_000 })));
    sim.submit({ atUs: 100_000, node: "c1", process: 1, f: "getData", value: { path: "/" } });
    sim.submit({
      atUs: 100_000,
      node: "c1",
      process: 2,
      f: "getData",
      value: { path: "/zookeeper" },
    });
    sim.run({ untilUs: 1_000_000 });
    const violations = sim.observations.filter((r) => r.observation.kind === "violation");
    expect(violations[0]?.observation).toMatchObject({
      what: "xid out of order",
      expected: 1,
      got: 2,
    });
    const done = sim.history.filter((e) => e.type !== "invoke");
    expect(done.map((e) => [e.process, e.type])).toEqual([
      [1, "info"],
      [2, "info"],
    ]);
  });
});

/** A broken server: holds the first reply to an application request and sends it after the second. */
function swappingReplies(
  inner: NodeProtocol<FakeServerState, WireMessage>,
): NodeProtocol<SwapState, WireMessage> {
  return {
    name: "swapping-server",
    init: (ctx) => {
      const r = inner.init(ctx);
      return { state: { inner: r.state, held: [], swapped: false }, effects: r.effects };
    },
    step: (state, input, ctx) => {
      const r = inner.step(state.inner, input, ctx);
      const isReply = (e: Effect<WireMessage>) =>
        e.kind === "send" && e.msg.type === "ReplyPacket" && e.msg.xid > 0;
      const replies = r.effects.filter(isReply);
      const others = r.effects.filter((e) => !isReply(e));
      if (!state.swapped && state.held.length === 0 && replies.length > 0) {
        return { state: { ...state, inner: r.state, held: replies }, effects: others };
      }
      const swapped = state.swapped || (state.held.length > 0 && replies.length > 0);
      const effects =
        swapped && !state.swapped ? [...others, ...replies, ...state.held] : r.effects;
      return { state: { inner: r.state, held: swapped ? [] : state.held, swapped }, effects };
    },
  };
}

type SwapState = {
  readonly inner: FakeServerState;
  readonly held: readonly Effect<WireMessage>[];
  readonly swapped: boolean;
};
