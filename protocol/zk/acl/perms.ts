// ZooKeeper permission bits (ZooDefs.Perms). An ACL entry grants a bit set; each operation needs one bit.

export const PERM_READ = 1;
export const PERM_WRITE = 2;
export const PERM_CREATE = 4;
export const PERM_DELETE = 8;
export const PERM_ADMIN = 16;
export const PERM_ALL = 31;

export const permNames = ["READ", "WRITE", "CREATE", "DELETE", "ADMIN"] as const;
export type PermName = (typeof permNames)[number];

const permBits: Readonly<Record<PermName, number>> = {
  READ: PERM_READ,
  WRITE: PERM_WRITE,
  CREATE: PERM_CREATE,
  DELETE: PERM_DELETE,
  ADMIN: PERM_ADMIN,
};

/** The bit set for a list of permission names. */
export function permsOf(names: readonly PermName[]): number {
  return names.reduce((bits, name) => bits | permBits[name], 0);
}
