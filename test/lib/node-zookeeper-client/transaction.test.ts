// Transaction.js: ops sent as one multi; results as {type, path | stat | err}; on failure the error is the
// first result whose err is not OK, and the results still come with it.
import { describe, expect, test } from "vitest";
import type { Client } from "../../../lib/node-zookeeper-client/client.js";
import { simulatedZookeeper } from "../../../lib/node-zookeeper-client/module.js";
import { valueOfResponse } from "../../../protocol/zk/client/outcome.js";
import { codeOf, FakeDriver, WIRE_STAT } from "./fake-driver.js";

const { Exception, CreateMode } = simulatedZookeeper(() => new FakeDriver());

function connected(): { driver: FakeDriver; client: Client } {
  const driver = new FakeDriver();
  const client = simulatedZookeeper(() => driver).createClient("n1:2181");
  client.connect();
  driver.session("SyncConnected");
  return { driver, client };
}

describe("transactions", () => {
  test("ops are sent in order; version 0 is sent as -1, as the library's `version || -1` does", () => {
    const { driver, client } = connected();
    client
      .transaction()
      .create("/a", Buffer.from("d"), CreateMode.EPHEMERAL)
      .check("/a", 0)
      .setData("/a", Buffer.from("e"), 2)
      .remove("/b")
      .commit(() => {});
    expect(driver.sent()).toEqual([
      'multi {"ops":[{"op":"create","path":"/a","acl":[{"perms":31,"scheme":"world","id":"anyone"}],"mode":"ephemeral","data":"d"},{"op":"check","path":"/a","version":-1},{"op":"setData","path":"/a","data":"e","version":2},{"op":"delete","path":"/b","version":-1}]}',
    ]);
  });

  test("a committed transaction answers (null, results)", () => {
    const { driver, client } = connected();
    const calls: unknown[][] = [];
    client
      .transaction()
      .create("/a")
      .check("/a")
      .setData("/a", Buffer.from("e"))
      .remove("/b")
      .commit((...args: unknown[]) => calls.push(args));
    driver.ok(
      valueOfResponse({
        op: "multi",
        results: [
          { op: "create", path: "/a", stat: WIRE_STAT },
          { op: "check" },
          { op: "setData", stat: WIRE_STAT },
          { op: "delete" },
        ],
      }),
    );
    expect(calls).toHaveLength(1);
    const [error, results] = calls[0] ?? [];
    expect(error).toBeNull();
    expect(results).toMatchObject([
      { type: 1, path: "/a" },
      { type: 13 },
      { type: 5, stat: { version: 3, numChildren: 7 } },
      { type: 2 },
    ]);
  });

  test("a failed transaction answers (the first failing op's Exception, the error results)", () => {
    const { driver, client } = connected();
    const calls: unknown[][] = [];
    client
      .transaction()
      .create("/a")
      .remove("/missing")
      .create("/c")
      .commit((...args: unknown[]) => calls.push(args));
    driver.okError("NONODE", {
      ...valueOfResponse({
        op: "multi",
        results: [
          { op: "error", err: "OK" },
          { op: "error", err: "NONODE" },
          { op: "error", err: "RUNTIMEINCONSISTENCY" },
        ],
      }),
    });
    const [error, results] = calls[0] ?? [];
    expect(error).toBeInstanceOf(Exception);
    expect(codeOf(error)).toBe(Exception.NO_NODE);
    expect(results).toEqual([
      { type: -1, err: 0 },
      { type: -1, err: -101 },
      { type: -1, err: -2 },
    ]);
  });

  test("a transaction that got no answer answers (error) alone", () => {
    const { driver, client } = connected();
    const calls: unknown[][] = [];
    client
      .transaction()
      .create("/a")
      .commit((...args: unknown[]) => calls.push(args));
    driver.unanswered("info", "CONNECTIONLOSS");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(1);
    expect(codeOf(calls[0]?.[0])).toBe(-4);
  });
});

test("an empty transaction is sent: Transaction.js commit queues the MULTI whatever it holds", () => {
  const { driver, client } = connected();
  client.transaction().commit(() => {});
  // `sendEmpty` keeps zabsim's handle, which follows the Java client, from answering it itself.
  expect(driver.sent()).toEqual(['multi {"ops":[],"sendEmpty":true}']);
});
