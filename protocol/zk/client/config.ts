// The client handle's settings (ZooKeeper's constructor arguments and ZKClientConfig) and the timers
// derived from the negotiated session timeout (reference §3 "Client timers").

import { assert, type Micros, micros, ms, type NodeId } from "../../../sim/api/index.js";

export type ClientConfig = {
  /** The connect string: the servers, tried in a seeded random order (StaticHostProvider shuffles). */
  readonly servers: readonly NodeId[];
  /** The requested session timeout; the server clamps it to [2, 20] ticks. */
  readonly sessionTimeoutMs: number;
  /**
   * Before every reconnect the client waits a random time below this (ClientCnxn.startConnect sleeps
   * `nextInt(1000)` ms); after every server of the list failed in a row it waits this long in addition
   * (StaticHostProvider's spin delay).
   */
  readonly reconnectDelayMaxUs: Micros;
  /**
   * Not ZooKeeper: after an Expired event the handle starts a fresh session by itself, as an application
   * that creates a new ZooKeeper handle would. Off, the handle stays CLOSED and every later operation fails
   * with SESSIONEXPIRED, as the real client does.
   */
  readonly renewExpiredSession: boolean;
  /**
   * `zookeeper.request.timeout` in ms, 0 = off (the default, as in ZooKeeper): a request unanswered this
   * long ends `info` with REQUESTTIMEOUT, and the connection is dropped (ClientCnxn.cleanAndNotifyState).
   */
  readonly requestTimeoutMs: number;
};

export function clientConfig(
  servers: readonly NodeId[],
  overrides: Partial<Omit<ClientConfig, "servers">> = {},
): ClientConfig {
  const config: ClientConfig = {
    servers,
    sessionTimeoutMs: 10_000,
    reconnectDelayMaxUs: ms(1_000),
    renewExpiredSession: true,
    requestTimeoutMs: 0,
    ...overrides,
  };
  assert(config.servers.length > 0, "a client needs at least one server");
  assert(
    Number.isSafeInteger(config.sessionTimeoutMs) && config.sessionTimeoutMs > 0,
    "sessionTimeoutMs must be a positive integer",
  );
  assert(
    Number.isSafeInteger(config.requestTimeoutMs) && config.requestTimeoutMs >= 0,
    "requestTimeoutMs must be a non-negative integer",
  );
  return config;
}

/** readTimeout = 2/3 of the session timeout: silence this long declares the connection dead. */
export function readTimeoutUs(timeoutMs: number): Micros {
  return micros(Math.max(1, Math.floor((timeoutMs * 1_000 * 2) / 3)));
}

/** A PING goes out when nothing was sent for readTimeout/2, i.e. about a third of the timeout. */
export function pingIntervalUs(timeoutMs: number): Micros {
  return micros(Math.max(1, Math.floor(readTimeoutUs(timeoutMs) / 2)));
}

/** connectTimeout = timeout / number of servers: how long a handshake may take before the next server. */
export function connectTimeoutUs(timeoutMs: number, serverCount: number): Micros {
  return micros(Math.max(1, Math.floor((timeoutMs * 1_000) / serverCount)));
}
