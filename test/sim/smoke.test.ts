import { describe, expect, it } from "vitest";
import { Simulation } from "../../sim/kernel/index.js";
import { pingPong } from "../support/ping-pong.js";

describe("kernel smoke", () => {
  it("runs ping-pong between three nodes", () => {
    const sim = new Simulation({ seed: 1, keepTrace: true });
    for (const id of ["n1", "n2", "n3"]) sim.addNode(id, pingPong());
    const result = sim.run({ untilUs: 100_000 });
    expect(result.reason).toBe("time");
    const state = sim.stateOf("n1") as { received: unknown[] };
    expect(state.received.length).toBeGreaterThan(10);
    expect(sim.traceEntries.slice(0, 8).map((e) => e.text)).toMatchSnapshot();
  });
});
