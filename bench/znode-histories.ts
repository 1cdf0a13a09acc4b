// Generated ZooKeeper histories for plain linearizability at Jepsen size (issue 17, point 2): N clients
// on a few hundred znodes, getData, exists and setData, a share of setData timing out and staying open.
// Each operation takes effect at a random instant of its interval on a real data tree, which answers it,
// so the history is linearizable; its twin has one late getData answered from the tree before a write
// that completed before the read began — a stale read, since versions only grow.
import {
  readValue,
  writeValue,
  type ZkCall,
  znodeTreeModel,
} from "../protocol/zk/consistency/index.js";
import {
  applyTxn,
  type DataTree,
  emptyTree,
  prepareWrite,
} from "../protocol/zk/data-tree/index.js";
import type { Json } from "../sim/api/json.js";
import type { HistoryEvent } from "../sim/history/index.js";
import { Prng } from "../sim/prng/index.js";

export interface ZnodeShape {
  readonly processes: number;
  readonly ops: number;
  readonly znodes: number;
  readonly infoPercent: number;
  readonly stale: boolean;
  readonly seed: number;
}

interface ZnodeOp {
  readonly process: number;
  readonly f: string;
  readonly input: Json;
  readonly call: ZkCall;
  readonly callAt: number;
  readonly effectAt: number;
  readonly returnAt: number;
  readonly info: boolean;
  output: Json;
  /** The tree just before this op took effect. */
  before: DataTree;
}

const DURATION_MAX = 20;
const THINK_MAX = 5;

function drawCall(rng: Prng, znodes: number, serial: number): { f: string; input: Json } {
  const path = `/k${rng.int(0, znodes)}`;
  const roll = rng.next();
  if (roll < 0.45) return { f: "getData", input: { path } };
  if (roll < 0.55) return { f: "exists", input: { path } };
  return { f: "setData", input: { path, data: `v${serial}` } };
}

function callOf(f: string, input: Json): ZkCall {
  return znodeTreeModel.create().parse({ process: 0, f, input, output: undefined }).input.call;
}

/** The znodes are created first, one after another, by process 0; then the clients run. */
function schedule(shape: ZnodeShape, rng: Prng): ZnodeOp[] {
  const ops: ZnodeOp[] = [];
  const push = (process: number, f: string, input: Json, at: number, info = false) => {
    const duration = 1 + rng.next() * (DURATION_MAX - 1);
    const tookEffect = !info || rng.chance(0.5);
    const effectAt = tookEffect ? at + rng.next() * duration : Number.POSITIVE_INFINITY;
    const call = callOf(f, input);
    ops.push({
      process,
      f,
      input,
      call,
      callAt: at,
      effectAt,
      returnAt: at + duration,
      info,
      output: null,
      before: emptyTree(),
    });
    return at + duration;
  };
  let start = 0;
  for (let znode = 0; znode < shape.znodes; znode++)
    start = push(0, "create", { path: `/k${znode}`, data: "" }, start) + 1;
  const freeAt = Array.from({ length: shape.processes }, () => start + rng.next() * THINK_MAX);
  const processOf = freeAt.map((_, slot) => slot);
  let nextProcess = shape.processes;
  while (ops.length < shape.ops) {
    let slot = 0;
    for (let other = 1; other < freeAt.length; other++)
      if ((freeAt[other] ?? 0) < (freeAt[slot] ?? 0)) slot = other;
    const { f, input } = drawCall(rng, shape.znodes, ops.length);
    const info = f === "setData" && rng.chance(shape.infoPercent / 100);
    const process = processOf[slot] ?? 0;
    if (info) processOf[slot] = nextProcess++;
    freeAt[slot] = push(process, f, input, freeAt[slot] ?? 0, info) + rng.next() * THINK_MAX;
  }
  return ops;
}

/** Applies the operations in effect order on one tree; each answers from it. */
function answer(ops: readonly ZnodeOp[]): void {
  let tree = emptyTree();
  const context = { sessionId: 1, auth: [], zxid: 1, timeMs: 0, extendedTypesEnabled: true };
  const inEffect = ops.filter((op) => op.effectAt !== Number.POSITIVE_INFINITY);
  for (const op of inEffect.sort((a, b) => a.effectAt - b.effectAt)) {
    op.before = tree;
    if (op.call.op === "getData" || op.call.op === "exists") {
      op.output = readValue(tree, op.call, 1);
      continue;
    }
    if (op.call.op !== "create" && op.call.op !== "setData") throw new Error(`no ${op.call.op}`);
    const applied = applyTxn(tree, prepareWrite(tree, [], op.call, context).record);
    op.output = writeValue(applied.result);
    tree = applied.tree;
  }
}

/** The twin: a getData in the last tenth answered from the tree before a write done before it began. */
function makeStale(ops: ZnodeOp[]): void {
  for (let index = ops.length - 1; index > (ops.length * 9) / 10; index--) {
    const read = ops[index];
    if (read?.f !== "getData" || read.call.op !== "getData") continue;
    const path = read.call.path;
    const write = ops.findLast(
      (op) =>
        op.call.op === "setData" && op.call.path === path && !op.info && op.returnAt < read.callAt,
    );
    if (write === undefined) continue;
    read.output = readValue(write.before, read.call, 1);
    return;
  }
  throw new Error("no read to make stale");
}

/** The history's events, by time: invokes, completions (`ok`), and `info` for timed-out writes. */
export function znodeHistory(shape: ZnodeShape): HistoryEvent[] {
  const rng = new Prng(String(shape.seed), "znode-history");
  const ops = schedule(shape, rng);
  answer(ops);
  if (shape.stale) makeStale(ops);
  const moments = ops.flatMap((op) => [
    { at: op.callAt, op, type: "invoke" as const },
    { at: op.returnAt, op, type: op.info ? ("info" as const) : ("ok" as const) },
  ]);
  moments.sort((a, b) => a.at - b.at);
  return moments.map(({ op, type }, index) => ({
    line: index + 1,
    process: op.process,
    type,
    f: op.f,
    value: type === "ok" ? op.output : op.input,
    key: undefined,
  }));
}
