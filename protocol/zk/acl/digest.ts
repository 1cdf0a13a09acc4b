// The digest scheme (DigestAuthenticationProvider): an identity is "user:base64(sha1(user:password))".

import { base64Encode, utf8Encode } from "./bytes.js";
import { sha1 } from "./sha1.js";

/**
 * `generateDigest("user:password")`: the user is the text before the first ':'; the hash covers the
 * whole string, password included.
 */
export function generateDigest(userColonPassword: string): string {
  const colon = userColonPassword.indexOf(":");
  const user = colon === -1 ? userColonPassword : userColonPassword.slice(0, colon);
  return `${user}:${base64Encode(sha1(utf8Encode(userColonPassword)))}`;
}

/**
 * `DigestAuthenticationProvider.isValid`: Java's `id.split(":")` must give exactly two parts; split
 * drops trailing empty strings, so "user:" is invalid but ":hash" is valid.
 */
export function isValidDigestId(id: string): boolean {
  const parts = id.split(":");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts.length === 2;
}
