// isolate-start/isolate-stop (sim/nemesis/ops.ts): a node cut off from the listed nodes, both ways, beside the
// partition in force; a partition neither replaces nor heals it, and ending it leaves the partition as it was.
import { describe, expect, it } from "vitest";
import { ms, nodeId } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import type { NemesisOp } from "../../sim/nemesis/index.js";
import { pingPong } from "../support/ping-pong.js";

const n = nodeId;

function simulation(ops: readonly { atMs: number; op: NemesisOp }[]): Simulation {
  const sim = new Simulation({ seed: 1 });
  for (const name of ["a", "b", "c", "app-1"]) sim.addNode(name, pingPong(ms(10)));
  sim.schedule(ops.map(({ atMs, op }) => ({ atUs: atMs * 1_000, op })));
  return sim;
}

function cutsAt(sim: Simulation, atMs: number): string[] {
  sim.run({ untilUs: atMs * 1_000 });
  const names = ["a", "b", "c", "app-1"];
  const cut: string[] = [];
  for (const from of names)
    for (const to of names)
      if (from !== to && sim.network.isCut(sim.indexOfNode(from), sim.indexOfNode(to)))
        cut.push(`${from}->${to}`);
  return cut;
}

describe("isolate-start and isolate-stop", () => {
  it("cut a node off from the listed nodes both ways, beside a partition, until isolate-stop", () => {
    const sim = simulation([
      { atMs: 100, op: { f: "isolate-start", node: n("app-1"), from: [n("a"), n("b")] } },
      { atMs: 200, op: { f: "partition-start", cuts: [[n("a"), n("c")]] } },
      { atMs: 300, op: { f: "partition-stop" } },
      { atMs: 400, op: { f: "partition-start", cuts: [[n("b"), n("c")]] } },
      { atMs: 500, op: { f: "isolate-stop", node: n("app-1") } },
    ]);
    expect(cutsAt(sim, 50)).toEqual([]);
    expect(cutsAt(sim, 150)).toEqual(["a->app-1", "b->app-1", "app-1->a", "app-1->b"]);
    expect(cutsAt(sim, 250)).toEqual(["a->c", "a->app-1", "b->app-1", "app-1->a", "app-1->b"]);
    expect(cutsAt(sim, 350)).toEqual(["a->app-1", "b->app-1", "app-1->a", "app-1->b"]);
    expect(cutsAt(sim, 450)).toEqual(["a->app-1", "b->c", "b->app-1", "app-1->a", "app-1->b"]);
    expect(cutsAt(sim, 550)).toEqual(["b->c"]);
  });

  it("stop the isolated node's pings to the listed nodes, and only those", () => {
    const sim = simulation([
      { atMs: 0, op: { f: "isolate-start", node: n("app-1"), from: [n("a")] } },
    ]);
    sim.run({ untilUs: ms(300) });
    const received = (name: string) =>
      (sim.stateOf(name) as { received: readonly { from: string }[] }).received;
    expect(received("a").some((r) => r.from === "app-1")).toBe(false);
    expect(received("b").some((r) => r.from === "app-1")).toBe(true);
    expect(received("app-1").some((r) => r.from === "a")).toBe(false);
  });
});
