// Answers in the library's callback shapes. The answers are built as zabsim's typed responses (wire
// OpResponse) and turned into history values by the client's own valueOfResponse, so a renamed field on
// either side breaks these tests.
import { describe, expect, test, vi } from "vitest";
import type { Client } from "../../../lib/node-zookeeper-client/client.js";
import { simulatedZookeeper } from "../../../lib/node-zookeeper-client/module.js";
import { valueOfResponse } from "../../../protocol/zk/client/outcome.js";
import type { OpResponse } from "../../../protocol/zk/wire/index.js";
import { codeOf, FakeDriver, WIRE_STAT } from "./fake-driver.js";

const zookeeper = simulatedZookeeper(() => new FakeDriver());
const { Exception, ACL, Id } = zookeeper;

function connected(connectString = "n1:2181"): { driver: FakeDriver; client: Client } {
  const driver = new FakeDriver();
  const client = simulatedZookeeper(() => driver).createClient(connectString);
  client.connect();
  driver.session("SyncConnected");
  return { driver, client };
}

function answer(driver: FakeDriver, response: OpResponse): void {
  driver.ok(valueOfResponse(response));
}

/** What each callback got, as plain values. */
function recorder(): { calls: unknown[][]; callback: (...args: unknown[]) => void } {
  const calls: unknown[][] = [];
  return { calls, callback: (...args: unknown[]) => calls.push(args) };
}

const LIBRARY_STAT = {
  czxid: Buffer.from([0, 0, 0, 1, 0, 0, 0, 1]),
  mzxid: Buffer.from([0, 0, 0, 1, 0, 0, 0, 2]),
  ctime: Buffer.from([0, 0, 0, 0, 0, 0, 0x03, 0xe8]),
  mtime: Buffer.from([0, 0, 0, 0, 0, 0, 0x07, 0xd0]),
  version: 3,
  cversion: 4,
  aversion: 5,
  ephemeralOwner: Buffer.from([0, 0, 0, 1, 2, 3, 4, 5]),
  dataLength: 6,
  numChildren: 7,
  pzxid: Buffer.from([0, 0, 0, 1, 0, 0, 0, 3]),
};

describe("answers reach the callback in the library's shapes", () => {
  test("create: (null, path)", () => {
    const { driver, client } = connected();
    const { calls, callback } = recorder();
    client.create("/a", callback);
    expect(calls).toEqual([]);
    answer(driver, { op: "create", path: "/a", stat: WIRE_STAT });
    expect(calls).toEqual([[null, "/a"]]);
  });

  test("a Stat's long fields are 8-byte big-endian Buffers, its int fields numbers", () => {
    const { driver, client } = connected();
    const { calls, callback } = recorder();
    client.setData("/a", Buffer.from("x"), callback);
    answer(driver, { op: "setData", stat: WIRE_STAT });
    expect(calls).toEqual([[null, LIBRARY_STAT]]);
  });

  test("getData: (null, data as a Buffer of the stored bytes, stat)", () => {
    const { driver, client } = connected();
    const { calls, callback } = recorder();
    client.getData("/a", callback);
    answer(driver, { op: "getData", data: "h\u00ffi", stat: WIRE_STAT });
    expect(calls).toEqual([[null, Buffer.from([0x68, 0xff, 0x69]), LIBRARY_STAT]]);
  });

  test("getChildren: (null, children, stat)", () => {
    const { driver, client } = connected();
    const { calls, callback } = recorder();
    client.getChildren("/a", callback);
    answer(driver, { op: "getChildren", children: ["x", "y"], stat: WIRE_STAT });
    expect(calls).toEqual([[null, ["x", "y"], LIBRARY_STAT]]);
  });

  test("getACL: (null, ACL objects, stat)", () => {
    const { driver, client } = connected();
    const { calls, callback } = recorder();
    client.getACL("/a", callback);
    const acl = [{ perms: 31, scheme: "digest", id: "u:hash" }];
    answer(driver, { op: "getACL", acl, stat: WIRE_STAT });
    expect(calls).toEqual([[null, [new ACL(31, new Id("digest", "u:hash"))], LIBRARY_STAT]]);
    const acls = calls[0]?.[1];
    expect(Array.isArray(acls) && acls[0] instanceof ACL).toBe(true);
  });

  test("exists: (null, stat) when present, (null, null) on NONODE", () => {
    const { driver, client } = connected();
    const { calls, callback } = recorder();
    client.exists("/a", callback);
    client.exists("/b", callback);
    answer(driver, { op: "exists", stat: WIRE_STAT });
    driver.okError("NONODE");
    expect(calls).toEqual([
      [null, LIBRARY_STAT],
      [null, null],
    ]);
  });

  test("remove: (null) alone", () => {
    const { driver, client } = connected();
    const { calls, callback } = recorder();
    client.remove("/a", callback);
    answer(driver, { op: "delete" });
    expect(calls).toEqual([[null]]);
  });
});

describe("errors reach the callback as the library's Exception, alone", () => {
  const serverCodes: readonly (readonly [string, number])[] = [
    ["NONODE", Exception.NO_NODE],
    ["NODEEXISTS", Exception.NODE_EXISTS],
    ["BADVERSION", Exception.BAD_VERSION],
    ["NOTEMPTY", Exception.NOT_EMPTY],
    ["NOAUTH", Exception.NO_AUTH],
    ["INVALIDACL", Exception.INVALID_ACL],
    ["BADARGUMENTS", Exception.BAD_ARGUMENTS],
    ["NOCHILDRENFOREPHEMERALS", Exception.NO_CHILDREN_FOR_EPHEMERALS],
    ["SESSIONEXPIRED", Exception.SESSION_EXPIRED],
    ["RUNTIMEINCONSISTENCY", Exception.RUNTIME_INCONSISTENCY],
    ["MARSHALLINGERROR", Exception.MARSHALLING_ERROR],
    ["UNIMPLEMENTED", Exception.UNIMPLEMENTED],
    ["APIERROR", Exception.API_ERROR],
    ["SYSTEMERROR", Exception.SYSTEM_ERROR],
  ];

  test.each(serverCodes)("a server answer %s is code %i", (name, code) => {
    const { driver, client } = connected();
    const { calls, callback } = recorder();
    client.create("/a", callback);
    driver.okError(name);
    expect(calls).toHaveLength(1);
    const [error, ...rest] = calls[0] ?? [];
    expect(error).toBeInstanceOf(Exception);
    expect(error).toBeInstanceOf(Error);
    expect(codeOf(error)).toBe(code);
    expect(rest).toEqual([]);
  });

  test("a server code the library does not list throws as its Exception.create does", () => {
    const { driver, client } = connected();
    client.getData("/a", () => {});
    expect(() => driver.okError("SESSIONMOVED")).toThrow("Unknown code: -118");
  });

  const unanswered: readonly (readonly ["fail" | "info", string, number])[] = [
    ["info", "CONNECTIONLOSS", Exception.CONNECTION_LOSS],
    ["fail", "CONNECTIONLOSS", Exception.CONNECTION_LOSS],
    ["fail", "SESSIONEXPIRED", Exception.SESSION_EXPIRED],
    ["info", "AUTHFAILED", Exception.AUTH_FAILED],
    ["info", "REQUESTTIMEOUT", Exception.CONNECTION_LOSS],
    ["fail", "SOMETHINGNEW", Exception.CONNECTION_LOSS],
  ];

  test.each(unanswered)("an unanswered call (%s %s) is code %i", (type, name, code) => {
    const { driver, client } = connected();
    const { calls, callback } = recorder();
    client.getChildren("/a", callback);
    driver.unanswered(type, name);
    expect(codeOf(calls[0]?.[0])).toBe(code);
  });
});

describe("retries", () => {
  test("retries: a CONNECTION_LOSS is sent again after the library's back-off, up to `retries` more times", () => {
    // index.js: setTimeout(next, Math.min(1000 * Math.pow(2, attempts), sessionTimeout)).
    vi.useFakeTimers();
    try {
      const driver = new FakeDriver();
      const client = simulatedZookeeper(() => driver).createClient("n1:2181", { retries: 2 });
      client.connect();
      const { calls, callback } = recorder();
      client.create("/a", callback);
      driver.unanswered("info", "CONNECTIONLOSS");
      vi.advanceTimersByTime(999);
      expect(driver.calls).toHaveLength(1);
      vi.advanceTimersByTime(1);
      driver.unanswered("info", "CONNECTIONLOSS");
      vi.advanceTimersByTime(1_999);
      expect(driver.calls).toHaveLength(2);
      vi.advanceTimersByTime(1);
      expect(calls).toEqual([]);
      driver.unanswered("info", "CONNECTIONLOSS");
      expect(driver.calls.map((call) => call.f)).toEqual(["create", "create", "create"]);
      expect(codeOf(calls[0]?.[0])).toBe(-4);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("chroot", () => {
  test("is prepended to sent paths and cut from create's path and watch events", () => {
    const { driver, client } = connected("n1:2181,n2:2181/app");
    const { calls, callback } = recorder();
    const events: string[] = [];
    client.create("/", callback);
    client.create("/a", callback);
    client.exists("/b", (event: unknown) => events.push(String(event)), callback);
    client.transaction().create("/c").remove("/d").commit(callback);
    expect(driver.sent()).toEqual([
      'create {"path":"/app","acl":[{"perms":31,"scheme":"world","id":"anyone"}],"mode":"persistent","data":null}',
      'create {"path":"/app/a","acl":[{"perms":31,"scheme":"world","id":"anyone"}],"mode":"persistent","data":null}',
      'exists {"path":"/app/b","watch":true}',
      'multi {"ops":[{"op":"create","path":"/app/c","acl":[{"perms":31,"scheme":"world","id":"anyone"}],"mode":"persistent","data":null},{"op":"delete","path":"/app/d","version":-1}]}',
    ]);
    answer(driver, { op: "create", path: "/app", stat: WIRE_STAT });
    answer(driver, { op: "create", path: "/app/a0000000001", stat: WIRE_STAT });
    driver.okError("NONODE");
    answer(driver, {
      op: "multi",
      results: [{ op: "create", path: "/app/c", stat: WIRE_STAT }, { op: "delete" }],
    });
    driver.watch("NodeCreated", "/app/b", ["exist"]);
    expect(calls).toEqual([
      [null, "/"],
      [null, "/a0000000001"],
      [null, null],
      [null, [{ type: 1, path: "/c" }, { type: 2 }]],
    ]);
    expect(events).toEqual(["NODE_CREATED[1]@/b"]);
    expect(driver.opened).toEqual([
      { servers: ["n1", "n2"], sessionTimeoutMs: 30000, spinDelayMs: 1000 },
    ]);
  });
});
