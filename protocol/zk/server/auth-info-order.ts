// The order in which a ZooKeeper 3.8 server lists a connection's identities (ServerCnxn.getAuthInfo):
// authInfo is "Collections.newSetFromMap(new ConcurrentHashMap<Id, Boolean>())", so whoAmI sees them in
// the map's bin order, by the jute-generated Id.hashCode, not in the order they were added.
import type { AuthId } from "../acl/index.js";
import { javaStringHash } from "../java/index.js";

/** Id.hashCode as jute generates it: "result = 17; result = 37*result + scheme.hashCode(); ... id". */
export function idHash(id: AuthId): number {
  const withScheme = (Math.imul(17, 37) + javaStringHash(id.scheme)) | 0;
  return (Math.imul(withScheme, 37) + javaStringHash(id.id)) | 0;
}

/** ConcurrentHashMap's table size for `count` keys: 16, doubled once the count reaches 3/4 of it. */
function tableSize(count: number): number {
  let size = 16;
  while (count >= (size * 3) / 4) size *= 2;
  return size;
}

/**
 * The identities in ConcurrentHashMap iteration order: by bin, "(h ^ (h >>> 16)) & HASH_BITS" masked to
 * the table size; within a bin in insertion order (new nodes go to the tail). Exact while the map never
 * resized with entries in it (fewer than 12 identities); after a resize ZooKeeper's order within a split
 * bin may differ.
 */
export function authInfoOrder(auth: readonly AuthId[]): readonly AuthId[] {
  const mask = tableSize(auth.length) - 1;
  const bin = (id: AuthId): number => {
    const h = idHash(id);
    return (h ^ (h >>> 16)) & 0x7fffffff & mask;
  };
  return auth
    .map((id, index) => ({ id, index, bin: bin(id) }))
    .sort((a, b) => a.bin - b.bin || a.index - b.index)
    .map((entry) => entry.id);
}
