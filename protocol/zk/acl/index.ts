// ZooKeeper access control: ACL entries, the world/digest/ip/auth schemes, permission checks, SHA-1.

export {
  type Acl,
  type AuthId,
  aclEquals,
  CREATOR_ALL_ACL,
  OPEN_ACL_UNSAFE,
  READ_ACL_UNSAFE,
} from "./acl.js";
export { base64Encode, utf8Encode, utf8Length } from "./bytes.js";
export {
  type AddAuthResult,
  addAuth,
  type FixupResult,
  fixupAcl,
  initialAuth,
  isAllowed,
  maskDigests,
} from "./check.js";
export { generateDigest, isValidDigestId } from "./digest.js";
export { ipMatches, isValidIpId, parseIpv4 } from "./ip.js";
export {
  PERM_ADMIN,
  PERM_ALL,
  PERM_CREATE,
  PERM_DELETE,
  PERM_READ,
  PERM_WRITE,
  type PermName,
  permNames,
  permsOf,
} from "./perms.js";
export { sha1 } from "./sha1.js";
