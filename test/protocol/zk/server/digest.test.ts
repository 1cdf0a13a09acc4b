// The server's digest is kept as txns apply (each changed znode's old hash out, its new one in): after every
// txn of any sequence it equals the digest recounted over the whole tree and every session, also across a
// snapshot and its restore, and it still tells states apart.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { OPEN_ACL_UNSAFE, READ_ACL_UNSAFE } from "../../../../protocol/zk/acl/index.js";
import {
  type DataTree,
  emptyTree,
  prepareWrite,
  type TxnRecord,
  type WriteRequest,
  type ZNode,
} from "../../../../protocol/zk/data-tree/index.js";
import { databaseDigest, nodeHash } from "../../../../protocol/zk/server/digest.js";
import {
  emptyDatabase,
  type ZkDatabase,
  zkDatabaseMachine,
} from "../../../../protocol/zk/server/zk-database.js";

const PATHS = ["/a", "/b", "/a/c", "/a/d", "/b/e"] as const;
const SESSIONS = [0x101, 0x102, 0x103] as const;

/** A write a client (or the session tracker) could send; prepared against the tree it meets. */
const request: fc.Arbitrary<WriteRequest> = (() => {
  const path = fc.constantFrom(...PATHS);
  const data = fc.constantFrom("", "x", "yy");
  const version = fc.constantFrom(-1, -1, 0, 1);
  const mode = fc.constantFrom("persistent", "ephemeral", "persistent_sequential", "container");
  const create = fc
    .record({ path, data, mode })
    .map((r): WriteRequest => ({ op: "create", acl: OPEN_ACL_UNSAFE, ...r }));
  return fc.oneof(
    { weight: 4, arbitrary: create },
    {
      weight: 2,
      arbitrary: fc.record({ path, version }).map((r) => ({ op: "delete", ...r }) as const),
    },
    {
      weight: 3,
      arbitrary: fc.record({ path, data, version }).map((r) => ({ op: "setData", ...r }) as const),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ path, version, acl: fc.constantFrom(OPEN_ACL_UNSAFE, READ_ACL_UNSAFE) })
        .map((r) => ({ op: "setACL", ...r }) as const),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(create, path, data).map(
        ([c, target, text]): WriteRequest => ({
          op: "multi",
          ops: [c as never, { op: "setData", path: target, data: text, version: -1 }],
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(1_000, 4_000)
        .map((timeoutMs) => ({ op: "createSession", timeoutMs }) as const),
    },
    { weight: 1, arbitrary: fc.constant({ op: "closeSession" } as const) },
  );
})();

const step = fc.tuple(request, fc.constantFrom(...SESSIONS));

function record(tree: DataTree, write: WriteRequest, sessionId: number, zxid: number): TxnRecord {
  const context = { sessionId, auth: [], zxid, timeMs: 1_000 + zxid, extendedTypesEnabled: true };
  return prepareWrite(tree, [], write, context).record;
}

/**
 * Applies the writes one by one; calls `each` with the state after every txn. Each apply reports one output:
 * the txn it applied, with the tree it left.
 */
function run(
  steps: readonly (readonly [WriteRequest, number])[],
  each: (data: ZkDatabase) => void,
): ZkDatabase {
  let data = zkDatabaseMachine.initial;
  steps.forEach(([write, sessionId], i) => {
    const zxid = i + 1;
    const value = record(data.tree, write, sessionId, zxid);
    const applied = zkDatabaseMachine.apply(data, { zxid: zxid as never, value });
    expect(applied.outputs.map((o) => [o.record, o.tree])).toEqual([[value, applied.state.tree]]);
    data = applied.state;
    each(data);
  });
  return data;
}

const digestOf = (data: ZkDatabase) => zkDatabaseMachine.digest?.(data);

describe("the kept digest", () => {
  test("starts equal to the recount of an empty database", () => {
    expect(digestOf(zkDatabaseMachine.initial)).toBe(databaseDigest(emptyDatabase()));
  });

  test.prop([fc.array(step, { maxLength: 60 })], { numRuns: 200 })(
    "equals the recount over the whole tree and the sessions after every txn",
    (steps) => {
      run(steps, (data) => expect(digestOf(data)).toBe(databaseDigest(data)));
    },
  );

  test.prop([fc.array(step, { maxLength: 40 })], { numRuns: 100 })(
    "survives a snapshot and its restore, and goes on equal to the recount",
    (steps) => {
      const data = run(steps, () => {});
      const restored = zkDatabaseMachine.restore(zkDatabaseMachine.snapshot(data));
      expect(digestOf(restored)).toBe(digestOf(data));
      const write = {
        op: "create",
        path: "/z",
        data: "q",
        acl: OPEN_ACL_UNSAFE,
        mode: "persistent",
      };
      const zxid = steps.length + 1;
      const value = record(restored.tree, write as WriteRequest, 0x101, zxid);
      const after = zkDatabaseMachine.apply(restored, { zxid: zxid as never, value }).state;
      expect(digestOf(after)).toBe(databaseDigest(after));
    },
  );
});

test("a quota's stats node, rewritten in place by writes below it, stays in the digest, also across a restore", () => {
  const create = (path: string, data: string): [WriteRequest, number] => [
    { op: "create", path, data, acl: OPEN_ACL_UNSAFE, mode: "persistent" },
    0x101,
  ];
  const data = run(
    [
      create("/app", "ab"),
      create("/zookeeper/quota/app", ""),
      create("/zookeeper/quota/app/zookeeper_limits", "count=5,bytes=-1"),
      create("/zookeeper/quota/app/zookeeper_stats", "count=0,bytes=0"),
      create("/app/x", "cde"),
      [{ op: "setData", path: "/app", data: "abcd", version: -1 }, 0x101],
    ],
    (each) => expect(digestOf(each)).toBe(databaseDigest(each)),
  );
  expect(data.tree.nodes.get("/zookeeper/quota/app/zookeeper_stats")?.data).toBe("count=2,bytes=7");
  const restored = zkDatabaseMachine.restore(zkDatabaseMachine.snapshot(data));
  expect(digestOf(restored)).toBe(digestOf(data));
  expect([...(restored.tree.quotas ?? [])]).toEqual(["/app"]);
});

test("a different znode, session or last zxid gives a different digest", () => {
  const base = run(
    [
      [{ op: "create", path: "/a", data: "x", acl: OPEN_ACL_UNSAFE, mode: "persistent" }, 0x101],
      [{ op: "createSession", timeoutMs: 4_000 }, 0x102],
    ],
    () => {},
  );
  const db = base;
  const changedData = { ...db, tree: { ...db.tree, nodes: new Map(db.tree.nodes) } };
  const a = db.tree.nodes.get("/a");
  if (a === undefined) throw new Error("no /a");
  changedData.tree.nodes.set("/a", { ...a, data: "y" });
  expect(databaseDigest(changedData)).not.toBe(databaseDigest(db));
  expect(databaseDigest({ ...db, sessions: new Map() })).not.toBe(databaseDigest(db));
  const later = { ...db, tree: { ...db.tree, lastZxid: db.tree.lastZxid + 1 } };
  expect(databaseDigest(later)).not.toBe(databaseDigest(db));
});

/** The znode hash as first written: every field through a text or number mix, the ACL as its JSON text. */
function referenceNodeHash(path: string, node: ZNode): number {
  const prime = 0x01000193;
  const text = (hash: number, t: string) => {
    let h = hash;
    for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), prime);
    return Math.imul(h ^ 0xff, prime);
  };
  const num = (hash: number, n: number) =>
    Math.imul(Math.imul(hash ^ (n >>> 0), prime) ^ (Math.floor(n / 4_294_967_296) >>> 0), prime);
  const owner =
    node.owner.kind === "none"
      ? 0
      : node.owner.kind === "session"
        ? node.owner.sessionId
        : node.owner.kind === "container"
          ? -1
          : -2 - node.owner.ttlMs;
  const named = text(0x811c9dc5, path);
  let h = node.data === null ? num(named, -1) : text(named, node.data);
  for (const n of [node.czxid, node.mzxid, node.pzxid, node.ctimeMs, node.mtimeMs]) h = num(h, n);
  for (const n of [node.version, node.cversion, node.aversion, owner]) h = num(h, n);
  return text(h, JSON.stringify(node.acl)) >>> 0;
}

const aclEntry = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      perms: fc.integer({ min: 0, max: 31 }),
      scheme: fc.constantFrom("world", "auth", "digest", "ip"),
      id: fc.constantFrom("anyone", "", "10.0.0.1", "u:pw=", 'q"uote', "\\", "é"),
    }),
  },
  // Other key orders, extra fields and odd values take the text route; the hash must not change.
  {
    weight: 1,
    arbitrary: fc.record({ id: fc.string(), perms: fc.integer(), scheme: fc.string() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      perms: fc.double(),
      scheme: fc.string(),
      id: fc.string({ unit: "binary" }),
    }),
  },
);

test.prop([fc.string(), fc.string(), fc.array(aclEntry, { maxLength: 3 }), fc.nat()], {
  numRuns: 500,
})("a znode's hash is the one of its fields and its ACL's JSON text", (path, data, acl, zxid) => {
  const base = emptyTree().nodes.get("/");
  if (base === undefined) throw new Error("no root");
  const node: ZNode = {
    ...base,
    path: undefined,
    data,
    acl,
    czxid: zxid,
    mzxid: zxid + 1,
  } as never;
  expect(nodeHash(path, node)).toBe(referenceNodeHash(path, node));
});
