// Path.js of node-zookeeper-client 1.1.3: the synchronous path checks (AssertionError on a bad path), and
// the chroot the connect string may carry, applied to sent paths and stripped from received ones (jute).
import assert from "node:assert";

export function validatePath(path: unknown): asserts path is string {
  assert(path && typeof path === "string", "Node path must be a non-empty string.");
  assert(path[0] === "/", "Node path must start with / character.");
  if (path.length === 1) return;
  assert(path[path.length - 1] !== "/", "Node path must not end with / character.");
  assert(!/\/\//.test(path), "Node path must not contain empty node name.");
  assert(!/\/\.(\.)?(\/|$)/.test(path), "Node path must not contain relative path(s).");
}

/** jute's prependChroot. */
export function withChroot(chroot: string | undefined, path: string): string {
  if (!chroot) return path;
  return path === "/" ? chroot : chroot + path;
}

/** jute's Record.deserialize for a `path` field: it cuts the chroot's length without checking the prefix. */
export function withoutChroot(chroot: string | undefined, path: string): string {
  if (!chroot) return path;
  return path === chroot ? "/" : path.substring(chroot.length);
}
