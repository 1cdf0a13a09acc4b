// Watchers as WatcherManager.js keeps them: registered after a good answer (exists also on NONODE, as an
// existence watcher), each function once per path and kind, called once, the tables chosen by event type.
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

const noop = () => {};

function watcher(log: string[], name: string): (event: unknown) => void {
  return (event) => log.push(`${name} ${String(event)}`);
}

describe("watcher registration", () => {
  test("a watcher is registered only once the answer is good", () => {
    const { driver, client } = connected();
    const log: string[] = [];
    client.getData("/a", watcher(log, "data"), noop);
    driver.okError("NONODE");
    driver.watch("NodeCreated", "/a");
    expect(log).toEqual([]);
  });

  test("exists on a missing node leaves an existence watcher, fired by NodeCreated", () => {
    const { driver, client } = connected();
    const log: string[] = [];
    client.exists("/a", watcher(log, "exists"), noop);
    driver.okError("NONODE");
    driver.watch("NodeDeleted", "/a");
    driver.watch("NodeCreated", "/a");
    driver.watch("NodeCreated", "/a");
    expect(log).toEqual(["exists NODE_CREATED[1]@/a"]);
  });
});

describe("which watchers an event fires", () => {
  test("data and existence watchers fire on NodeDataChanged, data first, each once", () => {
    const { driver, client } = connected();
    const log: string[] = [];
    const first = watcher(log, "first");
    client.exists("/a", watcher(log, "exists"), noop);
    client.getData("/a", first, noop);
    client.getData("/a", first, noop);
    client.getData("/a", watcher(log, "second"), noop);
    driver.okError("NONODE");
    for (let i = 0; i < 3; i++)
      driver.ok(valueOfResponse({ op: "getData", data: "", stat: WIRE_STAT }));
    driver.watch("NodeDataChanged", "/a", ["data", "exist"]);
    driver.watch("NodeDataChanged", "/a");
    expect(log).toEqual([
      "first NODE_DATA_CHANGED[3]@/a",
      "second NODE_DATA_CHANGED[3]@/a",
      "exists NODE_DATA_CHANGED[3]@/a",
    ]);
  });

  test("NodeDeleted fires data then child watchers; NodeChildrenChanged only child ones", () => {
    const { driver, client } = connected();
    const log: string[] = [];
    client.getChildren("/a", watcher(log, "child1"), noop);
    client.exists("/a", watcher(log, "data"), noop);
    client.getChildren("/a", watcher(log, "child2"), noop);
    driver.ok(valueOfResponse({ op: "getChildren", children: [], stat: WIRE_STAT }));
    driver.ok(valueOfResponse({ op: "exists", stat: WIRE_STAT }));
    driver.watch("NodeChildrenChanged", "/a");
    driver.ok(valueOfResponse({ op: "getChildren", children: [], stat: WIRE_STAT }));
    driver.watch("NodeDeleted", "/a");
    expect(log).toEqual([
      "child1 NODE_CHILDREN_CHANGED[4]@/a",
      "data NODE_DELETED[2]@/a",
      "child2 NODE_DELETED[2]@/a",
    ]);
  });

  test("a watcher of another path is not called", () => {
    const { driver, client } = connected();
    const log: string[] = [];
    client.getData("/a", watcher(log, "a"), noop);
    driver.ok(valueOfResponse({ op: "getData", data: "", stat: WIRE_STAT }));
    driver.watch("NodeDataChanged", "/b");
    expect(log).toEqual([]);
  });

  test("Event objects: getType, getName, getPath", () => {
    const { driver, client } = connected();
    const { Event } = simulatedZookeeper(() => driver);
    const events: InstanceType<typeof Event>[] = [];
    client.exists("/a", (event: InstanceType<typeof Event>) => events.push(event), noop);
    driver.okError("NONODE");
    driver.watch("NodeCreated", "/a");
    const [event] = events;
    expect(event).toBeInstanceOf(Event);
    expect([event?.getType(), event?.getName(), event?.getPath()]).toEqual([
      Event.NODE_CREATED,
      "NODE_CREATED",
      "/a",
    ]);
  });
});
