// The network's defined behaviour (README "Network semantics"), one scenario per sentence.
import { describe, expect, it } from "vitest";
import { nodeId } from "../../sim/api/index.js";
import { Simulation, type SimulationConfig } from "../../sim/kernel/index.js";
import { oneWay } from "../../sim/network/index.js";
import { act, recorder, seen } from "../support/recorder.js";

const LATENCY_US = 1_000;
const DETECTION_US = 500_000;

function cluster(config: Partial<SimulationConfig> = {}, count = 2): Simulation {
  const sim = new Simulation({
    seed: 1,
    network: {
      latency: { kind: "constant", us: LATENCY_US },
      detection: { kind: "constant", us: DETECTION_US },
    },
    ...config,
  });
  for (let i = 1; i <= count; i++) sim.addNode(`n${i}`, recorder);
  return sim;
}

const received = (sim: Simulation, node: string) =>
  seen(sim, "recv")
    .filter((s) => s.node === node)
    .map((s) => s.n);

const cut = (from: string, to: string) => oneWay([nodeId(from)], [nodeId(to)]).cuts;

describe("connections", () => {
  it("deliver in order even when latencies would reorder them", () => {
    const sim = new Simulation({
      seed: 3,
      network: { latency: { kind: "exponential", minUs: 10, tailMeanUs: 5_000, maxUs: 100_000 } },
    });
    sim.addNode("n1", recorder);
    sim.addNode("n2", recorder);
    act(sim, 10, "n1", "send", { to: "n2", count: 200 });
    sim.run();
    expect(received(sim, "n2")).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it("hold messages across a cut that heals before detection, then deliver them late and in order", () => {
    const sim = cluster();
    act(sim, 1_000, "n1", "send", { to: "n2", count: 1, n: 0 });
    act(sim, 10_000, "n1", "send", { to: "n2", count: 3, n: 1 });
    sim.schedule([
      { atUs: 10_500, op: { f: "partition-start", cuts: cut("n1", "n2") } },
      { atUs: 200_000, op: { f: "partition-stop" } },
    ]);
    sim.run();
    const recv = seen(sim, "recv");
    expect(recv.map((s) => s.n)).toEqual([0, 1, 2, 3]);
    expect(recv.slice(1).every((s) => s.timeUs >= 200_000)).toBe(true);
    expect(seen(sim, "disc")).toEqual([]);
  });

  it("break when a cut outlasts detection: in-flight messages are lost and both ends are told then", () => {
    const sim = cluster();
    act(sim, 1_000, "n1", "send", { to: "n2", count: 1, n: 0 });
    act(sim, 10_000, "n1", "send", { to: "n2", count: 3, n: 1 });
    act(sim, 2_000_000, "n1", "send", { to: "n2", count: 1, n: 9 });
    sim.schedule([
      { atUs: 10_500, op: { f: "partition-start", cuts: cut("n1", "n2") } },
      { atUs: 1_000_000, op: { f: "partition-stop" } },
    ]);
    sim.run();
    expect(received(sim, "n2")).toEqual([0, 9]);
    const disc = seen(sim, "disc").map((s) => [s.node, s.peer, s.timeUs]);
    expect(disc).toEqual([
      ["n1", "n2", 10_500 + DETECTION_US],
      ["n2", "n1", 10_500 + DETECTION_US],
    ]);
  });

  it("a one-way cut stops only its direction until the connection breaks", () => {
    const sim = cluster();
    act(sim, 1_000, "n1", "send", { to: "n2", count: 1, n: 0 });
    sim.schedule([{ atUs: 5_000, op: { f: "partition-start", cuts: cut("n1", "n2") } }]);
    act(sim, 10_000, "n1", "send", { to: "n2", count: 1, n: 1 });
    act(sim, 10_000, "n2", "send", { to: "n1", count: 1, n: 100 });
    sim.run({ untilUs: 400_000 });
    expect(received(sim, "n2")).toEqual([0]);
    expect(received(sim, "n1")).toEqual([100]);
    sim.run({ untilUs: 600_000 });
    expect(seen(sim, "disc").map((s) => s.node)).toEqual(["n1", "n2"]);
  });
});

describe("connection failures", () => {
  it("cannot connect across a cut in either direction: the sender is told after the detection delay", () => {
    const sim = cluster();
    sim.schedule([{ atUs: 0, op: { f: "partition-start", cuts: cut("n1", "n2") } }]);
    act(sim, 1_000, "n2", "send", { to: "n1", count: 1, n: 5 });
    sim.run();
    expect(received(sim, "n1")).toEqual([]);
    expect(seen(sim, "disc").map((s) => [s.node, s.timeUs])).toEqual([
      ["n2", 1_000 + DETECTION_US],
    ]);
  });

  it("a node that has not yet been told of a break loses what it sends, then reconnects after it is told", () => {
    const sim = cluster();
    act(sim, 1_000, "n1", "send", { to: "n2", count: 1, n: 0 });
    act(sim, 10_000, "n2", "close", { peer: "n1" });
    act(sim, 10_000 + LATENCY_US / 2, "n1", "send", { to: "n2", count: 1, n: 1 });
    act(sim, 10_000 + 2 * LATENCY_US, "n1", "send", { to: "n2", count: 1, n: 2 });
    sim.run();
    expect(seen(sim, "disc").map((s) => [s.node, s.timeUs])).toEqual([["n1", 10_000 + LATENCY_US]]);
    expect(received(sim, "n2")).toEqual([0, 2]);
  });

  it("closing a connection tells the peer after one latency and loses what was in flight both ways", () => {
    const sim = cluster();
    act(sim, 1_000, "n1", "send", { to: "n2", count: 1, n: 0 });
    act(sim, 3_000, "n2", "send", { to: "n1", count: 1, n: 7 });
    act(sim, 3_500, "n1", "close", { peer: "n2" });
    sim.run();
    expect(received(sim, "n1")).toEqual([]);
    expect(seen(sim, "disc").map((s) => [s.node, s.timeUs])).toEqual([["n2", 3_500 + LATENCY_US]]);
  });

  it("a crashed machine's peers notice after the detection delay; a killed process's after one latency", () => {
    for (const [f, delay] of [
      ["crash", DETECTION_US],
      ["kill", LATENCY_US],
    ] as const) {
      const sim = cluster();
      act(sim, 1_000, "n1", "send", { to: "n2", count: 1, n: 0 });
      act(sim, 5_000, "n1", "send", { to: "n2", count: 1, n: 1 });
      sim.schedule([{ atUs: 5_500, op: { f, node: nodeId("n2") } }]);
      sim.run();
      expect(received(sim, "n2")).toEqual([0]);
      expect(seen(sim, "disc").map((s) => [s.node, s.timeUs])).toEqual([["n1", 5_500 + delay]]);
    }
  });

  it("link loss breaks the connection rather than dropping single messages", () => {
    const sim = cluster();
    sim.schedule([{ atUs: 0, op: { f: "link-loss", p: 0.5, links: "all" } }]);
    for (let i = 0; i < 20; i++)
      act(sim, 1_000 + i * 100_000, "n1", "send", { to: "n2", count: 1, n: i });
    sim.run();
    const got = received(sim, "n2") as number[];
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(20);
    expect(seen(sim, "disc").length).toBeGreaterThan(0);
    expect(sim.network.stats.breaks).toBeGreaterThan(0);
  });
});

describe("datagram mode", () => {
  const datagrams = (loss: number, duplicate: number) =>
    new Simulation({
      seed: 5,
      network: {
        mode: "datagram",
        latency: { kind: "uniform", minUs: 100, maxUs: 5_000 },
        datagramLoss: loss,
        datagramDuplicate: duplicate,
      },
    });

  it("loses, duplicates and reorders single messages", () => {
    const sim = datagrams(0.2, 0.2);
    sim.addNode("n1", recorder);
    sim.addNode("n2", recorder);
    act(sim, 0, "n1", "send", { to: "n2", count: 500 });
    sim.run();
    const got = received(sim, "n2") as number[];
    const distinct = new Set(got);
    expect(distinct.size).toBeLessThan(500);
    expect(got.length).toBeGreaterThan(distinct.size);
    expect(got).not.toEqual([...got].sort((a, b) => a - b));
    expect(seen(sim, "disc")).toEqual([]);
  });

  it("drops what crosses a cut at arrival, in the cut direction only", () => {
    const sim = datagrams(0, 0);
    sim.addNode("n1", recorder);
    sim.addNode("n2", recorder);
    act(sim, 0, "n1", "send", { to: "n2", count: 10 });
    act(sim, 0, "n2", "send", { to: "n1", count: 10 });
    sim.schedule([{ atUs: 50, op: { f: "partition-start", cuts: cut("n1", "n2") } }]);
    sim.run();
    expect(received(sim, "n2")).toEqual([]);
    expect(received(sim, "n1")).toHaveLength(10);
  });
});
