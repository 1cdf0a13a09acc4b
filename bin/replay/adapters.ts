// How the replay shows each system's nodes: a summary per step (role, epoch, zxids), a one-line message
// description, and the full state as plain JSON. The ZooKeeper server (which wraps a ZAB peer) adds its own
// adapter here when its system driver exists.

import type { PeerState } from "../../protocol/zab/index.js";
import { describeMessage, formatZxid, type ZabMessage } from "../../protocol/zab/index.js";
import { peerStateView, summarizePeer } from "../../protocol/zab/peer-view.js";
import type { ServerSummary } from "../../reports/tui/model/index.js";
import type { SystemName } from "../../scenarios/schema/index.js";
import { UsageError } from "../cli-io.js";

export interface ReplayAdapter {
  readonly summarize: (state: unknown) => ServerSummary;
  readonly describeMessage: (message: unknown) => string;
  readonly stateView: (state: unknown) => unknown;
}

const PHASES: { readonly [phase: string]: string } = {
  ELECTION: "elect",
  DISCOVERY: "disc",
  SYNCHRONIZATION: "sync",
  BROADCAST: "bcast",
};

export const zabAdapter: ReplayAdapter = {
  summarize: (state) => {
    const s = summarizePeer(state as PeerState);
    const follows = s.leader === null || s.role === "LEADING" ? "" : ` →${s.leader}`;
    return {
      role: s.role,
      epoch: `${s.acceptedEpoch}/${s.currentEpoch}`,
      logged: formatZxid(s.lastLoggedZxid),
      committed: formatZxid(s.committedZxid),
      extra: `${PHASES[s.zabState] ?? s.zabState}${follows}${s.pending > 0 ? ` p${s.pending}` : ""}`,
    };
  },
  describeMessage: (message) => describeMessage(message as ZabMessage),
  stateView: (state) => (state === undefined ? undefined : peerStateView(state as PeerState)),
};

export function adapterFor(system: SystemName): ReplayAdapter {
  if (system === "zab") return zabAdapter;
  throw new UsageError(`replay does not know how to show the '${system}' system yet`);
}
