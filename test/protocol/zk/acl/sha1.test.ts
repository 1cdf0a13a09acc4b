import { describe, expect, it } from "vitest";
import {
  base64Encode,
  generateDigest,
  sha1,
  utf8Encode,
} from "../../../../protocol/zk/acl/index.js";

function hex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

describe("sha1 (FIPS 180-4 test vectors)", () => {
  it("hashes the empty string", () => {
    expect(hex(sha1(utf8Encode("")))).toBe("da39a3ee5e6b4b0d3255bfef95601890afd80709");
  });
  it('hashes "abc"', () => {
    expect(hex(sha1(utf8Encode("abc")))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
  });
  it("hashes the two-block 448-bit message", () => {
    const message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    expect(hex(sha1(utf8Encode(message)))).toBe("84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  });
  it("hashes one million 'a's", () => {
    expect(hex(sha1(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
    );
  });
  it("hashes messages whose padding crosses a block boundary (55, 56, 64 bytes)", () => {
    expect(hex(sha1(new Uint8Array(55).fill(0x61)))).toBe(
      "c1c8bbdc22796e28c0e15163d20899b65621d65a",
    );
    expect(hex(sha1(new Uint8Array(56).fill(0x61)))).toBe(
      "c2db330f6083854c99d4b5bfb6e8f29f201be699",
    );
    expect(hex(sha1(new Uint8Array(64).fill(0x61)))).toBe(
      "0098ba824b5c16427bd7a1122a5a442a25ec644d",
    );
  });
});

describe("base64 and the digest scheme", () => {
  it("pads like java.util.Base64", () => {
    expect(base64Encode(utf8Encode("f"))).toBe("Zg==");
    expect(base64Encode(utf8Encode("fo"))).toBe("Zm8=");
    expect(base64Encode(utf8Encode("foo"))).toBe("Zm9v");
  });
  it("digests user:password as ZooKeeper's DigestAuthenticationProvider does", () => {
    // Expected values printed by ZooKeeper 3.8.0 itself:
    // java -cp /usr/share/java/zookeeper.jar org.apache.zookeeper.server.auth.DigestAuthenticationProvider ...
    expect(generateDigest("super:superpw")).toBe("super:g9oN2HttPfn8MMWJZ2r45Np/LIA=");
    expect(generateDigest("user1:pw1")).toBe("user1:GMJqCvSAmNfv41XqBotWHO0HsNc=");
  });
  it("encodes non-ASCII text as UTF-8", () => {
    expect([...utf8Encode("\u00fc\u20ac\u{1f600}")]).toEqual([
      0xc3, 0xbc, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80,
    ]);
  });
});
