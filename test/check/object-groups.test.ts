// Grouping operations by the objects they touch (P-compositionality inside one model): an object links
// its users only when someone reads it and someone writes it.
import { expect, test } from "vitest";
import { groupByObjects } from "../../sim/check/index.js";

test("operations on disjoint objects are checked apart, in order of their first operation", () => {
  const groups = groupByObjects(
    [10, 11, 12, 13],
    [
      { reads: ["x"], writes: ["x"] },
      { reads: ["y"], writes: [] },
      { reads: [], writes: ["y"] },
      { reads: ["x"], writes: [] },
    ],
  );
  expect(groups).toEqual([
    [10, 13],
    [11, 12],
  ]);
});

test("an object only written links nothing: no answer can depend on it", () => {
  const groups = groupByObjects(
    [0, 1, 2],
    [
      { reads: ["a"], writes: ["counter"] },
      { reads: ["b"], writes: ["counter"] },
      { reads: [], writes: ["counter"] },
    ],
  );
  expect(groups).toEqual([[0], [1], [2]]);
});

test("an operation on several objects merges their groups; one touching everything merges all", () => {
  const footprints = [
    { reads: ["x"], writes: [] },
    { reads: ["y"], writes: [] },
    { reads: [], writes: ["x", "y"] },
    { reads: ["z"], writes: ["z"] },
  ] as const;
  expect(groupByObjects([0, 1, 2, 3], footprints)).toEqual([[0, 1, 2], [3]]);
  expect(groupByObjects([0, 1, 2, 3, 4], [...footprints, "everything"])).toEqual([[0, 1, 2, 3, 4]]);
});
