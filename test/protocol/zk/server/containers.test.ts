// Container and TTL nodes are reaped by the leader's ContainerManager through deleteContainer txns
// (reference §1.2).
import { describe, expect, it } from "vitest";
import { answerOf, call, zkSetup } from "./harness.js";

describe("container and TTL reaping", () => {
  it("an emptied container is deleted; one with children, or never used, stays", () => {
    const s = zkSetup({ clients: 1, server: { containerCheckIntervalMs: 500 } });
    call(s, 1_500, "create", { path: "/c", mode: "container" });
    call(s, 1_500, "create", { path: "/c/x" });
    call(s, 1_500, "create", { path: "/keep", mode: "container" });
    call(s, 1_500, "create", { path: "/busy", mode: "container" });
    call(s, 1_500, "create", { path: "/busy/x" });
    call(s, 1_600, "delete", { path: "/c/x" });
    const reads = ["/c", "/keep", "/busy"].map((path) => call(s, 3_500, "exists", { path }));
    s.sim.run({ untilUs: 4_000_000 });
    expect(reads.map((p) => answerOf(s, p).error ?? "exists")).toEqual([
      "NONODE",
      "exists",
      "exists",
    ]);
  });

  it("a childless TTL node not modified for longer than its ttl is deleted", () => {
    const s = zkSetup({ clients: 1, server: { containerCheckIntervalMs: 300 } });
    call(s, 1_500, "create", { path: "/t", mode: "persistent_with_ttl", ttlMs: 800 });
    const soon = call(s, 1_900, "exists", { path: "/t" });
    const later = call(s, 3_500, "exists", { path: "/t" });
    s.sim.run({ untilUs: 4_000_000 });
    expect(answerOf(s, soon).error).toBeUndefined();
    expect(answerOf(s, later).error).toBe("NONODE");
  });
});
