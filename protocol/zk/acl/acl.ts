// ACL entries and identities (ZooDefs.Ids, data/ACL.jute), and the canned lists clients use.

import { PERM_ALL, PERM_READ } from "./perms.js";

/** One ACL entry: `perms` is a bit set of PERM_*; (scheme, id) names who it applies to. */
export type Acl = {
  readonly perms: number;
  readonly scheme: string;
  readonly id: string;
};

/**
 * An identity a session has proven: `ip` (every connection gets its address), `digest` (after
 * addAuth), or `super`. ZooKeeper calls these the connection's authInfo.
 */
export type AuthId = {
  readonly scheme: string;
  readonly id: string;
};

export const OPEN_ACL_UNSAFE: readonly Acl[] = [{ perms: PERM_ALL, scheme: "world", id: "anyone" }];
export const READ_ACL_UNSAFE: readonly Acl[] = [
  { perms: PERM_READ, scheme: "world", id: "anyone" },
];
export const CREATOR_ALL_ACL: readonly Acl[] = [{ perms: PERM_ALL, scheme: "auth", id: "" }];

export function aclEquals(left: Acl, right: Acl): boolean {
  return left.perms === right.perms && left.scheme === right.scheme && left.id === right.id;
}
