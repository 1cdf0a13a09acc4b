// Issue 5 item 5: "A client must never read or change a node its credentials do not allow". Random ACLs
// built by a super user, then random operations by a client with random credentials; an independent oracle
// (node:crypto SHA-1, plain matching) decides what the client was allowed to do before each operation.

import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Acl,
  type AuthId,
  addAuth,
  PERM_ADMIN,
  PERM_CREATE,
  PERM_DELETE,
  PERM_READ,
  PERM_WRITE,
} from "../../../../protocol/zk/acl/index.js";
import {
  applyTxn,
  type DataTree,
  emptyTree,
  getAcl,
  getChildren,
  getData,
  parentOf,
  prepareWrite,
  type WriteRequest,
} from "../../../../protocol/zk/data-tree/index.js";

const users = ["u1:p1", "u2:p2", "u3:p3"] as const;
const paths = ["/a", "/a/b", "/a/b/c", "/d", "/d/e"] as const;

function oracleDigest(credential: string): string {
  const user = credential.slice(0, credential.indexOf(":"));
  return `${user}:${createHash("sha1").update(credential).digest("base64")}`;
}

type Client = { readonly digests: readonly string[]; readonly ip: string };

function oracleAllows(acl: readonly Acl[], perm: number, client: Client): boolean {
  if (acl.length === 0) return true;
  return acl.some((entry) => {
    if ((entry.perms & perm) === 0) return false;
    if (entry.scheme === "world") return entry.id === "anyone";
    if (entry.scheme === "digest") return client.digests.includes(entry.id);
    if (entry.scheme === "ip")
      return entry.id === client.ip || (entry.id === "10.0.0.0/8" && client.ip.startsWith("10."));
    return false;
  });
}

const aclArb: fc.Arbitrary<readonly Acl[]> = fc.array(
  fc
    .record({
      perms: fc.integer({ min: 1, max: 31 }),
      target: fc.constantFrom("world", "ip-self", "ip-net", ...users),
    })
    .map(({ perms, target }): Acl => {
      if (target === "world") return { perms, scheme: "world", id: "anyone" };
      if (target === "ip-self") return { perms, scheme: "ip", id: "127.0.0.1" };
      if (target === "ip-net") return { perms, scheme: "ip", id: "10.0.0.0/8" };
      return { perms, scheme: "digest", id: oracleDigest(target) };
    }),
  { minLength: 1, maxLength: 3 },
);

type ClientOp =
  | { readonly op: "getData" | "getChildren" | "getACL"; readonly path: string }
  | { readonly op: "setData"; readonly path: string }
  | { readonly op: "create"; readonly path: string }
  | { readonly op: "delete"; readonly path: string }
  | { readonly op: "setACL"; readonly path: string; readonly acl: readonly Acl[] };

const clientOpArb: fc.Arbitrary<ClientOp> = fc.oneof(
  fc.record({
    op: fc.constantFrom("getData" as const, "getChildren" as const, "getACL" as const),
    path: fc.constantFrom(...paths),
  }),
  fc.record({
    op: fc.constantFrom("setData" as const, "create" as const, "delete" as const),
    path: fc.constantFrom(...paths),
  }),
  fc.record({ op: fc.constant("setACL" as const), path: fc.constantFrom(...paths), acl: aclArb }),
);

function prepared(tree: DataTree, request: WriteRequest, auth: readonly AuthId[], zxid: number) {
  const context = { sessionId: 1, auth, zxid, timeMs: zxid, extendedTypesEnabled: true };
  return prepareWrite(tree, [], request, context).record;
}

function write(
  tree: DataTree,
  request: WriteRequest,
  auth: readonly AuthId[],
  zxid: number,
): DataTree {
  return applyTxn(tree, prepared(tree, request, auth, zxid)).tree;
}

/** The error a prepared write fails with, or null when it goes through. */
function errorOf(record: ReturnType<typeof prepared>): string | null {
  return record.txn.type === "error" ? record.txn.code : null;
}

function writeRequestOf(op: ClientOp, zxid: number): WriteRequest {
  switch (op.op) {
    case "setData":
      return { op: "setData", path: op.path, data: `v${zxid}`, version: -1 };
    case "create": {
      const acl = [{ perms: 31, scheme: "world", id: "anyone" }];
      return { op: "create", path: op.path, data: "", acl, mode: "persistent" };
    }
    case "delete":
      return { op: "delete", path: op.path, version: -1 };
    case "setACL":
      return { op: "setACL", path: op.path, acl: op.acl, version: -1 };
    default:
      throw new Error(`not a write: ${op.op}`);
  }
}

/** Checks one client op against the oracle; returns the tree after it. */
function checkOp(
  tree: DataTree,
  op: ClientOp,
  client: Client,
  auth: readonly AuthId[],
  zxid: number,
): DataTree {
  const node = tree.nodes.get(op.path);
  const parent = tree.nodes.get(parentOf(op.path) ?? "/");
  const allows = (acl: readonly Acl[] | undefined, perm: number) =>
    acl !== undefined && oracleAllows(acl, perm, client);
  if (op.op === "getData" || op.op === "getChildren") {
    const read =
      op.op === "getData" ? getData(tree, op.path, auth) : getChildren(tree, op.path, auth);
    if (read.ok) expect(allows(node?.acl, PERM_READ)).toBe(true);
    // NOAUTH exactly where ZooKeeper returns it: the node exists and no entry grants READ.
    else if (node !== undefined) expect(read.code).toBe("NOAUTH");
    if (node !== undefined && !allows(node.acl, PERM_READ)) expect(read.ok).toBe(false);
    return tree;
  }
  if (op.op === "getACL") {
    const read = getAcl(tree, op.path, auth);
    if (node !== undefined) expect(read.ok).toBe(allows(node.acl, PERM_READ | PERM_ADMIN));
    if (read.ok) {
      expect(allows(node?.acl, PERM_READ | PERM_ADMIN)).toBe(true);
      const unmasked = read.acl.some(
        (entry) => entry.scheme === "digest" && !entry.id.endsWith(":x"),
      );
      if (unmasked) expect(allows(node?.acl, PERM_ADMIN)).toBe(true);
    }
    return tree;
  }
  const request = writeRequestOf(op, zxid);
  expectNoAuthWhereDenied(op, errorOf(prepared(tree, request, auth, zxid)), node, parent, allows);
  const next = write(tree, request, auth, zxid);
  const changed =
    next.nodes !== tree.nodes &&
    JSON.stringify([...next.nodes]) !== JSON.stringify([...tree.nodes]);
  if (changed) {
    const needed =
      op.op === "setData"
        ? allows(node?.acl, PERM_WRITE)
        : op.op === "create"
          ? allows(parent?.acl, PERM_CREATE)
          : op.op === "delete"
            ? allows(parent?.acl, PERM_DELETE)
            : allows(node?.acl, PERM_ADMIN);
    expect(needed).toBe(true);
  }
  return next;
}

/**
 * The write's NOAUTH matches the permission ZooKeeper's PrepRequestProcessor checks once the node it
 * checks exists (NONODE comes first): WRITE on the node for setData, ADMIN for setACL, CREATE on the
 * parent for create (before NODEEXISTS), DELETE on the parent for delete (the node must exist).
 */
function expectNoAuthWhereDenied(
  op: ClientOp,
  error: string | null,
  node: { readonly acl: readonly Acl[] } | undefined,
  parent: { readonly acl: readonly Acl[] } | undefined,
  allows: (acl: readonly Acl[] | undefined, perm: number) => boolean,
): void {
  const checked =
    op.op === "setData"
      ? { on: node, perm: PERM_WRITE }
      : op.op === "setACL"
        ? { on: node, perm: PERM_ADMIN }
        : op.op === "create"
          ? { on: parent, perm: PERM_CREATE }
          : { on: node === undefined ? undefined : parent, perm: PERM_DELETE };
  if (checked.on === undefined) return;
  const denied = !allows(checked.on.acl, checked.perm);
  expect(error === "NOAUTH", `${op.op} ${op.path}: ${error ?? "ok"}`).toBe(denied);
}

describe("access control", () => {
  it("a client never reads or changes a node its credentials do not allow", () => {
    fc.assert(
      fc.property(
        fc.array(aclArb, { minLength: paths.length, maxLength: paths.length }),
        fc.subarray([...users]),
        fc.constantFrom("127.0.0.1", "10.1.2.3", "192.168.0.9"),
        fc.array(clientOpArb, { minLength: 1, maxLength: 30 }),
        (acls, credentials, ip, ops) => {
          const superAuth: AuthId[] = [{ scheme: "super", id: "super" }];
          let tree = emptyTree();
          let zxid = 0;
          for (const [index, path] of paths.entries()) {
            tree = write(
              tree,
              { op: "create", path, data: "secret", acl: acls[index] ?? [], mode: "persistent" },
              superAuth,
              ++zxid,
            );
          }
          let auth: readonly AuthId[] = [{ scheme: "ip", id: ip }];
          for (const credential of credentials) {
            const added = addAuth(auth, "digest", credential, ip);
            if (added.ok) auth = added.auth;
          }
          const client = { digests: credentials.map(oracleDigest), ip };
          for (const op of ops) tree = checkOp(tree, op, client, auth, ++zxid);
        },
      ),
      { numRuns: 300 },
    );
  });
});
