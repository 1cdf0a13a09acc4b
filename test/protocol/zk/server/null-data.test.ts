// Null data: a znode created or set with null data reads back as null, not as an empty array. DataTree
// keeps the byte[] as given ("DataNode child = new DataNode(data, longval, stat)", setData "n.data = data",
// getData "data = n.data; ... return data"), and jute writes a null buffer as length -1
// (BinaryOutputArchive.writeBuffer: "if (barr == null) { out.writeInt(-1); return; }").
import { expect, it } from "vitest";
import { answerOf, call, zkSetup } from "./harness.js";

it("a node created with null data reads back null with dataLength 0; empty data reads back empty", () => {
  const s = zkSetup({ clients: 1 });
  call(s, 1_500, "create", { path: "/n", data: null });
  call(s, 1_550, "create", { path: "/e", data: "" });
  const nullRead = call(s, 1_600, "getData", { path: "/n" });
  const emptyRead = call(s, 1_650, "getData", { path: "/e" });
  s.sim.run({ untilUs: 3_000_000 });
  expect(answerOf(s, nullRead).data).toBeNull();
  expect((answerOf(s, nullRead).stat as { dataLength: number }).dataLength).toBe(0);
  expect(answerOf(s, emptyRead).data).toBe("");
});

it("setData with null data replaces the data with null, and with empty data with empty", () => {
  const s = zkSetup({ clients: 1 });
  call(s, 1_500, "create", { path: "/a", data: "x" });
  call(s, 1_600, "setData", { path: "/a", data: null });
  const nulled = call(s, 1_700, "getData", { path: "/a" });
  call(s, 1_800, "setData", { path: "/a", data: "" });
  const emptied = call(s, 1_900, "multiRead", { ops: [{ op: "getData", path: "/a" }] });
  s.sim.run({ untilUs: 3_000_000 });
  expect(answerOf(s, nulled).data).toBeNull();
  const [result] = answerOf(s, emptied).results as { data: unknown }[];
  expect(result?.data).toBe("");
});
