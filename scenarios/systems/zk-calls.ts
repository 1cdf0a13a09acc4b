// A planned workload op as a ZooKeeper client call (protocol/zk/client/decode.ts). Key k is the znode `/k<k>`;
// ephemerals, sequentials and multi nodes are its children, so the workload sees NONODE, NODEEXISTS and
// NOTEMPTY as well as successes. Every choice derives from the op itself (its value and process), never from
// a stream, so the shrinker can drop ops without changing the others' calls.
import type { Json } from "../../sim/api/index.js";
import type { ClientOp } from "../workload/index.js";

/** removeWatches' WatcherType, picked by the op's hash. */
const watcherTypes = ["data", "children", "any"] as const;

export interface ZkCall {
  readonly f: string;
  readonly value: Json;
}

/** A well-mixed integer of the op, for its choices (Knuth's multiplicative hash). */
function mixOf(op: ClientOp): number {
  const value = typeof op.value === "number" ? op.value : 0;
  return Math.imul(op.process * 31 + value, 2_654_435_761) >>> 0;
}

/** Reads leave a watch with the scenario's probability, decided by the op's hash. */
function watchOf(op: ClientOp, watchProbability: number): boolean {
  return (mixOf(op) % 1_000) / 1_000 < watchProbability;
}

export function zkCallOf(op: ClientOp, watchProbability: number): ZkCall {
  const path = `/k${op.key}`;
  const data = String(op.value);
  const pick = mixOf(op) >>> 10;
  const watch = watchOf(op, watchProbability);
  switch (op.f) {
    case "write":
    case "setData":
      return { f: "setData", value: { path, data, version: -1 } };
    case "cas":
      // A conditional write: it succeeds only at the version drawn, ZooKeeper's compare-and-set.
      return { f: "setData", value: { path, data, version: pick % 4 } };
    case "read":
    case "getData":
      return { f: "getData", value: { path, watch } };
    case "exists":
      return { f: "exists", value: { path, watch } };
    case "getChildren":
      return { f: "getChildren", value: { path, watch } };
    case "create":
      return { f: "create", value: { path, data, mode: "persistent" } };
    case "createEphemeral":
      return { f: "create", value: { path: `${path}/e${op.client}`, data, mode: "ephemeral" } };
    case "createSequential": {
      const mode = pick % 2 === 0 ? "persistent_sequential" : "ephemeral_sequential";
      return { f: "create", value: { path: `${path}/s-`, data, mode } };
    }
    case "delete":
      return { f: "delete", value: { path: deletePath(path, op.client, pick), version: -1 } };
    case "multi":
      return { f: "multi", value: { ops: multiOps(path, data, pick) } };
    case "sync":
      return { f: "sync", value: { path } };
    case "removeWatches":
      return { f: "removeWatches", value: { path, watcherType: watcherTypes[pick % 3] ?? "any" } };
    case "multiRead":
      return {
        f: "multiRead",
        value: {
          ops: [
            { op: "getData", path },
            { op: "getChildren", path },
          ],
        },
      };
    case "whoAmI":
      return { f: "whoAmI", value: null };
    default:
      return op.f satisfies never;
  }
}

/** The key's node (NOTEMPTY while it has children), the client's ephemeral, or the multi child. */
function deletePath(path: string, client: number, pick: number): string {
  const choice = pick % 3;
  if (choice === 0) return path;
  return choice === 1 ? `${path}/e${client}` : `${path}/m`;
}

/** Either creates the child and writes the key, or deletes the child after checking the key exists. */
function multiOps(path: string, data: string, pick: number): Json {
  if (pick % 2 === 0) {
    return [
      { op: "create", path: `${path}/m`, data, mode: "persistent" },
      { op: "setData", path, data, version: -1 },
    ];
  }
  return [
    { op: "check", path, version: -1 },
    { op: "delete", path: `${path}/m`, version: -1 },
  ];
}
