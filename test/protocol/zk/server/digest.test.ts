// The server's digest is kept as txns apply (each changed znode's old hash out, its new one in): after every
// txn of any sequence it equals the digest recounted over the whole tree and every session, also across a
// snapshot and its restore, and it still tells states apart.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { OPEN_ACL_UNSAFE, READ_ACL_UNSAFE } from "../../../../protocol/zk/acl/index.js";
import {
  type DataTree,
  prepareWrite,
  type TxnRecord,
  type WriteRequest,
} from "../../../../protocol/zk/data-tree/index.js";
import { databaseDigest } from "../../../../protocol/zk/server/digest.js";
import {
  databaseOf,
  emptyDatabase,
  takeApplied,
  zkDatabaseMachine,
} from "../../../../protocol/zk/server/zk-database.js";
import type { Json } from "../../../../sim/api/index.js";

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

/** Applies the writes one by one; calls `each` with the state after every txn. */
function run(
  steps: readonly (readonly [WriteRequest, number])[],
  each: (data: Json) => void,
): Json {
  let data = zkDatabaseMachine.initial;
  steps.forEach(([write, sessionId], i) => {
    const zxid = i + 1;
    const value = record(databaseOf(data).tree, write, sessionId, zxid) as unknown as Json;
    const applied = zkDatabaseMachine.apply(data, { zxid: zxid as never, value });
    data = takeApplied(applied)?.data ?? applied;
    each(data);
  });
  return data;
}

const digestOf = (data: Json) => zkDatabaseMachine.digest?.(data);

describe("the kept digest", () => {
  test("starts equal to the recount of an empty database", () => {
    expect(digestOf(zkDatabaseMachine.initial)).toBe(databaseDigest(emptyDatabase()));
  });

  test.prop([fc.array(step, { maxLength: 60 })], { numRuns: 200 })(
    "equals the recount over the whole tree and the sessions after every txn",
    (steps) => {
      run(steps, (data) => expect(digestOf(data)).toBe(databaseDigest(databaseOf(data))));
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
      const value = record(databaseOf(restored).tree, write as WriteRequest, 0x101, zxid);
      const after = zkDatabaseMachine.apply(restored, {
        zxid: zxid as never,
        value: value as never,
      });
      expect(digestOf(after)).toBe(databaseDigest(databaseOf(after)));
    },
  );
});

test("a different znode, session or last zxid gives a different digest", () => {
  const base = run(
    [
      [{ op: "create", path: "/a", data: "x", acl: OPEN_ACL_UNSAFE, mode: "persistent" }, 0x101],
      [{ op: "createSession", timeoutMs: 4_000 }, 0x102],
    ],
    () => {},
  );
  const db = databaseOf(base);
  const changedData = { ...db, tree: { ...db.tree, nodes: new Map(db.tree.nodes) } };
  const a = db.tree.nodes.get("/a");
  if (a === undefined) throw new Error("no /a");
  changedData.tree.nodes.set("/a", { ...a, data: "y" });
  expect(databaseDigest(changedData)).not.toBe(databaseDigest(db));
  expect(databaseDigest({ ...db, sessions: new Map() })).not.toBe(databaseDigest(db));
  const later = { ...db, tree: { ...db.tree, lastZxid: db.tree.lastZxid + 1 } };
  expect(databaseDigest(later)).not.toBe(databaseDigest(db));
});
