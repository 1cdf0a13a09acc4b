// An `auth` ACL expands into the session's authenticated ids in the order a ZooKeeper 3.8 server iterates
// them: PrepRequestProcessor.fixupACL's "for (Id cid : authInfo) ... rv.add(new ACL(a.getPerms(), cid))"
// over request.authInfo, the connection's ConcurrentHashMap-backed set (auth-info-order.ts).
import { describe, expect, it } from "vitest";
import { generateDigest } from "../../../../protocol/zk/acl/index.js";
import { authInfoOrder } from "../../../../protocol/zk/server/auth-info-order.js";
import { answerOf, call, zkSetup } from "./harness.js";

const AUTH_ALL = [{ perms: 31, scheme: "auth", id: "" }];

function aclAfter(credentials: readonly string[]) {
  const s = zkSetup({ clients: 1 });
  for (const [i, credential] of credentials.entries()) {
    call(s, 1_500 + i * 10, "addAuth", { scheme: "digest", credential });
  }
  call(s, 1_600, "create", { path: "/a", data: "x", acl: AUTH_ALL });
  const read = call(s, 1_700, "getACL", { path: "/a" });
  s.sim.run({ untilUs: 3_000_000 });
  return answerOf(s, read).acl;
}

describe("fixupACL expands auth in the connection's authInfo order", () => {
  it("lists the digest ids in ConcurrentHashMap order, whichever was added first", () => {
    const ids = ["user1:pw1", "user2:pw2", "user3:pw3"].map((c) => ({
      scheme: "digest",
      id: generateDigest(c),
    }));
    const expected = authInfoOrder(ids).map((id) => ({ perms: 31, ...id }));
    expect(aclAfter(["user1:pw1", "user2:pw2", "user3:pw3"])).toEqual(expected);
    expect(aclAfter(["user3:pw3", "user2:pw2", "user1:pw1"])).toEqual(expected);
  });

  it("differs from the order they were added for user1 then user2, as the real server answers", () => {
    const ids = ["user2:pw2", "user1:pw1"].map((c) => generateDigest(c));
    expect(aclAfter(["user1:pw1", "user2:pw2"])).toEqual(
      ids.map((id) => ({ perms: 31, scheme: "digest", id })),
    );
  });
});
