// jute.maxbuffer (1,048,575 bytes) on the client connection: a request packet over it closes the
// connection at the server (NIOServerCnxn.readLength), a reply over it is refused by the client
// (ClientCnxnSocket.readLength); the session lives on and the client reconnects.
import { expect, it } from "vitest";
import { answerOf, call, completionOf, zkSetup } from "./harness.js";

/** Data that makes a setData of `path` exactly `packetLength` bytes: header 8, path, data, version. */
function setDataOfLength(path: string, packetLength: number): string {
  return "x".repeat(packetLength - 8 - (4 + path.length) - 4 - 4);
}

it('a request over the limit closes the connection: "if (len < 0 || len > BinaryInputArchive.maxBuffer) throw new IOException"', () => {
  const s = zkSetup({ clients: 1 });
  call(s, 1_500, "create", { path: "/a", data: "0" });
  const over = call(s, 1_600, "setData", { path: "/a", data: setDataOfLength("/a", 0xfffff + 1) });
  const after = call(s, 1_700, "getData", { path: "/a" });
  s.sim.run({ untilUs: 6_000_000 });
  expect(completionOf(s, over)?.type).toBe("info");
  expect(answerOf(s, over).error).toBe("CONNECTIONLOSS");
  expect(answerOf(s, after).data).toBe("0");
});

it("a request at the limit is served", () => {
  const s = zkSetup({ clients: 1 });
  call(s, 1_500, "create", { path: "/a", data: "0" });
  const at = call(s, 1_600, "setData", { path: "/a", data: setDataOfLength("/a", 0xfffff) });
  s.sim.run({ untilUs: 4_000_000 });
  expect(completionOf(s, at)?.type).toBe("ok");
  expect(answerOf(s, at).error).toBeUndefined();
});

it('a reply over the limit is refused by the client: "if (len < 0 || len > packetLen) throw new IOException(\\"Packet len ...")', () => {
  const s = zkSetup({ clients: 1 });
  call(s, 1_500, "create", { path: "/a", data: "0" });
  call(s, 1_600, "setData", { path: "/a", data: setDataOfLength("/a", 0xfffff) });
  // getData answers ReplyHeader 16 + data (4 + n) + Stat 68: longer than the setData that stored it.
  const read = call(s, 1_800, "getData", { path: "/a" });
  const exists = call(s, 1_900, "exists", { path: "/a" });
  s.sim.run({ untilUs: 6_000_000 });
  expect(completionOf(s, read)?.type).toBe("info");
  expect(answerOf(s, read).error).toBe("CONNECTIONLOSS");
  expect((answerOf(s, exists).stat as { dataLength: number }).dataLength).toBe(0xfffff - 22);
});
