// The ip scheme (IPAuthenticationProvider): an ACL id is an IPv4 address, optionally "/bits" for a subnet.

/** Parses dotted-quad IPv4 like `addr2Bytes`; undefined if malformed. IPv6 is not modelled. */
export function parseIpv4(text: string): readonly number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    // Java's Integer.parseInt accepts a leading '+' or '-', and the range check then rejects negatives.
    if (!/^[+-]?\d+$/.test(part)) return undefined;
    const value = Number.parseInt(part, 10);
    if (value < 0 || value > 255) return undefined;
    bytes.push(value);
  }
  return bytes;
}

export function isValidIpId(id: string): boolean {
  const slash = id.indexOf("/");
  const address = slash === -1 ? id : id.slice(0, slash);
  if (parseIpv4(address) === undefined) return false;
  if (slash === -1) return true;
  const bitsText = id.slice(slash + 1);
  if (!/^[+-]?\d+$/.test(bitsText)) return false;
  const bits = Number.parseInt(bitsText, 10);
  return bits >= 0 && bits <= 32;
}

/** `IPAuthenticationProvider.matches`: the client address falls in the ACL's address/bits subnet. */
export function ipMatches(clientAddress: string, aclId: string): boolean {
  const slash = aclId.indexOf("/");
  const aclAddress = parseIpv4(slash === -1 ? aclId : aclId.slice(0, slash));
  const client = parseIpv4(clientAddress);
  if (aclAddress === undefined || client === undefined) return false;
  const bits = slash === -1 ? 32 : Number.parseInt(aclId.slice(slash + 1), 10);
  if (!(bits >= 0 && bits <= 32)) return false;
  for (let index = 0; index < 4; index++) {
    const maskBits = Math.max(0, Math.min(8, bits - index * 8));
    const mask = (0xff << (8 - maskBits)) & 0xff;
    if (((aclAddress[index] ?? 0) & mask) !== ((client[index] ?? 0) & mask)) return false;
  }
  return true;
}
