// The placement search's memory of dead ends stays within its allowance of znodes (failed-states.ts): past
// it a dead end is not kept, so it may be searched again, but memory does not grow with the search.
import { expect, test } from "vitest";
import { FailedStates } from "../../../../protocol/zk/consistency/failed-states.js";
import { emptyTree } from "../../../../protocol/zk/data-tree/index.js";

test("dead ends are kept until the shared allowance of znodes runs out, and a repeat costs nothing", () => {
  const small = emptyTree();
  const root = small.nodes.get("/");
  if (root === undefined) throw new Error("the empty tree has a root");
  const larger = { nodes: new Map([...small.nodes, ["/a", root]]), lastZxid: 0 };
  const allowance = { left: small.nodes.size + 2 };
  const memo = new FailedStates(allowance);
  const other = new FailedStates(allowance);
  memo.add(0, -1, "", small);
  memo.add(0, -1, "", small);
  expect(allowance.left).toBe(2);
  expect(memo.has(0, -1, "", small)).toBe(true);
  other.add(0, -1, "", larger);
  expect(other.has(0, -1, "", larger)).toBe(false);
  expect(allowance.left).toBe(2);
});
