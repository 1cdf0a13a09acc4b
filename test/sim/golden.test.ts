// Golden traces: one line per event, written by the kernel's own descriptions, and under it the step's sends,
// disk writes, fsyncs and replies (test/support/golden-lines.ts). Update them only when you understand the
// diff (`npx vitest run test/sim/golden.test.ts -u`).
import { describe, expect, it } from "vitest";
import { ms, nodeId } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import { halves } from "../../sim/network/index.js";
import { goldenLines, recordEffects } from "../support/golden-lines.js";
import { pingPong } from "../support/ping-pong.js";

describe("golden traces", () => {
  it("ping-pong through a partition, a crash and a pause", async () => {
    const sim = new Simulation({
      seed: 11,
      keepTrace: true,
      network: {
        latency: { kind: "uniform", minUs: 200, maxUs: 900 },
        detection: { kind: "constant", us: 30_000 },
      },
    });
    const ids = ["n1", "n2", "n3"].map((id) => sim.addNode(id, pingPong(ms(20))));
    sim.schedule([
      { atUs: 25_000, op: { f: "partition-start", shape: "halves", cuts: halves(ids).cuts } },
      { atUs: 70_000, op: { f: "partition-stop" } },
      { atUs: 90_000, op: { f: "crash", node: nodeId("n3") } },
      { atUs: 110_000, op: { f: "restart", node: nodeId("n3") } },
      { atUs: 120_000, op: { f: "pause", node: nodeId("n1"), durationUs: 30_000 } },
    ]);
    const effects = recordEffects(sim);
    sim.run({ untilUs: 160_000 });
    await expect(goldenLines(sim, effects)).toMatchFileSnapshot("golden/ping-pong-faults.txt");
  });
});
