// The client handle's state (ClientCnxn + ZooKeeper.States): the connection, the session, the queues of
// unsent and outstanding requests, and the registered watches. Plain data; every step returns a new one.

import type { NodeId } from "../../../sim/api/index.js";
import type { SessionId, Zxid } from "../data-tree/index.js";
import type { Watch } from "../watches/index.js";
import type { ApplicationOp } from "../wire/index.js";
import type { ClientConfig } from "./config.js";

/**
 * ZooKeeper.States as far as the simulator needs them: CONNECTING covers waiting to reconnect and the
 * handshake (ZooKeeper's ASSOCIATING); CLOSED follows close() or an expiry; AUTH_FAILED follows a rejected
 * addAuth. Read-only mode (CONNECTEDREADONLY) is not modelled.
 */
export const handleStates = ["CONNECTING", "CONNECTED", "CLOSED", "AUTH_FAILED"] as const;
export type HandleState = (typeof handleStates)[number];

/** The KeeperState of a session event (EventType None) delivered to the application. */
export const keeperStates = [
  "SyncConnected",
  "Disconnected",
  "Expired",
  "AuthFailed",
  "Closed",
] as const;
export type KeeperState = (typeof keeperStates)[number];

/** `established` once the server's ConnectResponse arrived on this connection. */
export type Connection = { readonly server: NodeId; readonly established: boolean };

export type Session = {
  readonly sessionId: SessionId;
  readonly passwd: string;
  /** The negotiated timeout. */
  readonly timeoutMs: number;
};

/**
 * A workload request, waiting for a connection (ClientCnxn's outgoingQueue) or for its reply. `local`:
 * the removeWatches flag that drops the watches on the client whatever the server answers.
 */
export type Queued = {
  readonly requestId: number;
  readonly op: ApplicationOp;
  readonly local?: true;
};
/** `sentAtUs`: the client's clock when the request went out (for the request timeout). */
export type Outstanding = Queued & { readonly xid: number; readonly sentAtUs: number };

/** An addAuth credential: re-sent on every new connection; `requestId` until its first answer. */
export type AuthEntry = {
  readonly scheme: string;
  readonly credential: string;
  readonly requestId: number | null;
};

export type ClientState = {
  readonly config: ClientConfig;
  readonly handle: HandleState;
  /** The connect string after the seeded shuffle. */
  readonly hosts: readonly NodeId[];
  /** Index in `hosts` of the server tried last. */
  readonly hostIndex: number;
  /** Connection attempts that failed since the last successful handshake. */
  readonly failedAttempts: number;
  readonly connection: Connection | null;
  /** null until the first ConnectResponse of a session; a connect without one asks for a new session. */
  readonly session: Session | null;
  /** The highest reply zxid seen (ClientCnxn.lastZxid), sent as ConnectRequest.lastZxidSeen. */
  readonly lastZxidSeen: Zxid;
  readonly nextXid: number;
  /** Requests not sent yet, in submission order. */
  readonly queued: readonly Queued[];
  /** Requests sent on the current connection and not answered yet, in xid order. */
  readonly outstanding: readonly Outstanding[];
  /** Indices in `auth` of the auth packets sent on this connection and not answered yet, in order. */
  readonly authsInFlight: readonly number[];
  readonly auth: readonly AuthEntry[];
  /** Registered watches (owner 0: the handle's one default watcher). */
  readonly watches: readonly Watch[];
  /** close() was called: later requests fail, and the handle ends CLOSED whatever happens to it. */
  readonly closing: boolean;
  /** Sessions this handle has started (more than one only with renewExpiredSession). */
  readonly sessionCount: number;
};

/**
 * A fresh copy of the state, field by field, whose fields the caller sets before anyone sees it: on the
 * per-request path an explicit literal is much cheaper than an object spread (protocol/zab/records.ts).
 */
export function draftClient(s: ClientState): {
  -readonly [K in keyof ClientState]: ClientState[K];
} {
  return {
    config: s.config,
    handle: s.handle,
    hosts: s.hosts,
    hostIndex: s.hostIndex,
    failedAttempts: s.failedAttempts,
    connection: s.connection,
    session: s.session,
    lastZxidSeen: s.lastZxidSeen,
    nextXid: s.nextXid,
    queued: s.queued,
    outstanding: s.outstanding,
    authsInFlight: s.authsInFlight,
    auth: s.auth,
    watches: s.watches,
    closing: s.closing,
    sessionCount: s.sessionCount,
  };
}
