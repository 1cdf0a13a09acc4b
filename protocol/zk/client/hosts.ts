// StaticHostProvider: the connect string shuffled once with the client's seeded stream, then tried in
// a ring; the reconnect delay grows by the spin delay after a whole round of failures.

import { type Micros, micros, type NodeId, type Random } from "../../../sim/api/index.js";
import type { ClientState } from "./state.js";

/** A Fisher–Yates shuffle drawing from the node's own stream. */
export function shuffleHosts(servers: readonly NodeId[], random: Random): readonly NodeId[] {
  const hosts = [...servers];
  for (let index = hosts.length - 1; index > 0; index--) {
    const other = random.int(0, index + 1);
    const here = hosts[index];
    const there = hosts[other];
    if (here === undefined || there === undefined) continue;
    hosts[index] = there;
    hosts[other] = here;
  }
  return hosts;
}

/** The server after the one tried last. */
export function nextHostIndex(state: ClientState): number {
  return (state.hostIndex + 1) % state.hosts.length;
}

export function hostAt(state: ClientState, index: number): NodeId {
  const host = state.hosts[index];
  if (host === undefined) throw new RangeError(`no host at ${index}`);
  return host;
}

/**
 * The wait before the next attempt: a random part below reconnectDelayMax (ClientCnxn.startConnect), plus
 * the spin delay when every server failed since the last successful handshake.
 */
export function reconnectDelayUs(state: ClientState, random: Random): Micros {
  const maxUs = state.config.reconnectDelayMaxUs;
  const jitterUs = maxUs > 0 ? random.int(0, maxUs) : 0;
  const roundFailed = state.failedAttempts > 0 && state.failedAttempts % state.hosts.length === 0;
  return micros(jitterUs + (roundFailed ? maxUs : 0));
}
