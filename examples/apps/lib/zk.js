// Promises over node-zookeeper-client's callbacks, shared by the example apps. A Session knows whether its
// client is connected and whether the session expired; `retry` repeats a call that is safe to repeat
// through connection losses, and `createSequential` makes a sequential create safe to repeat too.
import zookeeper from "node-zookeeper-client";

export const { CreateMode, Exception } = zookeeper;

/** `client[method](...args, callback)` as a promise of the callback's results (after the error). */
export function call(client, method, ...args) {
  return new Promise((resolve, reject) => {
    client[method](...args, (error, ...results) => (error ? reject(error) : resolve(results)));
  });
}

/** The ZooKeeper error code of a failed call, or null for any other error. */
export function codeOf(error) {
  return typeof error?.getCode === "function" ? error.getCode() : null;
}

/** Thrown once the session expired: its ephemeral nodes and watches are gone, a new session must start. */
export class SessionLost extends Error {}

export class Session {
  /** Opens a session and waits until it is connected (the client keeps trying every server). */
  static async open(ctx, sessionTimeout = 2000) {
    const client = zookeeper.createClient(ctx.connectString, { sessionTimeout, spinDelay: 100 });
    const session = new Session(client);
    client.connect();
    await session.whenConnected();
    return session;
  }

  connected = false;
  expired = false;
  #waiters = [];

  constructor(client) {
    this.client = client;
    client.on("state", () => {
      this.connected = client.getState() === zookeeper.State.SYNC_CONNECTED;
      for (const wake of this.#waiters.splice(0)) wake();
    });
    client.on("expired", () => {
      this.expired = true;
    });
  }

  /** Resolves at the next change of connection state (connected, disconnected, expired). */
  nextChange() {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Resolves once connected; throws SessionLost if the session expired instead. */
  async whenConnected() {
    while (!this.connected) {
      if (this.expired) throw new SessionLost("session expired");
      await this.nextChange();
    }
  }

  /** A call that is safe to repeat, repeated after each connection loss while the session lives. */
  async retry(method, ...args) {
    for (;;) {
      if (this.expired) throw new SessionLost("session expired");
      try {
        return await call(this.client, method, ...args);
      } catch (error) {
        const code = codeOf(error);
        if (code === Exception.SESSION_EXPIRED) throw new SessionLost("session expired");
        if (code !== Exception.CONNECTION_LOSS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
        await this.whenConnected();
      }
    }
  }

  /**
   * Creates `${parent}/${name}-<session>-<sequence>` once and returns the child's name. After a connection
   * loss the create may or may not have happened (or may still happen), so after a barrier the children
   * are searched for the name before creating again; the session id in it keeps an expired session's node
   * (not deleted yet) from passing for this session's.
   */
  async createSequential(parent, name, data, mode) {
    const unique = `${name}-${this.client.getSessionId().toString("hex")}-`;
    for (;;) {
      try {
        const [path] = await call(this.client, "create", `${parent}/${unique}`, data, mode);
        return path.slice(parent.length + 1);
      } catch (error) {
        const code = codeOf(error);
        if (code === Exception.SESSION_EXPIRED) throw new SessionLost("session expired");
        if (code !== Exception.CONNECTION_LOSS) throw error;
      }
      await this.whenConnected();
      await this.barrier(parent);
      const [children] = await this.retry("getChildren", parent);
      const mine = children.find((child) => child.startsWith(unique));
      if (mine !== undefined) return mine;
    }
  }

  /**
   * Waits until every write sent before is decided: got in, or never will. A write lost with the
   * connection may still be pending at the leader (proposed, not committed), where no read sees it yet,
   * and commit later, even under the next leader. A write sent now is ordered after it, so once this one is
   * done, a read from the same server sees the earlier one if it got in. (ZooKeeper's `sync` does the
   * same; node-zookeeper-client has none.) It writes `path`'s data: use a node whose data nobody reads.
   */
  async barrier(path) {
    await this.retry("setData", path, Buffer.alloc(0), -1);
  }

  /** Ends the session: its ephemeral nodes go. */
  close() {
    this.client.close();
  }
}

/** Children ordered by their sequence number (the ten digits a sequential create appends). */
export function bySequence(children) {
  return [...children].sort((a, b) => a.slice(-10).localeCompare(b.slice(-10)));
}
