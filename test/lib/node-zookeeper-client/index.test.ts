// The module apps import: the default export and the named ones are the same objects, and outside an app
// run createClient fails with the placeholder driver's message (the driver is fetched only then).
import { describe, expect, test } from "vitest";
import zookeeper, * as named from "../../../lib/node-zookeeper-client/index.js";

describe("lib/node-zookeeper-client/index.ts", () => {
  test("named exports are the default export's properties", () => {
    const { createClient, ACL, Id, Permission, CreateMode, State, Event, Exception } = named;
    expect({ createClient, ACL, Id, Permission, CreateMode, State, Event, Exception }).toEqual({
      ...zookeeper,
    });
  });

  test("importing works outside an app run; createClient there throws a clear Error", () => {
    expect(() => zookeeper.createClient("n1:2181")).toThrow(
      "node-zookeeper-client (simulated by zabsim) is only available inside an app run",
    );
  });
});
