// The seam between a simulated client library an app imports (lib/node-zookeeper-client) and the app host:
// a ZooKeeper handle as the app host serves it from the instance's node (protocol/zk/client underneath).
// Every callback runs inside the instance's turn, at the simulated time of the event that caused it.
import type { Json } from "../../sim/api/index.js";

/** How one call ended, exactly as the history records it (protocol/zk/client/README.md, "Outcomes"). */
export interface CallOutcome {
  /** ok: the server answered (value.error holds the code unless OK); fail: never sent; info: sent, no answer. */
  readonly type: "ok" | "fail" | "info";
  readonly value: { readonly [field: string]: Json };
  /** The reply header's zxid for ok; null otherwise. */
  readonly zxid: number | null;
}

export type SessionState = "SyncConnected" | "Disconnected" | "Expired" | "AuthFailed" | "Closed";
export type WatchEventType =
  | "NodeCreated"
  | "NodeDeleted"
  | "NodeDataChanged"
  | "NodeChildrenChanged";

/**
 * What the handle tells the library, in the order the client saw it.
 * - `session`: a session event (ZooKeeper's KeeperState); `sessionId`/`passwd`/`timeoutMs` are the session's
 *   as negotiated (0/""/requested before the first handshake).
 * - `watch`: a watcher event from the server; `fired` lists the kinds of the handle's watches it fired
 *   (`data`, `exist`, `child`, `persistent`, `persistentRecursive`), empty if none.
 */
export type HandleEvent =
  | {
      readonly kind: "session";
      readonly state: SessionState;
      readonly sessionId: number;
      readonly passwd: string;
      readonly timeoutMs: number;
    }
  | {
      readonly kind: "watch";
      readonly type: WatchEventType;
      readonly path: string;
      readonly fired: readonly string[];
    };

export interface HandleOptions {
  /** Server node names (`n1`, `o1`), in connect-string order; the handle shuffles them as ZooKeeper does. */
  readonly servers: readonly string[];
  /** The requested session timeout; the servers clamp it to [2, 20] ticks. */
  readonly sessionTimeoutMs: number;
  /** The wait after every server of the list failed in a row (node-zookeeper-client's spinDelay). */
  readonly spinDelayMs: number;
}

/**
 * One open ZooKeeper handle (a session, renewed only by opening a new handle). Calls are sent in call order
 * (ZooKeeper's client FIFO); `f` and `value` are the calls of protocol/zk/client/decode.ts (`create`,
 * `delete`, `setData`, `setACL`, `multi`, `exists`, `getData`, `getChildren`, `getACL`, `sync`, `addAuth`).
 */
export interface ZkHandle {
  call(f: string, value: Json, done: (outcome: CallOutcome) => void): void;
  /** Closes the session (closeSession to the server) and the connection; later calls end `fail`. */
  close(): void;
  /** The negotiated session, or null before the first handshake. */
  session(): {
    readonly sessionId: number;
    readonly passwd: string;
    readonly timeoutMs: number;
  } | null;
}

/**
 * What the app host gives the simulated library for the running instance. An instance holds at most one
 * open handle at a time (it is one client node); opening a second while one is open throws an Error naming
 * the limit. Opening after the previous handle closed or expired starts a new session.
 */
export interface ZkHandleDriver {
  /** The instance's name (`app-1`), for messages. */
  readonly instance: string;
  /** Server names by the `host:port` strings of the app's connect string (`n1:2181` -> `n1`). */
  serverOf(hostPort: string): string | null;
  open(options: HandleOptions, listener: (event: HandleEvent) => void): ZkHandle;
}
