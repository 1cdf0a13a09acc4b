// Permission.js of node-zookeeper-client 1.1.3: the ACL permission bits (ZooDefs.Perms).

export const permissions = {
  READ: 1,
  WRITE: 2,
  CREATE: 4,
  DELETE: 8,
  ADMIN: 16,
  ALL: 31,
} as const;
