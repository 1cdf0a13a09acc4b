// The four-letter words (issue 5 item 6): every server answers ruok, srvr/stat, mntr and cons with its
// role, zxid, epoch, connections and outstanding requests.
import { describe, expect, it } from "vitest";
import type { Json } from "../../../../sim/api/index.js";
import { call, completionOf, zkSetup } from "./harness.js";

type Value = { readonly [key: string]: Json };

describe("admin commands", () => {
  it("each server answers ruok, srvr, mntr and cons; one leader, and the same zxid everywhere when idle", () => {
    const s = zkSetup({ clientServers: [["n1"], ["n2"]] });
    call(s, 1_500, "create", { path: "/a" }, "c1");
    const asked = s.servers.flatMap((server) =>
      ["ruok", "srvr", "mntr", "cons", "stat"].map((f) => ({
        server,
        f,
        process: call(s, 3_000, f, null, server),
      })),
    );
    s.sim.run({ untilUs: 3_500_000 });
    const value = (server: string, f: string) =>
      completionOf(s, asked.find((a) => a.server === server && a.f === f)?.process ?? 0)
        ?.value as Value;
    expect(s.servers.map((n) => value(n, "ruok").text)).toEqual(["imok", "imok", "imok"]);
    expect(s.servers.map((n) => value(n, "srvr").mode)).toEqual(["follower", "follower", "leader"]);
    const zxids = new Set(s.servers.map((n) => value(n, "srvr").zxid));
    expect(zxids.size).toBe(1);
    expect(String(value("n1", "srvr").text)).toContain("Mode: follower");
    expect(String(value("n3", "mntr").text)).toContain("zk_synced_followers\t2");
    expect(value("n1", "cons").connections).toBe(1);
    expect(String(value("n1", "cons").text)).toContain("/c1[1]");
    expect(String(value("n2", "stat").text)).toContain("Clients:");
    expect(value("n3", "srvr").connections).toBe(0);
  });

  it("an unknown command fails, and a server that is not serving says so", () => {
    const s = zkSetup({ clients: 0 });
    const early = call(s, 0, "srvr", null, "n1");
    const unknown = call(s, 1_000, "wchc", null, "n1");
    s.sim.run({ untilUs: 1_500_000 });
    const value = (completionOf(s, early)?.value ?? {}) as Value;
    expect(String(value.text)).toContain("not currently serving");
    expect(completionOf(s, unknown)?.type).toBe("fail");
  });
});
