import { describe, expect, it } from "vitest";
import {
  addAuth,
  fixupAcl,
  generateDigest,
  initialAuth,
  ipMatches,
  isAllowed,
  maskDigests,
  PERM_ADMIN,
  PERM_ALL,
  PERM_READ,
  PERM_WRITE,
} from "../../../../protocol/zk/acl/index.js";

const world = (perms: number) => ({ perms, scheme: "world", id: "anyone" });
const digest1 = { perms: PERM_ALL, scheme: "digest", id: generateDigest("user1:pw1") };

describe("checkACL", () => {
  it("world:anyone grants its bits to everyone", () => {
    expect(isAllowed([world(PERM_READ)], PERM_READ, [])).toBe(true);
    expect(isAllowed([world(PERM_READ)], PERM_WRITE, [])).toBe(false);
  });
  it("a digest entry matches only the identity added by addAuth with the right password", () => {
    const right = addAuth([], "digest", "user1:pw1", "127.0.0.1");
    const wrong = addAuth([], "digest", "user1:nope", "127.0.0.1");
    expect(right.ok && isAllowed([digest1], PERM_WRITE, right.auth)).toBe(true);
    expect(wrong.ok && isAllowed([digest1], PERM_WRITE, wrong.auth)).toBe(false);
  });
  it("an empty ACL and a super identity allow everything", () => {
    expect(isAllowed([], PERM_ADMIN, [])).toBe(true);
    expect(isAllowed([digest1], PERM_ADMIN, [{ scheme: "super", id: "super" }])).toBe(true);
  });
  it("ip entries match by subnet", () => {
    expect(ipMatches("10.1.2.3", "10.0.0.0/8")).toBe(true);
    expect(ipMatches("11.1.2.3", "10.0.0.0/8")).toBe(false);
    expect(ipMatches("127.0.0.1", "127.0.0.1")).toBe(true);
    expect(
      isAllowed(
        [{ perms: PERM_ALL, scheme: "ip", id: "127.0.0.1" }],
        PERM_WRITE,
        initialAuth("127.0.0.1"),
      ),
    ).toBe(true);
  });
});

describe("fixupACL", () => {
  it("rejects an empty list, unknown schemes, world ids other than anyone and malformed digests", () => {
    expect(fixupAcl([], []).ok).toBe(false);
    expect(fixupAcl([{ perms: PERM_ALL, scheme: "world", id: "everyone" }], []).ok).toBe(false);
    expect(fixupAcl([{ perms: PERM_ALL, scheme: "digest", id: "user1" }], []).ok).toBe(false);
    expect(fixupAcl([{ perms: PERM_ALL, scheme: "digest", id: "user1:" }], []).ok).toBe(false);
    expect(fixupAcl([{ perms: PERM_ALL, scheme: "x509", id: "cn" }], []).ok).toBe(false);
    expect(fixupAcl([{ perms: PERM_ALL, scheme: "ip", id: "10.0.0.0/33" }], []).ok).toBe(false);
  });
  it("expands auth into the caller's digest identities, never its ip", () => {
    const auth = [{ perms: PERM_ALL, scheme: "auth", id: "" }];
    expect(fixupAcl(auth, initialAuth("127.0.0.1"))).toEqual({ ok: false, code: "INVALIDACL" });
    const withDigest = addAuth(initialAuth("127.0.0.1"), "digest", "user1:pw1", "127.0.0.1");
    expect(withDigest.ok && fixupAcl(auth, withDigest.auth)).toEqual({ ok: true, acl: [digest1] });
  });
  it("drops exact duplicates", () => {
    expect(fixupAcl([world(PERM_ALL), world(PERM_ALL)], [])).toEqual({
      ok: true,
      acl: [world(PERM_ALL)],
    });
  });
});

describe("getACL masking and addAuth", () => {
  it("shows digest ids as user:x", () => {
    expect(maskDigests([digest1, world(PERM_READ)])).toEqual([
      { ...digest1, id: "user1:x" },
      world(PERM_READ),
    ]);
  });
  it("fails an unknown scheme with AUTHFAILED", () => {
    expect(addAuth([], "kerberos", "x", "127.0.0.1")).toEqual({ ok: false, code: "AUTHFAILED" });
  });
});
