// ACL enforcement as ZooKeeperServer.checkACL, PrepRequestProcessor.fixupACL and the getACL digest masking
// in FinalRequestProcessor. Pure functions over a node's ACL and the session's proven identities.

import { type Acl, type AuthId, aclEquals } from "./acl.js";
import { generateDigest, isValidDigestId } from "./digest.js";
import { ipMatches, isValidIpId } from "./ip.js";

/**
 * `checkACL`: true if some entry grants a bit of `perm` to world:anyone or to one of `auth`.
 * An empty ACL allows everything, and a `super` identity bypasses all checks.
 */
export function isAllowed(acl: readonly Acl[], perm: number, auth: readonly AuthId[]): boolean {
  if (acl.length === 0) return true;
  if (auth.some((id) => id.scheme === "super")) return true;
  for (const entry of acl) {
    if ((entry.perms & perm) === 0) continue;
    if (entry.scheme === "world" && entry.id === "anyone") return true;
    if (auth.some((id) => id.scheme === entry.scheme && idMatches(entry.scheme, id.id, entry.id))) {
      return true;
    }
  }
  return false;
}

/** The provider's `matches`: digest ids compare as strings, ip ids as subnets; no other provider exists. */
function idMatches(scheme: string, authId: string, aclId: string): boolean {
  switch (scheme) {
    case "digest":
      return authId === aclId;
    case "ip":
      return ipMatches(authId, aclId);
    default:
      return false;
  }
}

export type FixupResult =
  | { readonly ok: true; readonly acl: readonly Acl[] }
  | { readonly ok: false; readonly code: "INVALIDACL" };

/**
 * `fixupACL`: drop exact duplicates, reject an empty list, keep world:anyone, expand `auth` into the
 * requestor's authenticated ids (digest only: ip is not an "authenticated" provider), and accept other
 * entries only for a known scheme with a valid id. Anything else is INVALIDACL.
 */
export function fixupAcl(requested: readonly Acl[], auth: readonly AuthId[]): FixupResult {
  const unique: Acl[] = [];
  for (const entry of requested) {
    if (!unique.some((kept) => aclEquals(kept, entry))) unique.push(entry);
  }
  if (unique.length === 0) return { ok: false, code: "INVALIDACL" };
  const fixed: Acl[] = [];
  for (const entry of unique) {
    if (entry.scheme === "world" && entry.id === "anyone") {
      fixed.push(entry);
    } else if (entry.scheme === "auth") {
      const proven = auth.filter((id) => isAuthenticatedScheme(id.scheme));
      if (proven.length === 0) return { ok: false, code: "INVALIDACL" };
      for (const id of proven) fixed.push({ perms: entry.perms, scheme: id.scheme, id: id.id });
    } else if (isValidId(entry.scheme, entry.id)) {
      fixed.push(entry);
    } else {
      return { ok: false, code: "INVALIDACL" };
    }
  }
  return { ok: true, acl: fixed };
}

/** `ServerAuthenticationProvider.isAuthenticated`: digest yes, ip no; `super` has no provider. */
function isAuthenticatedScheme(scheme: string): boolean {
  return scheme === "digest";
}

function isValidId(scheme: string, id: string): boolean {
  switch (scheme) {
    case "digest":
      return isValidDigestId(id);
    case "ip":
      return isValidIpId(id);
    default:
      return false;
  }
}

/** getACL without ADMIN: each digest id "user:hash" is shown as "user:x". */
export function maskDigests(acl: readonly Acl[]): readonly Acl[] {
  return acl.map((entry) =>
    entry.scheme === "digest" ? { ...entry, id: entry.id.replace(/:.*/s, ":x") } : entry,
  );
}

export type AddAuthResult =
  | { readonly ok: true; readonly auth: readonly AuthId[] }
  | { readonly ok: false; readonly code: "AUTHFAILED" };

/**
 * `addAuth(scheme, credential)` on a session whose identities are `auth` and whose connection comes
 * from `clientAddress`. digest adds "user:hash"; ip adds the connection's own address whatever the
 * credential says; an unknown scheme fails (the server then closes the connection: AUTH_FAILED).
 */
export function addAuth(
  auth: readonly AuthId[],
  scheme: string,
  credential: string,
  clientAddress: string,
): AddAuthResult {
  let added: AuthId;
  if (scheme === "digest") {
    added = { scheme: "digest", id: generateDigest(credential) };
  } else if (scheme === "ip") {
    added = { scheme: "ip", id: clientAddress };
  } else {
    return { ok: false, code: "AUTHFAILED" };
  }
  // The server keeps authInfo as a list and ignores a repeated identity.
  if (auth.some((id) => id.scheme === added.scheme && id.id === added.id))
    return { ok: true, auth };
  return { ok: true, auth: [...auth, added] };
}

/** The identities a fresh connection from `clientAddress` starts with (ServerCnxn adds its ip). */
export function initialAuth(clientAddress: string): readonly AuthId[] {
  return [{ scheme: "ip", id: clientAddress }];
}
