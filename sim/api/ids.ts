// Branded identifiers shared by the kernel and the protocols that run on it.

declare const nodeIdBrand: unique symbol;

/** A node's name in the simulation, e.g. `n1` or `c3`. */
export type NodeId = string & { readonly [nodeIdBrand]: true };

const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

export function nodeId(name: string): NodeId {
  if (!NODE_ID_PATTERN.test(name)) {
    throw new RangeError(
      `node id '${name}' must be a letter then up to 31 letters, digits, '_' or '-'`,
    );
  }
  return name as NodeId;
}
