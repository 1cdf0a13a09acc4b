// The session handshake (proto/ConnectRequest.jute, ConnectResponse.jute): the first packet on every new
// connection, and the server's answer (reference §3 "Creation", "Timeout negotiation", "Never go back in time").

import type { SessionId, Zxid } from "../data-tree/index.js";

/**
 * `sessionId` 0 asks for a new session; otherwise the client re-attaches to that session and proves it
 * with `passwd`. The server refuses (closes the connection without answering) when `lastZxidSeen` is newer
 * than its own last processed zxid, so the client never goes back in time.
 */
export type ConnectRequest = {
  readonly type: "ConnectRequest";
  readonly protocolVersion: 0;
  readonly lastZxidSeen: Zxid;
  /** The requested session timeout in milliseconds (ZooKeeper's `timeOut`). */
  readonly timeOutMs: number;
  readonly sessionId: SessionId;
  readonly passwd: string;
  readonly readOnly: boolean;
};

/** `timeOutMs <= 0` means the session is expired (or unknown, or the password was wrong). */
export type ConnectResponse = {
  readonly type: "ConnectResponse";
  readonly protocolVersion: 0;
  /** The negotiated session timeout in milliseconds. */
  readonly timeOutMs: number;
  readonly sessionId: SessionId;
  readonly passwd: string;
  readonly readOnly: boolean;
};

export function isExpiredResponse(response: ConnectResponse): boolean {
  return response.timeOutMs <= 0;
}
