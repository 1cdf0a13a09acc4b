// The shrinker's passes beyond plain removal: joining a node's back-to-back outages, and fewer servers.
import { describe, expect, it } from "vitest";
import { builtInScenario } from "../../scenarios/catalog/index.js";
import {
  decided,
  type Faults,
  mergeOutages,
  settled,
  shrinkCluster,
} from "../../scenarios/shrink/index.js";
import type { ClientOp } from "../../scenarios/workload/index.js";
import type { NemesisOp } from "../../sim/nemesis/index.js";

const at = (ms: number, op: NemesisOp) => [{ atUs: ms * 1_000, op }];
const crash = (node: string) => ({ f: "crash", node }) as NemesisOp;
const restart = (node: string) => ({ f: "restart", node }) as NemesisOp;

/** The node's outages as [down, up] pairs in ms. */
function outages(faults: Faults, node: string): number[][] {
  const mine = faults
    .flat()
    .filter((item) => "node" in item.op && item.op.node === node)
    .sort((a, b) => a.atUs - b.atUs);
  const spans: number[][] = [];
  for (const item of mine) {
    if (item.op.f === "crash") spans.push([item.atUs / 1_000]);
    else spans.at(-1)?.push(item.atUs / 1_000);
  }
  return spans;
}

describe("mergeOutages", () => {
  it("joins a node's split outage when the failure needs it down from the first crash to the last restart", () => {
    const faults: Faults = [
      at(100, crash("n1")),
      at(200, restart("n1")),
      at(300, crash("n1")),
      at(400, restart("n1")),
      at(250, crash("n2")),
      at(500, restart("n2")),
    ];
    // Fails while n1 goes down at 100 and comes back at 400, whatever happens in between.
    const fails = (subset: Faults) => {
      const n1 = outages(subset, "n1");
      return n1[0]?.[0] === 100 && n1.at(-1)?.[1] === 400;
    };
    const merged = settled(mergeOutages(faults, (s) => decided(fails(s)), { runs: 100 }));
    expect(outages(merged, "n1")).toEqual([[100, 400]]);
    expect(outages(merged, "n2")).toEqual([[250, 500]]);
  });

  it("keeps every outage when joining any of them loses the failure", () => {
    const faults: Faults = [
      at(100, crash("n1")),
      at(200, restart("n1")),
      at(300, crash("n1")),
      at(400, restart("n1")),
    ];
    const budget = { runs: 100 };
    expect(settled(mergeOutages(faults, (subset) => decided(subset.length === 4), budget))).toEqual(
      faults,
    );
    expect(budget.runs).toBe(99);
  });
});

describe("shrinkCluster", () => {
  const scenario = builtInScenario("no-faults");
  if (scenario === undefined) throw new Error("no-faults is missing");
  const op = (node: string): ClientOp => ({
    atUs: 1_000_000,
    client: 0,
    process: 0,
    node,
    f: "write",
    key: 0,
    value: 1,
  });

  it("drops the highest-numbered servers down to the smallest cluster that still fails", () => {
    expect(scenario.cluster.servers).toBe(5);
    const tried: number[] = [];
    const smaller = settled(
      shrinkCluster(
        scenario,
        [at(100, crash("n2"))],
        [op("n1")],
        (s) => {
          tried.push(s.cluster.servers);
          return decided(s.cluster.servers >= 3);
        },
        { runs: 100 },
      ),
    );
    expect(smaller.cluster.servers).toBe(3);
    expect(tried).toEqual([2, 3]); // n2 is named by the crash, so one server is never tried
  });

  it("never drops a server the remaining faults or operations name", () => {
    const tried: number[] = [];
    const smaller = settled(
      shrinkCluster(
        scenario,
        [at(100, crash("n4"))],
        [op("n1")],
        (s) => {
          tried.push(s.cluster.servers);
          return decided(true);
        },
        { runs: 100 },
      ),
    );
    expect(tried).toEqual([4]);
    expect(smaller.cluster.servers).toBe(4);
  });
});
