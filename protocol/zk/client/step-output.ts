// The effects one client step produces, appended in order, and the observations it records.
//
// Observations (what tests and checkers read from the run):
// - `session-event` {client, state (KeeperState), session, server}: the application's session events.
// - `watch-event` {client, session, server, type, path, zxid, fired}: every watcher event received,
//   with the kinds of the handle's watches it fired (empty: the handle held no watch for it).
// - `violation` {client, what, ...}: the server broke the wire protocol (an out-of-order xid, a zxid
//   going backwards, a packet out of place); the client drops the connection, as ClientCnxn does.

import type { Effect, Json, NodeId } from "../../../sim/api/index.js";
import type { WireMessage } from "../wire/index.js";
import type { ClientState, KeeperState } from "./state.js";

export type Out = Effect<WireMessage>[];

export function observeSessionEvent(
  out: Out,
  self: NodeId,
  state: ClientState,
  keeperState: KeeperState,
): void {
  out.push({
    kind: "observe",
    observation: {
      kind: "session-event",
      client: self,
      state: keeperState,
      session: state.session?.sessionId ?? 0,
      server: state.connection?.server ?? null,
    },
  });
}

export function observeViolation(
  out: Out,
  self: NodeId,
  what: string,
  details: { readonly [key: string]: Json },
): void {
  out.push({ kind: "observe", observation: { kind: "violation", client: self, what, ...details } });
}
