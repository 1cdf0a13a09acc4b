// mkdirp, listSubTreeBFS and removeRecursive: client-side series of ordinary requests, as index.js has them.
import { describe, expect, test } from "vitest";
import type { Client } from "../../../lib/node-zookeeper-client/client.js";
import { simulatedZookeeper } from "../../../lib/node-zookeeper-client/module.js";
import { valueOfResponse } from "../../../protocol/zk/client/outcome.js";
import { FakeDriver, WIRE_STAT } from "./fake-driver.js";

function connected(): { driver: FakeDriver; client: Client } {
  const driver = new FakeDriver();
  const client = simulatedZookeeper(() => driver).createClient("n1:2181");
  client.connect();
  driver.session("SyncConnected");
  return { driver, client };
}

const paths = (driver: FakeDriver) =>
  driver.calls.map(
    (call) => `${call.f} ${JSON.stringify(call.value).match(/"path":"([^"]*)"/)?.[1]}`,
  );

describe("mkdirp", () => {
  test("creates each component in turn, skipping NODE_EXISTS, and answers (null, path)", () => {
    const { driver, client } = connected();
    const calls: unknown[][] = [];
    client.mkdirp("/a/b/c", Buffer.from("x"), (...args: unknown[]) => calls.push(args));
    driver.okError("NODEEXISTS");
    driver.ok(valueOfResponse({ op: "create", path: "/a/b", stat: WIRE_STAT }));
    driver.ok(valueOfResponse({ op: "create", path: "/a/b/c", stat: WIRE_STAT }));
    expect(paths(driver)).toEqual(["create /a", "create /a/b", "create /a/b/c"]);
    expect(driver.sent()[0]).toContain('"data":"x"');
    expect(calls).toEqual([[null, "/a/b/c"]]);
  });

  test("stops at another error and answers (error, the path reached)", () => {
    const { driver, client } = connected();
    const calls: unknown[][] = [];
    client.mkdirp("/a/b/c", (...args: unknown[]) => calls.push(args));
    driver.okError("NOAUTH");
    expect(paths(driver)).toEqual(["create /a"]);
    expect(calls).toHaveLength(1);
    expect(String(calls[0]?.[0])).toBe("Exception: NO_AUTH[-102]");
    expect(calls[0]?.[1]).toBe("/a");
  });
});

describe("listSubTreeBFS and removeRecursive", () => {
  test("list the path and its children only, as the library's async.reduce does", () => {
    const { driver, client } = connected();
    const calls: unknown[][] = [];
    client.listSubTreeBFS("/", (...args: unknown[]) => calls.push(args));
    driver.ok(valueOfResponse({ op: "getChildren", children: ["a", "b"], stat: WIRE_STAT }));
    expect(calls).toEqual([[null, ["/", "/a", "/b"]]]);
    expect(driver.calls).toHaveLength(1);
  });

  test("removeRecursive deletes children first, skipping NO_NODE, and answers (null)", () => {
    const { driver, client } = connected();
    const calls: unknown[][] = [];
    client.removeRecursive("/p", (...args: unknown[]) => calls.push(args));
    driver.ok(valueOfResponse({ op: "getChildren", children: ["a", "b"], stat: WIRE_STAT }));
    driver.ok({});
    driver.okError("NONODE");
    driver.ok({});
    expect(paths(driver)).toEqual(["getChildren /p", "delete /p/b", "delete /p/a", "delete /p"]);
    expect(calls).toEqual([[null]]);
  });
});
