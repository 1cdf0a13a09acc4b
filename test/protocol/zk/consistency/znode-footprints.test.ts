// The znode tree's footprints (P-compositionality inside the model) against the brute-force checker, which
// never splits: random small histories over a few related znodes — parents and children, sequential and
// ephemeral creates, multis, closeSession — with stale answers planted. Any disagreement means a footprint
// left out something an operation's answer or effect depends on.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import {
  isTreeRead,
  isWrite,
  readValue,
  writeValue,
  type ZnodeInput,
  znodeTreeModel,
} from "../../../../protocol/zk/consistency/index.js";
import { znodeFootprints } from "../../../../protocol/zk/consistency/znode-footprints.js";
import {
  applyTxn,
  type DataTree,
  emptyTree,
  prepareWrite,
} from "../../../../protocol/zk/data-tree/index.js";
import type { Json } from "../../../../sim/api/index.js";
import { type AnyModel, checkPrepared, prepareHistory } from "../../../../sim/check/index.js";
import { pairOperations } from "../../../../sim/history/index.js";
import { bruteForceLinearizable } from "../../../check/brute-force.js";
import { type Draw, randomHistory, type Spec } from "../../../check/random-history.js";

const PATHS = ["/a", "/a/b", "/b"] as const;

function invoke(d: Draw): { f: string; input: Json } {
  const path = d.pick(PATHS);
  switch (d.int(14)) {
    case 0:
      return { f: "create", input: { path, data: d.pick(["x", "y"]) } };
    case 1:
    case 8:
      return { f: "create", input: { path, mode: "ephemeral" } };
    case 2:
      return {
        f: "create",
        input: {
          path: `${d.pick(["/a", "/b"])}/s-`,
          mode: d.pick(["persistent_sequential", "ephemeral_sequential"]),
        },
      };
    case 3:
      return { f: "delete", input: { path } };
    case 4:
      return { f: "setData", input: { path, data: d.pick(["x", "y"]), version: d.pick([-1, 0]) } };
    case 5:
      return {
        f: "multi",
        input: {
          ops: [
            { op: "check", path, version: 0 },
            { op: "setData", path: d.pick(PATHS), data: "z" },
          ],
        },
      };
    case 6:
    case 9:
      return { f: "close", input: {} };
    case 7:
      return {
        f: d.pick(["getEphemerals", "getAllChildrenNumber"]),
        input: { path: "/", prefix: "/" },
      };
    default:
      return { f: d.pick(["exists", "getData", "getChildren"]), input: { path } };
  }
}

/** The real tree, and the trees it went through, so a planted answer can be a stale one. */
function znodeSpec(): Spec {
  const model = znodeTreeModel.create();
  const seen: DataTree[] = [emptyTree()];
  const answer = (tree: DataTree, f: string, input: Json, process: number) => {
    const parsed = model.parse({ process, f, input, output: undefined });
    const { call, sessionId } = parsed.input;
    if (isWrite(call)) {
      const context = { sessionId, auth: [], zxid: 1, timeMs: 0, extendedTypesEnabled: true };
      const applied = applyTxn(tree, prepareWrite(tree, [], call, context).record);
      return { output: writeValue(applied.result) as Json, tree: applied.tree };
    }
    return { output: isTreeRead(call) ? (readValue(tree, call, sessionId) as Json) : null, tree };
  };
  return {
    init: null,
    invoke,
    apply: (state, f, input, _draw, process) => {
      const tree = (state as unknown as DataTree | null) ?? emptyTree();
      const next = answer(tree, f, input, process);
      seen.push(next.tree);
      return { output: next.output, state: next.tree as unknown as Json };
    },
    corrupt: (f, input, d) => answer(d.pick(seen), f, input, 0).output,
  };
}

function verdicts(seed: number, processes: number) {
  const events = randomHistory(
    "znode-tree",
    seed,
    { processes, operations: 8, corruption: 0.3 },
    znodeSpec(),
  );
  const operations = pairOperations(events, "random");
  const model = znodeTreeModel.create() as unknown as AnyModel;
  const prepared = prepareHistory(operations, model, "random");
  return {
    expected: bruteForceLinearizable(operations, model),
    actual: checkPrepared(prepared).valid,
    groups: prepared.partitions.length,
  };
}

test.prop([fc.integer(), fc.integer({ min: 1, max: 4 })], { numRuns: 1500 })(
  "znode tree checked znode by znode: same verdict as brute force on random histories",
  (seed, processes) => {
    const { expected, actual } = verdicts(seed, processes);
    expect(actual).toBe(expected);
  },
);

test("random znode histories split into several groups and take both verdicts", () => {
  const seen = new Set<string>();
  for (let seed = 0; seed < 300; seed++) {
    const { actual, groups } = verdicts(seed, 3);
    seen.add(`${actual}`);
    if (groups > 1) seen.add("split");
  }
  expect([...seen].sort()).toEqual(["false", "split", "true"]);
});

test("a create reads its parent's node, writes its parent's child list; a sequential one reads it too", () => {
  const call = (op: ZnodeInput["call"]): ZnodeInput => ({ call: op, sessionId: 1 });
  const create = { op: "create", path: "/a/b", data: "", acl: [], mode: "persistent" } as const;
  const [plain] = znodeFootprints([call(create)]);
  const [sequential] = znodeFootprints([
    call({ ...create, path: "/a/s-", mode: "persistent_sequential" }),
  ]);
  expect(plain).toEqual({
    reads: ["/a#node", "/a/b#node"],
    writes: ["/a#children", "/a/b#node", "/a/b#children"],
  });
  expect(sequential).toEqual({
    reads: ["/a#node", "/a#children", "/a/\u0000sequential#node"],
    writes: ["/a#children", "/a/\u0000sequential#node", "/a/\u0000sequential#children"],
  });
});

const EPHEMERAL_STAT = {
  czxid: 1,
  mzxid: 1,
  ctime: 0,
  mtime: 0,
  version: 0,
  cversion: 0,
  aversion: 0,
  ephemeralOwner: 1,
  dataLength: 0,
  numChildren: 0,
  pzxid: 1,
};

test("a closed session's ephemeral is gone for a later read, though the close names no path", () => {
  const events = [
    { process: 0, type: "invoke", f: "create", value: { path: "/e", mode: "ephemeral" } },
    { process: 0, type: "ok", f: "create", value: { path: "/e", stat: EPHEMERAL_STAT } },
    { process: 0, type: "invoke", f: "close", value: {} },
    { process: 0, type: "ok", f: "close", value: {} },
    { process: 1, type: "invoke", f: "exists", value: { path: "/e" } },
    { process: 1, type: "ok", f: "exists", value: { error: "NONODE" } },
  ].map((event, index) => ({ ...event, key: undefined, line: index + 1 }) as const);
  const operations = pairOperations(events as never, "closed");
  const model = znodeTreeModel.create() as unknown as AnyModel;
  const prepared = prepareHistory(operations, model, "closed");
  expect(prepared.partitions.length).toBe(1);
  expect(checkPrepared(prepared).valid).toBe(true);
});

test("a history naming /zookeeper/quota is one object: a write below a quota changes its stats node", () => {
  const call = (op: ZnodeInput["call"]): ZnodeInput => ({ call: op, sessionId: 1 });
  const create = { op: "create", path: "/app/x", data: "", acl: [], mode: "persistent" } as const;
  const stats = {
    op: "getData",
    path: "/zookeeper/quota/app/zookeeper_stats",
    watch: false,
  } as const;
  expect(znodeFootprints([call(create), call(stats)])).toEqual(["everything", "everything"]);
  expect(znodeFootprints([call(create)])).not.toEqual(["everything"]);
});
