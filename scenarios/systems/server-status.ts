// The monitoring probe of a run (SystemInstance.status): what each server's four-letter words would answer
// right now, read from its state without sending it anything, so probing never changes the run. A ZooKeeper
// server answers `mntr` (protocol/zk/server/admin.ts); a bare ZAB peer its role, epochs and zxids.

import type { PeerState } from "../../protocol/zab/index.js";
import { summarizePeer } from "../../protocol/zab/index.js";
import { serverStats, type ZkServerState } from "../../protocol/zk/server/index.js";
import type { Json, NodeId } from "../../sim/api/index.js";
import type { Simulation } from "../../sim/kernel/index.js";
import type { ServerStatus } from "./system.js";

type Stats = { readonly [field: string]: Json };

function statusOf(sim: Simulation, node: NodeId, stats: (state: unknown) => Stats): ServerStatus {
  const status = sim.statusOf(node);
  // A crashed or paused server does not answer the probe.
  return { node, status, stats: status === "up" ? stats(sim.stateOf(node)) : null };
}

export function zkServerStatus(sim: Simulation, servers: readonly NodeId[]): ServerStatus[] {
  return servers.map((node) => statusOf(sim, node, (state) => serverStats(state as ZkServerState)));
}

export function zabPeerStatus(sim: Simulation, servers: readonly NodeId[]): ServerStatus[] {
  return servers.map((node) =>
    statusOf(sim, node, (state) => {
      const peer = summarizePeer(state as PeerState<unknown>);
      const mode = { LEADING: "leader", FOLLOWING: "follower", OBSERVING: "observer" } as const;
      return {
        mode: peer.role === "LOOKING" ? "not serving" : mode[peer.role as keyof typeof mode],
        role: peer.role,
        zabState: peer.zabState,
        zxid: peer.committedZxid,
        lastLoggedZxid: peer.lastLoggedZxid,
        epoch: peer.currentEpoch,
        acceptedEpoch: peer.acceptedEpoch,
        pendingProposals: peer.pending,
      };
    }),
  );
}
