// The jute lengths zabsim estimates for jute.maxbuffer against the bytes a jute encoder writes
// (test/conformance/jute-client.ts, the encoder the conformance test sends to a real ZooKeeper with).
import { describe, expect, it } from "vitest";
import { OPEN_ACL_UNSAFE } from "../../../../protocol/zk/acl/index.js";
import {
  JUTE_MAX_BUFFER,
  replyPacketLength,
  requestPacket,
  requestPacketLength,
} from "../../../../protocol/zk/wire/index.js";
import { JuteWriter } from "../../../conformance/jute-client.js";

const header = 8;

describe("jute lengths (zookeeper.jute records)", () => {
  it("jute.maxbuffer defaults to 0xfffff: BinaryInputArchive 'Integer.getInteger(jute.maxbuffer, 0xfffff)'", () => {
    expect(JUTE_MAX_BUFFER).toBe(1_048_575);
  });

  it("a create (CreateRequest: path, data, acl, flags) is as long as its encoding, null data included", () => {
    for (const data of ["", "héllo", null]) {
      const op = {
        op: "create",
        path: "/a/b",
        data,
        acl: OPEN_ACL_UNSAFE,
        mode: "persistent",
      } as const;
      const bytes = new JuteWriter()
        .string("/a/b")
        .buffer(data === null ? null : Buffer.from(data, "utf8"))
        .acl(OPEN_ACL_UNSAFE)
        .int(0)
        .done();
      expect(requestPacketLength(requestPacket(1, op))).toBe(header + bytes.length);
    }
  });

  it("setData, getData with watch, removeWatches and a multiRead are as long as their encodings", () => {
    const setData = new JuteWriter().string("/x").buffer(Buffer.from("abc")).int(-1).done();
    expect(
      requestPacketLength(
        requestPacket(1, { op: "setData", path: "/x", data: "abc", version: -1 }),
      ),
    ).toBe(header + setData.length);
    const getData = new JuteWriter().string("/x").bool(true).done();
    expect(requestPacketLength(requestPacket(1, { op: "getData", path: "/x", watch: true }))).toBe(
      header + getData.length,
    );
    const remove = new JuteWriter().string("/x").int(3).done();
    expect(
      requestPacketLength(
        requestPacket(1, { op: "removeWatches", path: "/x", watcherType: "any" }),
      ),
    ).toBe(header + remove.length);
    const multiRead = new JuteWriter()
      .int(4)
      .bool(false)
      .int(-1)
      .string("/x")
      .bool(false)
      .int(-1)
      .bool(true)
      .int(-1)
      .done();
    expect(
      requestPacketLength(
        requestPacket(1, { op: "multiRead", ops: [{ op: "getData", path: "/x" }] }),
      ),
    ).toBe(header + multiRead.length);
  });
});

describe("reply lengths", () => {
  it("a getData reply is ReplyHeader 16 + data + Stat 68; a failed reply is its header", () => {
    const stat = {
      czxid: 1,
      mzxid: 1,
      pzxid: 1,
      ctime: 0,
      mtime: 0,
      version: 0,
      cversion: 0,
      aversion: 0,
      ephemeralOwner: 0,
      dataLength: 3,
      numChildren: 0,
    };
    const reply = (data: string | null) => ({
      type: "ReplyPacket" as const,
      xid: 1,
      zxid: 1,
      err: "OK" as const,
      response: { op: "getData" as const, data, stat },
    });
    expect(replyPacketLength(reply("abc"))).toBe(16 + 4 + 3 + 68);
    expect(replyPacketLength(reply(null))).toBe(16 + 4 + 68);
    expect(
      replyPacketLength({ type: "ReplyPacket", xid: 1, zxid: 1, err: "NONODE", response: null }),
    ).toBe(16);
  });
});
