// The ZAB peer inside a server: running one of its transitions with the server's effects list, and reading
// the ZooKeeper database it replicates.
import type { Effect } from "../../../sim/api/index.js";
import type { Env, PeerState, ZabMessage } from "../../zab/index.js";
import type { DataTree } from "../data-tree/index.js";
import type { Out, ServerEnv, ZkServerState } from "./state.js";
import { databaseOf } from "./zk-database.js";

export type ZabTransition = (state: PeerState, env: Env, out: Effect<ZabMessage>[]) => PeerState;

/** Runs a ZAB transition on the embedded peer; its effects join the server's, in order. */
export function runZab(
  state: ZkServerState,
  env: ServerEnv,
  out: Out,
  transition: ZabTransition,
): ZkServerState {
  const zabOut: Effect<ZabMessage>[] = [];
  const zab = transition(state.zab, { config: env.config.zab, nowUs: env.nowUs }, zabOut);
  for (const effect of zabOut) out.push(effect);
  return zab === state.zab ? state : { ...state, zab };
}

/** The data tree this server has applied (lastProcessedZxid is its `lastZxid`). */
export function treeOf(state: ZkServerState): DataTree {
  return databaseOf(state.zab.db.data).tree;
}
