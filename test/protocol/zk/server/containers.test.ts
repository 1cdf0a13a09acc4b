// Container and TTL nodes are reaped by the leader's ContainerManager through deleteContainer txns
// (reference §1.2): each test quotes the rule of ZooKeeper 3.8's ContainerManager (release-3.8.0-1) it checks.
import { describe, expect, it } from "vitest";
import { minIntervalMs } from "../../../../protocol/zk/server/container-manager.js";
import type { ServerOptions } from "../../../../protocol/zk/server/index.js";
import {
  answerOf,
  call,
  leaderOf,
  observed,
  serverState,
  type ZkSetup,
  zkSetup,
} from "./harness.js";

/** When the first leader started serving (ContainerManager.start), in ms. */
function leaderStartMs(s: ZkSetup): number {
  const start = observed(s, "zk-serving").find((o) => o.role === "LEADING" && o.serving === true);
  if (start === undefined) throw new Error("no leader started serving");
  return start.timeUs / 1_000;
}

/** Whether the leader's committed tree holds `path` once the simulation reached `atMs`. */
function existsAt(s: ZkSetup, atMs: number, path: string): boolean {
  s.sim.run({ untilUs: Math.round(atMs * 1_000) });
  const leader = leaderOf(s);
  if (leader === null) throw new Error("no leader");
  return serverState(s, leader).zab.db.data.tree.nodes.has(path);
}

/** A 3-server ensemble whose leader is serving by 1.5 s; the first check comes `intervalMs` after it. */
function setup(server: ServerOptions): ZkSetup {
  const s = zkSetup({ clients: 1, server });
  s.sim.run({ untilUs: 1_400_000 });
  return s;
}

describe("what ContainerManager reaps (getCandidates)", () => {
  it('an emptied container is deleted ("node.stat.getCversion() > 0" and no children); a busy or never-used one stays', () => {
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

  it('a never-used container goes only with maxNeverUsedIntervalMs: "(maxNeverUsedIntervalMs != 0) && (getElapsed(node) > maxNeverUsedIntervalMs)"', () => {
    const kept = setup({ containerCheckIntervalMs: 500 });
    call(kept, 1_500, "create", { path: "/never", mode: "container" });
    expect(existsAt(kept, 6_000, "/never")).toBe(true);
    const reaped = setup({ containerCheckIntervalMs: 500, containerMaxNeverUsedIntervalMs: 2_000 });
    const startMs = leaderStartMs(reaped);
    call(reaped, 1_500, "create", { path: "/never", mode: "container" });
    // Created at ~1.5 s: 2 s later it is old enough, and the next check after that deletes it.
    expect(existsAt(reaped, 3_400, "/never")).toBe(true);
    const dueMs = startMs + 500 * Math.ceil((3_500 - startMs) / 500) + 600;
    expect(existsAt(reaped, dueMs, "/never")).toBe(false);
  });

  it('a childless TTL node not modified for longer than its ttl is deleted: "(ttl != 0) && (getElapsed(node) > ttl)"', () => {
    const s = zkSetup({
      clients: 1,
      server: { containerCheckIntervalMs: 300, extendedTypesEnabled: true },
    });
    call(s, 1_500, "create", { path: "/t", mode: "persistent_with_ttl", ttlMs: 800 });
    const soon = call(s, 1_900, "exists", { path: "/t" });
    const later = call(s, 3_500, "exists", { path: "/t" });
    s.sim.run({ untilUs: 4_000_000 });
    expect(answerOf(s, soon).error).toBeUndefined();
    expect(answerOf(s, later).error).toBe("NONODE");
  });
});

describe("when ContainerManager checks, and how fast it deletes", () => {
  it('the first check is checkIntervalMs after start ("scheduleAtFixedRate(timerTask, checkIntervalMs, checkIntervalMs)"), then at that rate', () => {
    const s = setup({ containerCheckIntervalMs: 2_000 });
    const startMs = leaderStartMs(s);
    call(s, 1_500, "create", { path: "/c", mode: "container" });
    call(s, 1_500, "create", { path: "/c/x" });
    call(s, 1_600, "delete", { path: "/c/x" });
    expect(existsAt(s, startMs + 1_950, "/c")).toBe(true);
    expect(existsAt(s, startMs + 2_050, "/c")).toBe(false);
    // Emptied after the first check: it waits for the second, not for a half tick.
    call(s, startMs + 2_100, "create", { path: "/d", mode: "container" });
    call(s, startMs + 2_100, "create", { path: "/d/x" });
    call(s, startMs + 2_200, "delete", { path: "/d/x" });
    expect(existsAt(s, startMs + 3_950, "/d")).toBe(true);
    expect(existsAt(s, startMs + 4_050, "/d")).toBe(false);
  });

  it("ZooKeeper's default interval is a minute (znode.container.checkIntervalMs, TimeUnit.MINUTES.toMillis(1))", () => {
    const s = setup({});
    const startMs = leaderStartMs(s);
    call(s, 1_500, "create", { path: "/c", mode: "container" });
    call(s, 1_500, "create", { path: "/c/x" });
    call(s, 1_600, "delete", { path: "/c/x" });
    expect(existsAt(s, startMs + 59_900, "/c")).toBe(true);
    expect(existsAt(s, startMs + 60_100, "/c")).toBe(false);
  });

  it('one check posts its deletions "TimeUnit.MINUTES.toMillis(1) / maxPerMinute" ms apart', () => {
    expect(minIntervalMs(10_000)).toBe(6);
    expect(minIntervalMs(60)).toBe(1_000);
    expect(minIntervalMs(100_000)).toBe(0);
    const s = setup({ containerCheckIntervalMs: 10_000, containerMaxPerMinute: 60 });
    const startMs = leaderStartMs(s);
    const paths = ["/a", "/b", "/c"];
    for (const path of paths) {
      call(s, 1_500, "create", { path, mode: "container" });
      call(s, 1_500, "create", { path: `${path}/x` });
      call(s, 1_600, "delete", { path: `${path}/x` });
    }
    const left = (atMs: number) => paths.filter((path) => existsAt(s, atMs, path));
    expect(left(startMs + 9_900)).toEqual(paths);
    expect(left(startMs + 10_500)).toEqual(["/b", "/c"]);
    expect(left(startMs + 11_500)).toEqual(["/c"]);
    expect(left(startMs + 12_500)).toEqual([]);
  });
});
