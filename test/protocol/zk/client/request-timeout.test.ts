// zookeeper.request.timeout (ClientCnxn.waitForPacketFinish, reference §1.5 REQUESTTIMEOUT): a request
// unanswered for the timeout ends `info` with REQUESTTIMEOUT and a clear reason, the connection is dropped
// (the rest end CONNECTIONLOSS) and the handle reconnects. Off by default, as in ZooKeeper.
import { describe, expect, it } from "vitest";
import { nodeId } from "../../../../sim/api/index.js";
import { call, completionOf, sessionEvents, setup } from "./harness.js";

function pausedServer(requestTimeoutMs: number) {
  const s = setup({ client: { requestTimeoutMs } });
  s.sim.schedule([
    { atUs: 1_000_000, op: { f: "pause", node: nodeId("n1"), durationUs: 2_500_000 } },
  ]);
  const first = call(s, 1_100, "getData", { path: "/" });
  const second = call(s, 1_200, "exists", { path: "/" });
  s.sim.run({ untilUs: 6_000_000 });
  return { s, first, second };
}

describe("request timeout", () => {
  it("a request unanswered within the timeout ends info REQUESTTIMEOUT; the others CONNECTIONLOSS", () => {
    const { s, first, second } = pausedServer(300);
    const done = completionOf(s, first);
    expect(done?.type).toBe("info");
    expect(done?.value).toMatchObject({ error: "REQUESTTIMEOUT" });
    const value = (done === undefined ? {} : done.value) as { readonly reason?: string };
    expect(value.reason).toContain("request timeout of 300 ms");
    expect(Number(done?.time)).toBe(1_400_000_000);
    expect(completionOf(s, second)?.value).toMatchObject({ error: "CONNECTIONLOSS" });
    expect(sessionEvents(s).slice(0, 2)).toEqual(["SyncConnected", "Disconnected"]);
  });

  it("without a request timeout the same request waits for the read timeout", () => {
    const { s, first } = pausedServer(0);
    const done = completionOf(s, first);
    expect(done?.value).toMatchObject({ error: "CONNECTIONLOSS", reason: "read timeout" });
    expect(Number(done?.time)).toBeGreaterThan(1_400_000_000);
  });

  it("answered requests re-arm the timer for the next one and never time out", () => {
    const s = setup({ client: { requestTimeoutMs: 300 } });
    const calls = [1_000, 1_100, 1_200, 1_300, 1_400].map((at) =>
      call(s, at, "exists", { path: "/" }),
    );
    s.sim.run({ untilUs: 3_000_000 });
    expect(calls.map((p) => completionOf(s, p)?.type)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(sessionEvents(s)).toEqual(["SyncConnected"]);
  });
});
