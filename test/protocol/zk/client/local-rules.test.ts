// The Java client's local rules (ZooKeeper.java and ClientCnxn.java, release-3.8.0): what the handle refuses
// or answers before sending, one test per rule.
import { describe, expect, it } from "vitest";
import { call, completionOf, setup } from "./harness.js";

const open = [{ perms: 31, scheme: "world", id: "anyone" }];

describe("what the Java client refuses or answers before sending", () => {
  it('a call while close() is in flight: queuePacket "if (!state.isAlive() || closing) conLossPacket" → CONNECTIONLOSS', () => {
    const s = setup({ servers: 1 });
    call(s, 100, "create", { path: "/a" });
    const close = call(s, 200, "close", null);
    const during = call(s, 200, "getData", { path: "/a" });
    const after = call(s, 900, "getData", { path: "/a" });
    s.sim.run({ untilUs: 1_000_000 });
    expect(completionOf(s, during)).toMatchObject({
      type: "fail",
      value: { error: "CONNECTIONLOSS" },
    });
    expect(completionOf(s, close)).toMatchObject({ type: "ok" });
    // conLossPacket's "case CLOSED: ... SESSIONEXPIRED" once the close is done.
    expect(completionOf(s, after)).toMatchObject({
      type: "fail",
      value: { error: "SESSIONEXPIRED" },
    });
  });

  it('an empty multi: multiInternal "if (request.size() == 0) ... return Collections.emptyList()", no zxid', () => {
    const s = setup({ servers: 1 });
    const first = call(s, 100, "create", { path: "/a" });
    const empty = call(s, 200, "multi", { ops: [] });
    const next = call(s, 300, "create", { path: "/b" });
    s.sim.run({ untilUs: 1_000_000 });
    expect(completionOf(s, empty)).toMatchObject({
      type: "ok",
      value: { results: [] },
      zxid: null,
    });
    const zxidOf = (process: number) => completionOf(s, process)?.zxid as number;
    expect(zxidOf(next)).toBe(zxidOf(first) + 1);
  });

  it("an empty multi a library sends (node-zookeeper-client's Transaction.commit) reaches the server", () => {
    const s = setup({ servers: 1 });
    const first = call(s, 100, "create", { path: "/a" });
    const empty = call(s, 200, "multi", { ops: [], sendEmpty: true });
    s.sim.run({ untilUs: 1_000_000 });
    const sent = completionOf(s, empty);
    expect(sent).toMatchObject({ type: "ok", value: { results: [] } });
    expect(sent?.zxid).toBeGreaterThan(completionOf(s, first)?.zxid as number);
  });
});

describe("argument checks of the Java client before sending", () => {
  it('empty ACLs: validateACL "if (acl == null || acl.isEmpty() ...) throw new InvalidACLException()" on create and setACL, not inside a multi', () => {
    const s = setup({ servers: 1 });
    call(s, 100, "create", { path: "/a" });
    const create = call(s, 200, "create", { path: "/b", acl: [] });
    const setAcl = call(s, 200, "setACL", { path: "/a", acl: [] });
    const multi = call(s, 200, "multi", { ops: [{ op: "create", path: "/c", acl: [] }] });
    s.sim.run({ untilUs: 1_000_000 });
    expect(completionOf(s, create)).toMatchObject({ type: "fail", value: { error: "INVALIDACL" } });
    expect(completionOf(s, setAcl)).toMatchObject({ type: "fail", value: { error: "INVALIDACL" } });
    expect(completionOf(s, multi)?.type).toBe("ok");
  });

  it('TTLs: EphemeralType.validateTTL "if (mode.isTTL()) TTL.toEphemeralOwner(ttl) else if (ttl >= 0) throw"', () => {
    const s = setup({ servers: 1 });
    const ttl = (mode: string, ttlMs?: number) =>
      call(s, 200, "create", {
        path: "/t",
        mode,
        acl: open,
        ...(ttlMs === undefined ? {} : { ttlMs }),
      });
    const refused = [
      ttl("persistent_with_ttl"),
      ttl("persistent_with_ttl", 0),
      ttl("persistent_sequential_with_ttl", 2 ** 40),
      ttl("persistent", 5),
      ttl("container", 0),
      call(s, 200, "multi", { ops: [{ op: "create", path: "/m", mode: "persistent_with_ttl" }] }),
    ];
    const accepted = ttl("persistent_with_ttl", 2 ** 40 - 1);
    s.sim.run({ untilUs: 1_000_000 });
    for (const process of refused) {
      expect(completionOf(s, process)).toMatchObject({
        type: "fail",
        value: { error: "BADARGUMENTS" },
      });
    }
    expect(completionOf(s, accepted)?.type).toBe("ok");
  });

  it('getEphemerals: "PathUtils.validatePath(prefixPath)" before sending', () => {
    const s = setup({ servers: 1 });
    const bad = [
      call(s, 200, "getEphemerals", { prefix: "a" }),
      call(s, 200, "getEphemerals", { prefix: "/a/" }),
    ];
    const good = call(s, 200, "getEphemerals", { prefix: "/a" });
    s.sim.run({ untilUs: 1_000_000 });
    for (const process of bad) {
      expect(completionOf(s, process)).toMatchObject({
        type: "fail",
        value: { error: "BADARGUMENTS" },
      });
    }
    expect(completionOf(s, good)?.type).toBe("ok");
  });
});
