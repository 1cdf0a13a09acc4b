// Golden trace: a clean 3-server election and the first write, one line per kernel event, messages described
// by the ZAB peer's `describeMessage`, each followed by the sends, disk writes, fsyncs and replies its step
// returned (test/support/golden-lines.ts). Update only when you understand the diff
// (`npx vitest run test/protocol/zab/golden.test.ts -u`).
import { expect, test } from "vitest";
import { nodeId } from "../../../sim/api/index.js";
import { goldenLines, recordEffects } from "../../support/golden-lines.js";
import { ensemble, lastLeader } from "./harness.js";

test("a clean 3-server election, then the first write, committed by a quorum and answered", async () => {
  const e = ensemble({ seed: 1, servers: 3, keepTrace: true });
  const effects = recordEffects(e.sim);
  e.sim.run({ untilUs: 250_000 });
  expect(lastLeader(e)).toEqual({ node: "n3", epoch: 1 });
  e.sim.submit({ atUs: 250_000, node: nodeId("n1"), process: 0, f: "write", value: "x" });
  e.sim.run({ untilUs: 270_000 });
  expect(e.sim.history.filter((h) => h.type === "ok").map((h) => h.zxid)).toEqual([0x100000001]);
  await expect(goldenLines(e.sim, effects)).toMatchFileSnapshot(
    "golden/zab-election-first-write.txt",
  );
});
