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
import {
  type ClientSummary,
  hexIdsInValue,
  type ServerSummary,
} from "../../reports/tui/model/index.js";
import { describeAppMessage, isAppMessage } from "../../scenarios/apps/app-messages.js";
import type { AppNodeState } from "../../scenarios/apps/app-node.js";
import type { SystemName } from "../../scenarios/schema/index.js";
import { hexSession } from "../../scenarios/systems/labels.js";
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
    const s = summarizePeer(state as PeerState<unknown>);
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
  stateView: (state) =>
    state === undefined ? undefined : peerStateView(state as PeerState<unknown>),
};

/** The zookeeper system's nodes, told apart by shape: a server wraps a peer, a recipe host a client. */
export const zookeeperAdapter: ReplayAdapter = {
  summarize: (state) => {
    const fields = state as { readonly zab?: PeerState<unknown>; readonly client?: ClientState };
    if (fields.zab !== undefined) return serverSummary(state as ZkServerState);
    if (isAppNodeState(state)) return appSummary(state);
    if (fields.client !== undefined) return clientSummary(fields.client, "recipe");
    if (isClientState(state)) return clientSummary(state, "client");
    return { ...NO_SERVER, role: "resource", client: { ...NO_CLIENT, state: "resource" } };
  },
  describeMessage: (message) => {
    const msg = message as { readonly type: string };
    if (isResourceMessage(msg)) return describeResourceMessage(msg);
    if (isAppMessage(msg)) return describeAppMessage(msg);
    return describeServerMessage(message as ServerMessage);
  },
  stateView: (state) => {
    const fields = state as { readonly zab?: PeerState<unknown> } | undefined;
    if (fields?.zab === undefined) return hexIdsInValue(state);
    // What the server's four-letter words (mntr) would answer at this step comes first.
    const view = {
      mntr: serverStats(state as ZkServerState),
      ...fields,
      zab: peerStateView(fields.zab),
    };
    return hexIdsInValue(view);
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

const NO_SERVER = { role: "", epoch: "", logged: "", committed: "", extra: "" } as const;
const NO_CLIENT = { state: "", session: "", server: "", lastZxid: "", outstanding: null } as const;

/** An app instance: its open handle's client, or no handle yet. */
function appSummary(state: AppNodeState): ServerSummary {
  if (state.client === null)
    return { ...NO_SERVER, role: "app", client: { ...NO_CLIENT, state: "no handle" } };
  return clientSummary(state.client, "app");
}

/** A client by its handle state, session, the server it talks to, the zxid it has seen and its calls. */
function clientSummary(client: ClientState, role: string): ServerSummary {
  const connection = client.connection;
  const server =
    connection === null ? "" : `${connection.established ? "" : "…"}${connection.server}`;
  const summary: ClientSummary = {
    state: client.handle,
    session: client.session === null ? "" : hexSession(client.session.sessionId),
    server,
    lastZxid: formatZxid(client.lastZxidSeen),
    outstanding: client.outstanding.length + client.queued.length,
  };
  return { ...NO_SERVER, role, client: summary };
}

export function adapterFor(system: SystemName): ReplayAdapter {
  if (system === "zab") return zabAdapter;
  if (system === "zookeeper") return zookeeperAdapter;
  throw new UsageError(`replay does not know how to show the '${system}' system yet`);
}
