// How the replay shows each system's nodes: a summary per step (role, epoch, zxids), a one-line message
// description, and the full state as plain JSON. A ZooKeeper server is summarised by the ZAB peer it wraps
// (`.zab`) plus the requests it holds, and its detail view starts with what its four-letter words (mntr) say;
// its clients, recipe hosts and the lock's resource get a summary of their own.

import type { PeerState } from "../../protocol/zab/index.js";
import { describeMessage, formatZxid, type ZabMessage } from "../../protocol/zab/index.js";
import { peerStateView, summarizePeer } from "../../protocol/zab/peer-view.js";
import type { ClientState } from "../../protocol/zk/client/index.js";
import { describeResourceMessage, isResourceMessage } from "../../protocol/zk/recipes/index.js";
import {
  describeServerMessage,
  type ServerMessage,
  serverStats,
  type ZkServerState,
} from "../../protocol/zk/server/index.js";
import type { ServerSummary } from "../../reports/tui/model/index.js";
import { describeAppMessage, isAppMessage } from "../../scenarios/apps/app-messages.js";
import type { AppNodeState } from "../../scenarios/apps/app-node.js";
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

/** The zookeeper system's nodes, told apart by shape: a server wraps a peer, a recipe host a client. */
export const zookeeperAdapter: ReplayAdapter = {
  summarize: (state) => {
    const fields = state as { readonly zab?: PeerState; readonly client?: ClientState };
    if (fields.zab !== undefined) return serverSummary(state as ZkServerState);
    if (isAppNodeState(state)) return appSummary(state);
    if (fields.client !== undefined) return clientSummary(fields.client, "recipe");
    if (isClientState(state)) return clientSummary(state, "client");
    return { role: "resource", epoch: "", logged: "", committed: "", extra: "" };
  },
  describeMessage: (message) => {
    const msg = message as { readonly type: string };
    if (isResourceMessage(msg)) return describeResourceMessage(msg);
    if (isAppMessage(msg)) return describeAppMessage(msg);
    return describeServerMessage(message as ServerMessage);
  },
  stateView: (state) => {
    const fields = state as { readonly zab?: PeerState } | undefined;
    if (fields?.zab === undefined) return state;
    // What the server's four-letter words (mntr) would answer at this step comes first.
    return { mntr: serverStats(state as ZkServerState), ...fields, zab: peerStateView(fields.zab) };
  },
};

/** A server as its peer (role, epochs, zxids), with the client requests it holds unanswered (mntr's outstanding). */
function serverSummary(state: ZkServerState): ServerSummary {
  const summary = zabAdapter.summarize(state.zab);
  const outstanding = Number(serverStats(state).outstanding ?? 0);
  return outstanding > 0 ? { ...summary, extra: `${summary.extra} q${outstanding}` } : summary;
}

function isClientState(state: unknown): state is ClientState {
  return typeof state === "object" && state !== null && "handle" in state && "hosts" in state;
}

function isAppNodeState(state: unknown): state is AppNodeState {
  return typeof state === "object" && state !== null && "client" in state && "handle" in state;
}

/** An app instance: its open handle's client, or no handle yet. */
function appSummary(state: AppNodeState): ServerSummary {
  if (state.client === null)
    return { role: "app", epoch: "", logged: "", committed: "", extra: "no handle" };
  return clientSummary(state.client, "app");
}

/** A client by its handle state, session and the server it talks to. */
function clientSummary(client: ClientState, role: string): ServerSummary {
  const connection = client.connection;
  const to = connection === null ? "" : `${connection.established ? "→" : "…"}${connection.server}`;
  return {
    role,
    epoch: client.handle,
    logged: formatZxid(client.lastZxidSeen),
    committed: client.session === null ? "" : `s${String(client.session.sessionId)}`,
    extra: to,
  };
}

export function adapterFor(system: SystemName): ReplayAdapter {
  if (system === "zab") return zabAdapter;
  if (system === "zookeeper") return zookeeperAdapter;
  throw new UsageError(`replay does not know how to show the '${system}' system yet`);
}
