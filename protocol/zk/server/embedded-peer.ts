// The ZAB peer inside a server: running one of its transitions with the server's effects list and the
// step's list of apply outputs, and reading the ZooKeeper database it replicates.
import type { Env, PeerState, Out as ZabOut } from "../../zab/index.js";
import type { DataTree } from "../data-tree/index.js";
import { draftServer, type Out, type ServerEnv, type ZkServerState } from "./state.js";
import type { AppliedEntry, ZkDatabase } from "./zk-database.js";

/** The peer's environment inside a server. */
export type ZabEnv = Env<ZkDatabase, AppliedEntry>;

export type ZabTransition = (
  state: PeerState<ZkDatabase>,
  env: ZabEnv,
  out: ZabOut,
) => PeerState<ZkDatabase>;

/**
 * ZAB's configuration, the same clock reading, and the server's list for what the peer's deliveries apply
 * (its effects go straight into the server's, as `Out` allows).
 */
export function zabEnvOf(env: ServerEnv): ZabEnv {
  return { config: env.config.zab, nowUs: env.nowUs, outputs: env.applied, disk: env.disk };
}

/** Runs a ZAB transition on the embedded peer; its effects go straight into the server's, in order. */
export function runZab(
  state: ZkServerState,
  env: ServerEnv,
  out: Out,
  transition: ZabTransition,
): ZkServerState {
  return withPeer(state, transition(state.zab, zabEnvOf(env), out));
}

/** The server with its peer's state after a transition (the same record when the peer did not change). */
export function withPeer(state: ZkServerState, zab: PeerState<ZkDatabase>): ZkServerState {
  if (zab === state.zab) return state;
  const next = draftServer(state);
  next.zab = zab;
  return next;
}

/** The data tree this server has applied (lastProcessedZxid is its `lastZxid`). */
export function treeOf(state: ZkServerState): DataTree {
  return state.zab.db.data.tree;
}
