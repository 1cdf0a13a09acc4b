// A server's state: the embedded ZAB peer (whose state machine is the ZooKeeper database) and, while the peer
// is in BROADCAST, what serving clients needs (ZooKeeperServer): connections with their per-session request
// queues, the watches registered on them, and at the leader the session tracker, the outstanding changes of
// PrepRequestProcessor and the parked syncs. Plain readonly data; every step returns a new record.
import type { DurableView, Effect, NodeId } from "../../../sim/api/index.js";
import type { PeerState, Zxid } from "../../zab/index.js";
import type { AuthId } from "../acl/index.js";
import type { PendingChanges, SessionId, Zxid as TreeZxid, ZkCode } from "../data-tree/index.js";
import type { WatchSet } from "../watches/index.js";
import type { ClientWriteOp, OpResponse } from "../wire/index.js";
import type { ServerMessage } from "./messages.js";
import type { LocalOp } from "./reads.js";
import type { AppliedEntry, ZkDatabase } from "./zk-database.js";

export type WriteDone = {
  readonly err: ZkCode;
  readonly response: OpResponse | null;
  readonly zxid: TreeZxid;
};

/**
 * A request of the session waiting for its reply, in xid order (CommitProcessor's per-session queue).
 * Writes and syncs are `sent` to the pipeline at once unless an unfinished sync is ahead of them (a sync's
 * answer must not overtake a later write's commit); reads are answered when they reach the head.
 */
export type PendingRequest =
  | {
      readonly kind: "write";
      readonly xid: number;
      readonly op: ClientWriteOp;
      readonly requestId: number;
      readonly sent: boolean;
      readonly done: WriteDone | null;
      /** The server's own quorum barrier before a read (linearizable-reads mode): never answered. */
      readonly internal?: true;
    }
  | { readonly kind: "read"; readonly xid: number; readonly op: LocalOp }
  | {
      readonly kind: "sync";
      readonly xid: number;
      readonly path: string;
      readonly requestId: number;
      readonly sent: boolean;
      readonly done: boolean;
    };

/**
 * A client connection (ServerCnxn). `creating`: the createSession txn is on its way (`requestId` names it);
 * `revalidating`: the leader is asked whether the session lives; `open`: the ConnectResponse went out.
 */
export type Connection = {
  readonly client: NodeId;
  readonly sessionId: SessionId;
  readonly stage: "creating" | "revalidating" | "open";
  readonly timeoutMs: number;
  readonly requestId: number;
  readonly auth: readonly AuthId[];
  readonly queue: readonly PendingRequest[];
  /** The client asked for closeSession here; its answer is the last thing this connection gets. */
  readonly closing: boolean;
};

/** The leader's view of a global session (SessionTrackerImpl.SessionImpl + ExpiryQueue bucket). */
export type TrackedSession = {
  readonly timeoutMs: number;
  /** The bucket (a multiple of tickTime, leader clock ms) at whose end the session expires. */
  readonly expiresAtMs: number;
  /** The server the session is attached to; null until a request or revalidation names one. */
  readonly owner: NodeId | null;
  readonly closing: boolean;
};

export type ParkedSync = { readonly from: NodeId; readonly requestId: number; readonly zxid: Zxid };

export type LeaderSide = {
  /** PrepRequestProcessor.outstandingChanges. */
  readonly pending: PendingChanges;
  readonly sessions: ReadonlyMap<SessionId, TrackedSession>;
  /** Syncs waiting for `zxid` (the last proposal when they arrived) to commit (Leader.pendingSyncs). */
  readonly syncs: readonly ParkedSync[];
  readonly reaper: ContainerReaper;
};

/**
 * ContainerManager's progress (container-manager.ts): the candidates of the current check still to be
 * posted, one per `60000 / maxPerMinute` ms; `checkDue` is a check whose time came while they drain (its
 * Timer thread runs a late fixed-rate task as soon as the previous one returns).
 */
export type ContainerReaper = {
  readonly queue: readonly string[];
  readonly draining: boolean;
  readonly checkDue: boolean;
};

export type Serving = {
  /** The ZAB peer's session (role incarnation) this serving period belongs to. */
  readonly zabSession: number;
  readonly connections: { readonly [client: string]: Connection };
  /** Watches registered by this server's connections; owners are session ids. */
  readonly watches: WatchSet;
  /** Learner: sessions touched since the last SESSIONS packet, with their timeouts. */
  readonly touched: ReadonlyMap<SessionId, number>;
  readonly leader: LeaderSide | null;
};

export type ZkServerState = {
  readonly zab: PeerState<ZkDatabase>;
  /** Null while the peer is not in BROADCAST: the server accepts no clients then. */
  readonly serving: Serving | null;
  readonly nextSessionId: SessionId;
  /** Numbers the writes and syncs this server hands to the pipeline; unique across restarts. */
  readonly nextRequestId: number;
  readonly packetsReceived: number;
  readonly packetsSent: number;
};

export type Out = Effect<ServerMessage>[];

/**
 * What every server transition may read besides the state, and where the embedded peer's deliveries put
 * what their applies did (`applied`, in zxid order): the server handles those after the step (server.ts).
 */
export type ServerEnv = {
  readonly config: import("./config.js").ServerConfig;
  readonly self: NodeId;
  readonly nowUs: number;
  readonly applied: AppliedEntry[];
  /** The durable disk, for the embedded peer after a failed write (protocol/zab/write-failure.ts). */
  readonly disk?: DurableView | undefined;
};

/**
 * A fresh copy of the state, field by field, whose fields the caller sets before anyone sees it: on the
 * per-message path an explicit literal is much cheaper than an object spread (protocol/zab/records.ts).
 */
export function draftServer(s: ZkServerState): {
  -readonly [K in keyof ZkServerState]: ZkServerState[K];
} {
  return {
    zab: s.zab,
    serving: s.serving,
    nextSessionId: s.nextSessionId,
    nextRequestId: s.nextRequestId,
    packetsReceived: s.packetsReceived,
    packetsSent: s.packetsSent,
  };
}

/** A fresh copy of the serving side, as `draftServer`. */
export function draftServing(s: Serving): { -readonly [K in keyof Serving]: Serving[K] } {
  return {
    zabSession: s.zabSession,
    connections: s.connections,
    watches: s.watches,
    touched: s.touched,
    leader: s.leader,
  };
}

/** A fresh copy of a connection, as `draftServer`. */
export function draftConnection(c: Connection): {
  -readonly [K in keyof Connection]: Connection[K];
} {
  return {
    client: c.client,
    sessionId: c.sessionId,
    stage: c.stage,
    timeoutMs: c.timeoutMs,
    requestId: c.requestId,
    auth: c.auth,
    queue: c.queue,
    closing: c.closing,
  };
}

/** A fresh copy of the leader's side, as `draftServer`. */
export function draftLeaderSide(s: LeaderSide): {
  -readonly [K in keyof LeaderSide]: LeaderSide[K];
} {
  return {
    pending: s.pending,
    sessions: s.sessions,
    syncs: s.syncs,
    reaper: s.reaper,
  };
}

/** The leader's side with other sessions. */
export function withSessions(side: LeaderSide, sessions: LeaderSide["sessions"]): LeaderSide {
  const next = draftLeaderSide(side);
  next.sessions = sessions;
  return next;
}

/** The state with the serving side's watches replaced (nothing changes while not serving). */
export function withWatches(state: ZkServerState, watches: WatchSet): ZkServerState {
  const serving = state.serving;
  if (serving === null) return state;
  const next = draftServing(serving);
  next.watches = watches;
  return withServing(state, next);
}

export function withServing(state: ZkServerState, serving: Serving | null): ZkServerState {
  const next = draftServer(state);
  next.serving = serving;
  return next;
}

export function withConnection(state: ZkServerState, connection: Connection): ZkServerState {
  const serving = state.serving;
  if (serving === null) return state;
  const next = draftServing(serving);
  next.connections = { ...serving.connections, [connection.client]: connection };
  return withServing(state, next);
}

export function withoutConnection(state: ZkServerState, client: NodeId): ZkServerState {
  const serving = state.serving;
  if (serving === null || serving.connections[client] === undefined) return state;
  const { [client]: _gone, ...connections } = serving.connections;
  const next = draftServing(serving);
  next.connections = connections;
  return withServing(state, next);
}

export function withLeaderSide(state: ZkServerState, leader: LeaderSide): ZkServerState {
  const serving = state.serving;
  if (serving === null) return state;
  const next = draftServing(serving);
  next.leader = leader;
  return withServing(state, next);
}

/** Connections sorted by client, so every walk over them is deterministic. */
export function connectionsOf(state: ZkServerState): readonly Connection[] {
  const serving = state.serving;
  if (serving === null) return [];
  const clients = Object.keys(serving.connections).sort();
  const connections: Connection[] = [];
  for (const client of clients) {
    const connection = serving.connections[client];
    if (connection !== undefined) connections.push(connection);
  }
  return connections;
}

/** The open (or opening) connection of a session on this server, if any. */
export function connectionOfSession(
  state: ZkServerState,
  sessionId: SessionId,
): Connection | undefined {
  return connectionsOf(state).find((c) => c.sessionId === sessionId && sessionId !== 0);
}

/** The connection with another request queue. */
export function withQueue(connection: Connection, queue: readonly PendingRequest[]): Connection {
  const next = draftConnection(connection);
  next.queue = queue;
  return next;
}

/** The leader's side with other outstanding changes and sessions. */
export function withPendingAndSessions(
  side: LeaderSide,
  pending: PendingChanges,
  sessions: LeaderSide["sessions"],
): LeaderSide {
  const next = draftLeaderSide(side);
  next.pending = pending;
  next.sessions = sessions;
  return next;
}
