// The ZAB peer inside a server: running one of its transitions with the server's effects list, and reading
// the ZooKeeper database it replicates.
import type { Effect } from "../../../sim/api/index.js";
import type { Env, PeerState, ZabMessage } from "../../zab/index.js";
import type { DataTree } from "../data-tree/index.js";
import { draftServer, type Out, type ServerEnv, type ZkServerState } from "./state.js";
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
  for (let i = 0; i < zabOut.length; i++) out.push(zabOut[i] as Effect<ZabMessage>);
  if (zab === state.zab) return state;
  const next = draftServer(state);
  next.zab = zab;
  return next;
}

/** The data tree this server has applied (lastProcessedZxid is its `lastZxid`). */
export function treeOf(state: ZkServerState): DataTree {
  return databaseOf(state.zab.db.data).tree;
}
