import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type NodeId, nodeId } from "../../sim/api/index.js";
import {
  bridge,
  describePartition,
  halves,
  isolate,
  majoritiesRing,
  oneWay,
  type Partition,
} from "../../sim/network/index.js";

const nodes = (n: number): NodeId[] => Array.from({ length: n }, (_, i) => nodeId(`n${i + 1}`));
const canTalk = (p: Partition, a: NodeId, b: NodeId) =>
  !p.cuts.some(([x, y]) => x === a && y === b);
const sees = (p: Partition, a: NodeId, all: readonly NodeId[]) =>
  all.filter((b) => b === a || (canTalk(p, a, b) && canTalk(p, b, a)));

describe("partition shapes", () => {
  it("halves cut every link between the two sides, both ways, and nothing else", () => {
    const p = halves(nodes(5));
    expect(describePartition(p)).toBe("n1-n3 n1-n4 n1-n5 n2-n3 n2-n4 n2-n5");
  });

  it("isolate cuts one node off both ways", () => {
    expect(describePartition(isolate(nodeId("n2"), nodes(3)))).toBe("n1-n2 n2-n3");
  });

  it("one-way cuts only the stated direction", () => {
    const p = oneWay([nodeId("n1")], [nodeId("n2"), nodeId("n3")]);
    expect(describePartition(p)).toBe("n1->n2 n1->n3");
    expect(canTalk(p, nodeId("n2"), nodeId("n1"))).toBe(true);
  });

  it("bridge: two halves that cannot talk, and a middle node that talks to both", () => {
    const all = nodes(5);
    const p = bridge(all);
    expect(sees(p, nodeId("n3"), all)).toEqual(all);
    expect(sees(p, nodeId("n1"), all)).toEqual(["n1", "n2", "n3"]);
    expect(sees(p, nodeId("n5"), all)).toEqual(["n3", "n4", "n5"]);
  });

  test.prop([fc.integer({ min: 3, max: 11 })])(
    "majorities ring: every node sees a majority, and no two nodes see the same one",
    (n) => {
      const all = nodes(n);
      const p = majoritiesRing(all);
      const views = all.map((a) => sees(p, a, all).join(","));
      for (const view of views) expect(view.split(",").length).toBeGreaterThan(n / 2);
      if (n >= 5) expect(new Set(views).size).toBe(n);
    },
  );
});
