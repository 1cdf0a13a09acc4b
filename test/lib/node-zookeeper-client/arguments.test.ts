// Argument handling against the real node-zookeeper-client 1.1.3: every bad call below throws
// synchronously in both, with the same message (the library's `assert`s, e.g.
// `assert(typeof callback === 'function', 'callback must be a function.')`), and the good optional-argument
// forms send what the library would.
import { describe, expect, test } from "vitest";
import type { Client } from "../../../lib/node-zookeeper-client/client.js";
import { simulatedZookeeper } from "../../../lib/node-zookeeper-client/module.js";
import { FakeDriver } from "./fake-driver.js";
import { captureMessage, real } from "./real-library.js";

const noop = () => {};
const buffer = Buffer.from("x");

type Call = (client: Client) => unknown;

const badCalls: readonly (readonly [string, Call])[] = [
  ["create without a callback", (c) => c.create("/a")],
  ["create with a relative path", (c) => c.create("a", noop)],
  ["create with a trailing slash", (c) => c.create("/a/", noop)],
  ["create with an empty node name", (c) => c.create("/a//b", noop)],
  ["create with a relative component", (c) => c.create("/a/../b", noop)],
  ["create with empty acls", (c) => c.create("/a", [], noop)],
  ["create with a non-ACL element", (c) => c.create("/a", [1], noop)],
  ["create with data over 1 MiB", (c) => c.create("/a", Buffer.alloc(1048577), noop)],
  ["remove with a string version", (c) => c.remove("/a", "1", noop)],
  ["remove without a callback", (c) => c.remove("/a")],
  ["setData with null data", (c) => c.setData("/a", null, noop)],
  ["setData with a string version", (c) => c.setData("/a", buffer, "1", noop)],
  ["setData with string data", (c) => c.setData("/a", "x", noop)],
  ["getData without a callback", (c) => c.getData("/a")],
  ["getData with a non-string path", (c) => c.getData(1, noop)],
  ["exists without a callback", (c) => c.exists("/a", noop, 1)],
  ["getChildren with an empty path", (c) => c.getChildren("", noop)],
  ["getACL without a callback", (c) => c.getACL("/a")],
  ["setACL with no acls", (c) => c.setACL("/a", [], noop)],
  ["setACL with a string version", (c) => c.setACL("/a", real.ACL.OPEN_ACL_UNSAFE, "1", noop)],
  ["mkdirp without a callback", (c) => c.mkdirp("/a/b")],
  ["addAuthInfo without a Buffer", (c) => c.addAuthInfo("digest", "u:p")],
  ["addAuthInfo with an empty scheme", (c) => c.addAuthInfo("", buffer)],
  ["transaction check with a bad path", (c) => c.transaction().check("a")],
  ["transaction setData with string data", (c) => c.transaction().setData("/a", "x")],
  ["transaction create with empty acls", (c) => c.transaction().create("/a", [])],
  ["commit without a callback", (c) => c.transaction().commit()],
];

describe("bad arguments throw synchronously as in the real library", () => {
  test.each(badCalls)("%s", (_, call) => {
    const driver = new FakeDriver();
    const ours = simulatedZookeeper(() => driver).createClient("n1:2181");
    // The real client opens no socket before connect(), so it can be called here.
    const theirs = real.createClient("n1:2181");
    const message = captureMessage(() => call(theirs));
    expect(() => call(ours)).toThrow(message);
    expect(driver.calls).toEqual([]);
  });

  test("createClient checks its connect string and options as the library does", () => {
    const zookeeper = simulatedZookeeper(() => new FakeDriver());
    for (const args of [[""], ["n1:2181", "options"], ["n1:2181/a/"], ["/app"], ["n1:2181/a//b"]]) {
      const message = captureMessage(() => real.createClient(String(args[0]), args[1] as never));
      expect(() => zookeeper.createClient(String(args[0]), args[1] as never)).toThrow(message);
    }
  });

  test("a host:port the simulation does not serve is an Error naming it", () => {
    const zookeeper = simulatedZookeeper(() => new FakeDriver());
    expect(() => zookeeper.createClient("n1:2181,db:2181")).toThrow(/db:2181/);
  });
});

function connected(connectString = "n1:2181"): { driver: FakeDriver; client: Client } {
  const driver = new FakeDriver();
  const client = simulatedZookeeper(() => driver).createClient(connectString);
  client.connect();
  driver.session("SyncConnected");
  return { driver, client };
}

describe("optional arguments are taken by their type", () => {
  test("create: data, acls and mode in any order, defaults otherwise", () => {
    const { driver, client } = connected();
    const { ACL, CreateMode } = simulatedZookeeper(() => driver);
    client.create("/a", noop);
    client.create("/b", buffer, noop);
    client.create("/c", CreateMode.EPHEMERAL_SEQUENTIAL, ACL.READ_ACL_UNSAFE, buffer, noop);
    client.create("/d", ACL.CREATOR_ALL_ACL, noop);
    expect(driver.sent()).toEqual([
      'create {"path":"/a","acl":[{"perms":31,"scheme":"world","id":"anyone"}],"mode":"persistent","data":null}',
      'create {"path":"/b","acl":[{"perms":31,"scheme":"world","id":"anyone"}],"mode":"persistent","data":"x"}',
      'create {"path":"/c","acl":[{"perms":1,"scheme":"world","id":"anyone"}],"mode":"ephemeral_sequential","data":"x"}',
      'create {"path":"/d","acl":[{"perms":31,"scheme":"auth","id":""}],"mode":"persistent","data":null}',
    ]);
  });

  test("a mode the library has no name for is sent so that zabsim refuses it", () => {
    const { driver, client } = connected();
    client.create("/a", 4, noop);
    expect(driver.sent()).toEqual([
      'create {"path":"/a","acl":[{"perms":31,"scheme":"world","id":"anyone"}],"mode":"flags:4","data":null}',
    ]);
  });

  test("remove, setData and setACL default the version to -1", () => {
    const { driver, client } = connected();
    client.remove("/a", noop);
    client.remove("/a", 3, noop);
    client.setData("/a", buffer, noop);
    client.setData("/a", Buffer.from([0xff, 0]), 2, noop);
    client.setACL("/a", real.ACL.OPEN_ACL_UNSAFE, noop);
    expect(driver.sent()).toEqual([
      'delete {"path":"/a","version":-1}',
      'delete {"path":"/a","version":3}',
      'setData {"path":"/a","data":"x","version":-1}',
      'setData {"path":"/a","data":"ÿ\\u0000","version":2}',
      'setACL {"path":"/a","acl":[{"perms":31,"scheme":"world","id":"anyone"}],"version":-1}',
    ]);
  });

  test("reads ask for a watch only when given a watcher function", () => {
    const { driver, client } = connected();
    client.getData("/a", noop);
    client.getData("/a", noop, noop);
    client.exists("/a", noop, noop);
    client.getChildren("/a", noop);
    client.getACL("/a", noop);
    expect(driver.sent()).toEqual([
      'getData {"path":"/a","watch":false}',
      'getData {"path":"/a","watch":true}',
      'exists {"path":"/a","watch":true}',
      'getChildren {"path":"/a","watch":false}',
      'getACL {"path":"/a"}',
    ]);
  });
});
