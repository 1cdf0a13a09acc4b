// TTL nodes are an extended type, off by default as in ZooKeeper 3.8 (release-3.8.0-1):
// EphemeralType.extendedEphemeralTypesEnabled is "Boolean.getBoolean(EXTENDED_TYPES_ENABLED_PROPERTY)"
// ("zookeeper.extendedTypesEnabled", false when unset), and PrepRequestProcessor.validateCreateRequest says
// "if (createMode.isTTL() && !EphemeralType.extendedEphemeralTypesEnabled()) { throw new
// KeeperException.UnimplementedException(); }" — inside pRequest2Txn, so the error still takes a zxid.
import { describe, expect, it } from "vitest";
import { serverConfig } from "../../../../protocol/zk/server/index.js";
import { parseScenario } from "../../../../scenarios/schema/index.js";
import { nodeId } from "../../../../sim/api/index.js";
import { answerOf, call, zkSetup } from "./harness.js";

const ttlCreate = { path: "/t", mode: "persistent_with_ttl", ttlMs: 5_000 };

describe("zookeeper.extendedTypesEnabled", () => {
  it("is off by default in the server's settings and in a scenario's zookeeper section", () => {
    expect(serverConfig([nodeId("n1")]).extendedTypesEnabled).toBe(false);
    const parsed = parseScenario({ name: "mine", system: "zookeeper" });
    expect(parsed.ok && parsed.scenario.zookeeper.extendedTypesEnabled).toBe(false);
    const on = parseScenario({ name: "mine", zookeeper: { extendedTypesEnabled: true } });
    expect(on.ok && on.scenario.zookeeper.extendedTypesEnabled).toBe(true);
  });

  it("off: a TTL create gets UNIMPLEMENTED as an error txn (the next create's zxid is one further on)", () => {
    const s = zkSetup({ clients: 1 });
    const first = call(s, 1_500, "create", { path: "/a" });
    const ttl = call(s, 1_600, "create", ttlCreate);
    const next = call(s, 1_700, "create", { path: "/b" });
    const exists = call(s, 1_800, "exists", { path: "/t" });
    s.sim.run({ untilUs: 2_500_000 });
    expect(answerOf(s, ttl).error).toBe("UNIMPLEMENTED");
    expect(answerOf(s, exists).error).toBe("NONODE");
    const czxid = (p: number) => Number((answerOf(s, p).stat as { czxid: number }).czxid);
    expect(czxid(next) - czxid(first)).toBe(2);
  });

  it("on: the TTL create succeeds, and a container create is unaffected either way", () => {
    const s = zkSetup({ clients: 1, server: { extendedTypesEnabled: true } });
    const ttl = call(s, 1_500, "create", ttlCreate);
    const container = call(s, 1_600, "create", { path: "/c", mode: "container" });
    s.sim.run({ untilUs: 2_500_000 });
    expect(answerOf(s, ttl).error).toBeUndefined();
    expect(answerOf(s, container).error).toBeUndefined();
  });
});
