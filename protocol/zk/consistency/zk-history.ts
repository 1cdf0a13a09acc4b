// A ZooKeeper history as the consistency check reads it: the client operations (Jepsen invoke/completion
// lines carrying {session, server, zxid}, protocol/zk/client/README.md), the sessions' watch events and
// (optionally) their connections, interleaved in the one order they were observed. Reference §2 and §3.

import type { Json } from "../../../sim/api/index.js";
import type { WatchEventType } from "../watches/index.js";

export type ZkInvoke = {
  readonly kind: "invoke";
  readonly process: number;
  readonly f: string;
  readonly value: Json;
};

/** `zxid` is the reply header's zxid for `ok`, null otherwise; `session` is 0 before the first handshake. */
export type ZkCompletion = {
  readonly kind: "complete";
  readonly process: number;
  readonly type: "ok" | "fail" | "info";
  readonly value: Json;
  readonly session: number;
  readonly server: Json;
  readonly zxid: number | null;
  /**
   * For an `info` completion: the zxid the service committed the request at, when the recorder knows it (a
   * simulator sees the leader's log; a client never does). The check tries these placements first and
   * judges them by every rule, so a wrong or missing hint changes how fast it decides, never what.
   */
  readonly committed?: number;
};

/** A watcher event as the client received it; zxid -1 marks one synthesized by setWatches. */
export type ZkWatchEvent = {
  readonly kind: "watch-event";
  readonly session: number;
  readonly type: WatchEventType;
  readonly path: string;
  readonly zxid: number;
};

/**
 * The session's client connected (or reconnected) to `server`: its SyncConnected event. Optional: a history
 * without these cannot show a reconnect, and the rules that need one (persistent watches lose the changes
 * made while their session was away) then ask nothing of that session.
 */
export type ZkConnected = {
  readonly kind: "connected";
  readonly session: number;
  readonly server: Json;
};

/** One line of the history, in observation order (line order is real-time order). */
export type ZkRecord = ZkInvoke | ZkCompletion | ZkWatchEvent | ZkConnected;

/** Thrown for a record the check cannot read; names the record's position (0-based). */
export class ZkHistoryError extends Error {
  readonly code = "ZK_HISTORY" as const;
  readonly position: number;
  constructor(position: number, message: string) {
    super(`record ${position}: ${message}`);
    this.name = "ZkHistoryError";
    this.position = position;
  }
}
