// The simulated module's constants and value classes against the real node-zookeeper-client 1.1.3, key by
// key, so a difference in either shows up here.
import { describe, expect, test } from "vitest";
import { simulatedZookeeper } from "../../../lib/node-zookeeper-client/module.js";
import { FakeDriver } from "./fake-driver.js";
import { captureMessage, real } from "./real-library.js";

const zookeeper = simulatedZookeeper(() => new FakeDriver());

function constants(source: object): { [key: string]: unknown } {
  return Object.fromEntries(
    Object.entries(source).filter(([, value]) => typeof value !== "function"),
  );
}

describe("the module's exports match the real package's", () => {
  test("the same export names as index.js", () => {
    expect(Object.keys(zookeeper).sort()).toEqual(Object.keys(real).sort());
  });

  test("Exception codes, key by key", () => {
    expect(constants(zookeeper.Exception)).toEqual(constants(real.Exception));
  });

  test("CreateMode, Permission and the Event types, key by key", () => {
    expect(zookeeper.CreateMode).toEqual({ ...real.CreateMode });
    expect(zookeeper.Permission).toEqual({ ...real.Permission });
    expect(constants(zookeeper.Event)).toEqual(constants(real.Event));
  });

  test("State constants: names, codes and toString", () => {
    const describeStates = (states: object) =>
      Object.entries(states).map(([key, state]) => [key, String(state), state.getCode()]);
    expect(describeStates(zookeeper.State)).toEqual(describeStates(real.State));
  });

  test("the ACL and Id constants", () => {
    const plain = (acls: readonly object[]) => JSON.parse(JSON.stringify(acls));
    for (const key of ["OPEN_ACL_UNSAFE", "CREATOR_ALL_ACL", "READ_ACL_UNSAFE"] as const) {
      expect(plain(zookeeper.ACL[key])).toEqual(plain(real.ACL[key]));
    }
    expect({ ...zookeeper.Id.ANYONE_ID_UNSAFE }).toEqual({ ...real.Id.ANYONE_ID_UNSAFE });
    expect({ ...zookeeper.Id.AUTH_IDS }).toEqual({ ...real.Id.AUTH_IDS });
  });
});

describe("Exception behaves as the real one", () => {
  const codes = Object.values(constants(real.Exception)).filter((code) => typeof code === "number");

  test.each(codes)("Exception.create(%i): code, name, message, toString, path", (code) => {
    const ours = zookeeper.Exception.create(code);
    const theirs = real.Exception.create(code);
    expect(ours).toBeInstanceOf(Error);
    expect(ours).toBeInstanceOf(zookeeper.Exception);
    expect([ours.getCode(), ours.getName(), ours.message, ours.toString(), ours.getPath()]).toEqual(
      [theirs.getCode(), theirs.getName(), theirs.message, theirs.toString(), theirs.getPath()],
    );
  });

  test("a path is appended to the message", () => {
    expect(zookeeper.Exception.create(-101, "/a").toString()).toBe(
      real.Exception.create(-101, "/a").toString(),
    );
  });

  test("an unknown code throws the same Error", () => {
    expect(() => zookeeper.Exception.create(-118)).toThrow(
      captureMessage(() => real.Exception.create(-118)),
    );
  });
});

describe("Event and ACL behave as the real ones", () => {
  test("Event.create: type, name, path and toString", () => {
    for (const type of [1, 2, 3, 4]) {
      const ours = zookeeper.Event.create({ type, path: "/p" });
      const theirs = real.Event.create({ type, path: "/p" });
      expect([ours.getType(), ours.getName(), ours.getPath(), ours.toString()]).toEqual([
        theirs.getType(),
        theirs.getName(),
        theirs.getPath(),
        theirs.toString(),
      ]);
    }
  });

  test("ACL and Id reject bad arguments with the same messages", () => {
    const cases: (() => unknown)[][] = [
      [() => new zookeeper.ACL(0, zookeeper.Id.AUTH_IDS), () => new real.ACL(0, real.Id.AUTH_IDS)],
      [() => new zookeeper.ACL(1, {}), () => new real.ACL(1, {})],
      [() => new zookeeper.Id("", "x"), () => new real.Id("", "x")],
      [() => new zookeeper.Id("world", 1), () => new real.Id("world", 1)],
    ];
    for (const [ours, theirs] of cases) {
      if (ours === undefined || theirs === undefined) throw new Error("bad case");
      expect(ours).toThrow(captureMessage(theirs));
    }
  });
});
