// Ids as people read them in the replay: zxids and session ids in hex in event text, states, Stats and
// checker messages; other numbers untouched.
import { describe, expect, it } from "vitest";
import { hexIdsInProse, hexIdsInText, hexIdsInValue } from "../../../reports/tui/model/index.js";

describe("hex ids", () => {
  it("rewrites zxids and session ids in a trace entry's text", () => {
    expect(hexIdsInText("n1->c3 ReplyPacket xid=15 zxid=4294967338 err=OK")).toBe(
      "n1->c3 ReplyPacket xid=15 zxid=0x10000002a err=OK",
    );
    expect(hexIdsInText("c1->n2 ConnectRequest sid=1099511627777 lastZxid=0 timeOut=4000")).toBe(
      "c1->n2 ConnectRequest sid=0x10000000001 lastZxid=0x0 timeOut=4000",
    );
  });

  it("shows a Stat's zxids and owner in hex, and objects keyed by a session id", () => {
    const stat = {
      czxid: 4294967306,
      mzxid: 4294967338,
      version: 31,
      ephemeralOwner: 0,
      dataLength: 7,
    };
    expect(hexIdsInValue({ stat, sessions: { 1099511627777: { timeoutMs: 4000 } } })).toEqual({
      stat: {
        czxid: "0x10000000a",
        mzxid: "0x10000002a",
        version: 31,
        ephemeralOwner: "0x0",
        dataLength: 7,
      },
      sessions: { "0x10000000001": { timeoutMs: 4000 } },
    });
  });

  it("rewrites the ids a checker's message prints in decimal", () => {
    expect(hexIdsInProse("n1: /k0/e0 outlives its session 2199023255555")).toBe(
      "n1: /k0/e0 outlives its session 0x20000000003",
    );
    expect(hexIdsInProse('at zxid 4294967300: {"mzxid":4294967338,"version":31}')).toBe(
      'at zxid 0x100000004: {"mzxid":"0x10000002a","version":31}',
    );
  });
});
