// The client's state events against the driver's session events, in the order index.js emits them
// (its own `state` listener first, so `connected` comes before the app's `state` listeners), the session
// accessors, and the request queue around connect() and close().
import { describe, expect, test } from "vitest";
import type { Client, ClientOptions } from "../../../lib/node-zookeeper-client/client.js";
import { simulatedZookeeper } from "../../../lib/node-zookeeper-client/module.js";
import { FakeDriver, SESSION } from "./fake-driver.js";

function watched(options?: ClientOptions): { driver: FakeDriver; client: Client; log: string[] } {
  const driver = new FakeDriver();
  const client = simulatedZookeeper(() => driver).createClient("n1:2181", options);
  const log: string[] = [];
  for (const name of ["connected", "disconnected", "expired", "authenticationFailed"]) {
    client.on(name, () => log.push(name));
  }
  client.on("state", (state: unknown) => log.push(`state ${String(state)}`));
  return { driver, client, log };
}

describe("state events", () => {
  test("connect, lose the connection, reconnect", () => {
    const { driver, client, log } = watched();
    client.connect();
    driver.session("SyncConnected");
    driver.session("Disconnected");
    driver.session("SyncConnected");
    expect(log).toEqual([
      "connected",
      "state SYNC_CONNECTED[3]",
      "disconnected",
      "state DISCONNECTED[0]",
      "connected",
      "state SYNC_CONNECTED[3]",
    ]);
    expect(client.getState()).toBe(simulatedZookeeper(() => driver).State.SYNC_CONNECTED);
  });

  test("expiry: expired, then disconnected as the server closes the socket", () => {
    const { driver, client, log } = watched();
    client.connect();
    driver.session("SyncConnected");
    driver.session("Disconnected");
    driver.session("Expired");
    expect(log.slice(2)).toEqual([
      "disconnected",
      "state DISCONNECTED[0]",
      "expired",
      "state EXPIRED[-122]",
      "disconnected",
      "state DISCONNECTED[0]",
    ]);
  });

  test("failed authentication: authenticationFailed, then disconnected", () => {
    const { driver, client, log } = watched();
    client.connect();
    driver.session("SyncConnected");
    driver.session("AuthFailed");
    expect(log.slice(2)).toEqual([
      "authenticationFailed",
      "state AUTH_FAILED[4]",
      "disconnected",
      "state DISCONNECTED[0]",
    ]);
  });

  test("close: the handle is closed and the client ends disconnected", () => {
    const { driver, client, log } = watched();
    client.connect();
    driver.session("SyncConnected");
    client.close();
    expect(driver.closes).toBe(1);
    driver.session("Closed");
    expect(log.slice(2)).toEqual(["disconnected", "state DISCONNECTED[0]"]);
  });

  test("after expiry the handle's later events are not the client's", () => {
    const { driver, client, log } = watched();
    client.connect();
    driver.session("Expired");
    driver.session("SyncConnected");
    driver.session("Closed");
    expect(log).toEqual([
      "expired",
      "state EXPIRED[-122]",
      "disconnected",
      "state DISCONNECTED[0]",
    ]);
    expect(client.getState().getName()).toBe("DISCONNECTED");
  });
});

describe("session accessors", () => {
  test("before the handshake: zeros and the requested timeout", () => {
    const { client } = watched({ sessionTimeout: 5000 });
    expect(client.getSessionId()).toEqual(Buffer.alloc(8));
    expect(client.getSessionPassword()).toEqual(Buffer.alloc(16));
    expect(client.getSessionTimeout()).toBe(5000);
  });

  test("after it: the id as 8 bytes big-endian, the password in 16 bytes, the negotiated timeout", () => {
    const { driver, client } = watched();
    client.connect();
    driver.session("SyncConnected");
    expect(client.getSessionId()).toEqual(Buffer.from([0, 0, 0, 1, 2, 3, 4, 5]));
    expect(client.getSessionPassword()).toEqual(
      Buffer.concat([Buffer.from(SESSION.passwd), Buffer.alloc(16 - SESSION.passwd.length)]),
    );
    expect(client.getSessionTimeout()).toBe(SESSION.timeoutMs);
  });

  test("options reach the driver; the defaults are the library's", () => {
    const { driver, client } = watched({ sessionTimeout: 6000, spinDelay: 50 });
    client.connect();
    expect(driver.opened).toEqual([{ servers: ["n1"], sessionTimeoutMs: 6000, spinDelayMs: 50 }]);
    expect(client.options).toEqual({ sessionTimeout: 6000, spinDelay: 50, retries: 0 });
  });
});

describe("the request queue", () => {
  test("requests before connect() wait, then go in order, before credentials", () => {
    const { driver, client } = watched();
    client.create("/a", () => {});
    client.addAuthInfo("digest", Buffer.from("u:p"));
    client.getData("/a", () => {});
    expect(driver.opened).toEqual([]);
    client.connect();
    expect(driver.sent()).toEqual([
      'create {"path":"/a","acl":[{"perms":31,"scheme":"world","id":"anyone"}],"mode":"persistent","data":null}',
      'getData {"path":"/a","watch":false}',
      'addAuth {"scheme":"digest","credential":"u:p"}',
    ]);
  });

  test("addAuthInfo once connected is sent at once", () => {
    const { driver, client } = watched();
    client.connect();
    client.addAuthInfo("digest", Buffer.from("u:p"));
    expect(driver.sent()).toEqual(['addAuth {"scheme":"digest","credential":"u:p"}']);
  });

  test("answers come from the driver, never inside the call", () => {
    const { driver, client } = watched();
    client.connect();
    const calls: unknown[] = [];
    client.exists("/a", (...args: unknown[]) => calls.push(args));
    expect(calls).toEqual([]);
    driver.okError("NONODE");
    expect(calls).toEqual([[null, null]]);
  });

  test("after close() a request ends CONNECTION_LOSS at once, as the library's queue does", () => {
    const { driver, client } = watched();
    client.connect();
    client.close();
    const codes: number[] = [];
    client.getData("/a", (error: { getCode(): number }) => codes.push(error.getCode()));
    client
      .transaction()
      .check("/a")
      .commit((error: { getCode(): number }) => codes.push(error.getCode()));
    expect(codes).toEqual([-4, -4]);
    expect(driver.calls).toEqual([]);
  });

  test("while the library is in SESSION_EXPIRED or AUTHENTICATION_FAILED, queue answers that code; then CLOSED: CONNECTION_LOSS", () => {
    const codes: number[] = [];
    const record = (error: { getCode(): number }) => codes.push(error.getCode());
    for (const state of ["Expired", "AuthFailed"] as const) {
      const { driver, client } = watched();
      client.connect();
      driver.session("SyncConnected");
      // ConnectionManager.queue: "case STATES.SESSION_EXPIRED: callback(...SESSION_EXPIRED)", likewise AUTH_FAILED.
      client.once(state === "Expired" ? "expired" : "authenticationFailed", () =>
        client.getData("/a", record),
      );
      driver.session(state);
      client.getData("/a", record);
      expect(driver.calls).toEqual([]);
    }
    expect(codes).toEqual([-112, -4, -115, -4]);
  });

  test("the driver is fetched at createClient, not at import", () => {
    let fetched = 0;
    const zookeeper = simulatedZookeeper(() => {
      fetched += 1;
      return new FakeDriver();
    });
    expect(fetched).toBe(0);
    zookeeper.createClient("n1:2181");
    zookeeper.createClient("n1:2181");
    expect(fetched).toBe(2);
  });
});
