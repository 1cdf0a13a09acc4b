// Fixed operation sequences for the tricky cases of reference §0 and §1, and the random sequence generator.

import fc from "fast-check";
import { type AclChoice, aclChoices, type ConfMode, type ConfOp, type MultiSubOp } from "./ops.js";

export type Scenario = { readonly name: string; readonly ops: readonly ConfOp[] };

const create = (
  path: string,
  mode: ConfMode = "persistent",
  acl: AclChoice = "open",
  s: "A" | "B" = "A",
): ConfOp => ({
  op: "create",
  s,
  path,
  data: "d",
  mode,
  acl,
});
const read = (
  op: "getData" | "exists" | "getChildren" | "getACL",
  path: string,
  s: "A" | "B" = "A",
): ConfOp => ({
  op,
  s,
  path,
});

const watch = (
  op: "getData" | "exists" | "getChildren",
  path: string,
  s: "A" | "B" = "A",
): ConfOp => ({ op, s, path, watch: true });
const setData = (path: string, s: "A" | "B" = "A", version = -1): ConfOp => ({
  op: "setData",
  s,
  path,
  data: "v",
  version,
});
const remove = (path: string, s: "A" | "B" = "A"): ConfOp => ({
  op: "delete",
  s,
  path,
  version: -1,
});

export const fixedScenarios: readonly Scenario[] = [
  {
    name: "system nodes on a fresh server, and their special-path rules",
    ops: [
      ...["/", "/zookeeper", "/zookeeper/config", "/zookeeper/quota"].flatMap((path) => [
        read("exists", path),
        read("getACL", path),
        read("getChildren", path),
      ]),
      { op: "delete", s: "A", path: "/zookeeper", version: -1 },
      { op: "delete", s: "A", path: "/zookeeper/quota", version: -1 },
      create("/zookeeper"),
      { op: "setData", s: "A", path: "/zookeeper/config", data: "x", version: -1 },
      create("/zookeeper/mine"),
      read("exists", "/zookeeper"),
    ],
  },
  {
    name: "sequence suffixes come from the parent's stored cversion, deletes do not reuse them",
    ops: [
      create("q"),
      create("q/x-", "persistent_sequential"),
      create("q/x-", "persistent_sequential"),
      create("q/plain"),
      { op: "delete", s: "A", path: "q/plain", version: -1 },
      { op: "delete", s: "A", path: "q/x-0000000000", version: -1 },
      create("q/x-", "ephemeral_sequential"),
      read("getChildren", "q"),
      read("exists", "q"),
    ],
  },
  {
    name: "visible cversion counts creates and deletes; pzxid follows the last child change",
    ops: [
      create("c"),
      create("c/1"),
      create("c/2"),
      { op: "delete", s: "A", path: "c/1", version: -1 },
      read("exists", "c"),
      { op: "setData", s: "A", path: "c/2", data: "new", version: 0 },
      read("getChildren", "c"),
      read("getData", "c/2"),
    ],
  },
  {
    name: "delete reports BADVERSION before NOTEMPTY, then NOTEMPTY",
    ops: [
      create("p"),
      create("p/child"),
      { op: "delete", s: "A", path: "p", version: 7 },
      { op: "delete", s: "A", path: "p", version: 0 },
      { op: "delete", s: "A", path: "p/missing", version: 3 },
      { op: "setData", s: "A", path: "p", data: "x", version: 3 },
      { op: "setData", s: "A", path: "p/missing", data: "x", version: 3 },
    ],
  },
  {
    name: "NODEEXISTS before NOCHILDRENFOREPHEMERALS, NONODE for a missing parent",
    ops: [
      create("e", "ephemeral"),
      create("e", "ephemeral"),
      create("e/kid"),
      create("e/kid", "ephemeral_sequential"),
      create("missing/kid"),
      read("exists", "e"),
    ],
  },
  {
    name: "exists vs getData vs getChildren on a missing node",
    ops: [
      read("exists", "nope"),
      read("getData", "nope"),
      read("getChildren", "nope"),
      read("getACL", "nope"),
    ],
  },
  {
    name: "a failed multi: OK before, the error, RUNTIMEINCONSISTENCY after, nothing applied",
    ops: [
      create("m"),
      {
        op: "multi",
        s: "A",
        ops: [
          { op: "create", path: "m/new", data: "", mode: "persistent" },
          { op: "setData", path: "m", data: "x", version: 5 },
          { op: "delete", path: "m", version: -1 },
        ],
      },
      read("exists", "m/new"),
      read("exists", "m"),
      {
        op: "multi",
        s: "A",
        ops: [
          { op: "create", path: "m/a", data: "1", mode: "persistent" },
          { op: "setData", path: "m/a", data: "22", version: 0 },
          { op: "check", path: "m/a", version: 1 },
          { op: "create", path: "m/s-", data: "", mode: "persistent_sequential" },
          { op: "create", path: "m/s-", data: "", mode: "persistent_sequential" },
          { op: "delete", path: "m/a", version: 1 },
        ],
      },
      read("getChildren", "m"),
      { op: "multi", s: "A", ops: [{ op: "check", path: "m/zzz", version: -1 }] },
      {
        op: "multi",
        s: "A",
        ops: [
          { op: "check", path: "m", version: 0 },
          { op: "create", path: "m/e", data: "", mode: "ephemeral" },
          { op: "create", path: "m/e/x", data: "", mode: "persistent" },
        ],
      },
    ],
  },
  {
    name: "setACL bumps only aversion; ADMIN is checked before the version",
    ops: [
      create("acl"),
      { op: "setACL", s: "A", path: "acl", acl: "noAdmin", version: 0 },
      read("exists", "acl"),
      { op: "setACL", s: "A", path: "acl", acl: "open", version: 0 },
      { op: "setACL", s: "A", path: "acl", acl: "open", version: 1 },
      { op: "setData", s: "A", path: "acl", data: "still writable", version: 0 },
      read("getACL", "acl"),
    ],
  },
  {
    name: "digest ACLs: NOAUTH until addAuth, getACL masks digests without ADMIN",
    ops: [
      create("dg", "persistent", "digestUser1"),
      read("getData", "dg", "B"),
      { op: "setData", s: "B", path: "dg", data: "x", version: -1 },
      read("getACL", "dg", "B"),
      create("dg/kid", "persistent", "open", "B"),
      { op: "addAuth", s: "B", user: "user2" },
      { op: "setData", s: "B", path: "dg", data: "x", version: -1 },
      { op: "addAuth", s: "B", user: "user1" },
      { op: "setData", s: "B", path: "dg", data: "x", version: -1 },
      read("getACL", "dg", "B"),
      create("dg/kid", "persistent", "open", "B"),
      { op: "delete", s: "A", path: "dg/kid", version: -1 },
      { op: "delete", s: "B", path: "dg/kid", version: -1 },
    ],
  },
  ...[["user1", "user2"] as const, ["user2", "user1"] as const].map(([first, second]) => ({
    name: `an auth ACL expands into the ids in the connection's ConcurrentHashMap order (${first} added first)`,
    ops: [
      { op: "addAuth", s: "A", user: first } as const,
      { op: "addAuth", s: "A", user: second } as const,
      create("two", "persistent", "creatorAll"),
      read("getACL", "two"),
      { op: "setACL", s: "A", path: "two", acl: "creatorAll", version: -1 } as const,
      read("getACL", "two"),
    ],
  })),
  {
    name: "auth scheme needs an authenticated id; bad ids are INVALIDACL before NONODE",
    ops: [
      create("ca", "persistent", "creatorAll"),
      create("missing/x", "persistent", "invalidDigest"),
      create("wb", "persistent", "worldBad"),
      { op: "addAuth", s: "A", user: "user1" },
      create("ca", "persistent", "creatorAll"),
      read("getACL", "ca"),
      read("getACL", "ca", "B"),
      { op: "setACL", s: "A", path: "ca", acl: "creatorAll", version: -1 },
      { op: "setACL", s: "B", path: "ca", acl: "open", version: -1 },
    ],
  },
  {
    name: "delete needs DELETE on the parent, checked before the node exists",
    ops: [
      create("dp"),
      create("dp/c"),
      { op: "setACL", s: "A", path: "dp", acl: "readOnly", version: -1 },
      { op: "delete", s: "A", path: "dp/c", version: -1 },
      { op: "delete", s: "A", path: "dp/missing", version: -1 },
      create("dp/new"),
      { op: "setData", s: "A", path: "dp/c", data: "ok", version: -1 },
    ],
  },
  {
    name: "reads on a node without READ",
    ops: [
      create("nr", "persistent", "createDeleteOnly"),
      read("exists", "nr"),
      read("getData", "nr"),
      read("getChildren", "nr"),
      read("getACL", "nr"),
      create("nr/kid"),
      { op: "multi", s: "A", ops: [{ op: "check", path: "nr", version: 0 }] },
      { op: "delete", s: "A", path: "nr/kid", version: -1 },
    ],
  },
  {
    name: "ip ACLs match the client address",
    ops: [
      create("ip", "persistent", "ip127"),
      { op: "setData", s: "B", path: "ip", data: "x", version: -1 },
      create("ipo", "persistent", "ipOther"),
      { op: "setData", s: "B", path: "ipo", data: "x", version: -1 },
      read("getData", "ipo", "B"),
    ],
  },
  {
    name: "closeSession deletes the session's ephemerals in one txn",
    ops: [
      create("eph"),
      create("eph/b1", "ephemeral", "open", "B"),
      create("eph/b-", "ephemeral_sequential", "open", "B"),
      create("eph/a1", "ephemeral", "open", "A"),
      read("getChildren", "eph"),
      read("exists", "eph/b1"),
      { op: "reconnect", s: "B" },
      read("getChildren", "eph"),
      read("exists", "eph"),
      create("eph/b1", "ephemeral", "open", "B"),
      read("exists", "eph/b1"),
    ],
  },
  ...closeOrderScenarios(),
  {
    name: "watches: exists on a missing node fires NodeCreated; data watches fire once",
    ops: [
      watch("exists", "w"),
      watch("exists", "w", "B"),
      create("w"),
      setData("w"),
      watch("getData", "w"),
      watch("exists", "w"),
      watch("getData", "w", "B"),
      setData("w", "B"),
      setData("w", "B"),
      watch("getData", "w"),
      remove("w", "B"),
      watch("getData", "w"),
      watch("getChildren", "w"),
      create("w"),
    ],
  },
  {
    name: "watches: child watches fire on child create and delete, not on the child's data",
    ops: [
      create("cw"),
      watch("getChildren", "cw", "B"),
      watch("getChildren", "cw"),
      create("cw/1"),
      watch("getChildren", "cw", "B"),
      setData("cw/1"),
      watch("getData", "cw/1", "B"),
      watch("exists", "cw/1"),
      remove("cw/1"),
      watch("getChildren", "cw", "B"),
      watch("getChildren", "cw"),
      watch("exists", "cw"),
      remove("cw"),
    ],
  },
  {
    name: "watches: setACL fires nothing; failed writes fire nothing; a failed multi fires nothing",
    ops: [
      create("sa"),
      watch("getData", "sa", "B"),
      watch("getChildren", "sa", "B"),
      { op: "setACL", s: "A", path: "sa", acl: "noAdmin", version: -1 },
      setData("sa", "A", 7),
      create("sa/x/y"),
      {
        op: "multi",
        s: "A",
        ops: [
          { op: "create", path: "sa/k", data: "", mode: "persistent" },
          { op: "check", path: "sa", version: 9 },
        ],
      },
      {
        op: "multi",
        s: "A",
        ops: [
          { op: "create", path: "sa/k", data: "", mode: "persistent" },
          { op: "setData", path: "sa", data: "m", version: -1 },
          { op: "create", path: "sa/s-", data: "", mode: "persistent_sequential" },
        ],
      },
      watch("getChildren", "sa"),
      watch("exists", "sa/s-0000000001"),
      {
        op: "multi",
        s: "B",
        ops: [
          { op: "delete", path: "sa/s-0000000001", version: -1 },
          { op: "delete", path: "sa/k", version: -1 },
        ],
      },
    ],
  },
  {
    name: "watches: closing a session deletes its ephemerals and fires the other session's watches",
    ops: [
      create("ew"),
      create("ew/a", "ephemeral"),
      create("ew/q-", "ephemeral_sequential"),
      watch("getData", "ew/a", "B"),
      watch("exists", "ew/q-0000000001", "B"),
      watch("getChildren", "ew", "B"),
      watch("getData", "ew/a"),
      watch("getChildren", "ew"),
      { op: "reconnect", s: "A" },
      watch("getChildren", "ew"),
      create("ew/b", "ephemeral", "open", "B"),
      watch("exists", "ew/b"),
      watch("getChildren", "ew", "B"),
    ],
  },
  {
    name: "watches on the root and on a node without READ",
    ops: [
      watch("getChildren", ""),
      watch("getData", ""),
      create("nr", "persistent", "createDeleteOnly"),
      watch("exists", "nr", "B"),
      watch("getData", "nr", "B"),
      watch("getChildren", "nr", "B"),
      create("nr/kid", "persistent", "open", "B"),
      remove("nr/kid", "B"),
      remove("nr", "B"),
    ],
  },
  {
    name: "path validation: the client refuses control characters before sending (no zxid)",
    ops: [
      create("bad\u0001name"),
      create("ok\u00e9"),
      read("exists", "ok\u00e9"),
      create("bad\u007f"),
    ],
  },
];

const names = ["a", "b"] as const;
/** Mostly short paths, so that watches often meet a later write on the same node. */
const pathOfDepth = (depth: number) =>
  fc
    .array(fc.constantFrom(...names), { minLength: depth, maxLength: depth })
    .map((parts) => parts.join("/"));
const pathArb = fc.oneof(
  { weight: 3, arbitrary: pathOfDepth(1) },
  { weight: 3, arbitrary: pathOfDepth(2) },
  { weight: 1, arbitrary: pathOfDepth(3) },
);
const dataArb = fc.constantFrom("", "x", "hello", "\u00fc\u00df");
const versionArb = fc.constantFrom(-1, -1, 0, 1, 2);
const modeArb = fc.constantFrom<ConfMode>(
  "persistent",
  "persistent",
  "persistent",
  "ephemeral",
  "persistent_sequential",
  "ephemeral_sequential",
);
const aclArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<AclChoice>("open") },
  { weight: 4, arbitrary: fc.constantFrom<AclChoice>(...aclChoices) },
);
const sessionArb = fc.constantFrom<"A" | "B">("A", "B");

const subOpArb: fc.Arbitrary<MultiSubOp> = fc.oneof(
  fc.record({ op: fc.constant("create" as const), path: pathArb, data: dataArb, mode: modeArb }),
  fc.record({ op: fc.constant("delete" as const), path: pathArb, version: versionArb }),
  fc.record({
    op: fc.constant("setData" as const),
    path: pathArb,
    data: dataArb,
    version: versionArb,
  }),
  fc.record({ op: fc.constant("check" as const), path: pathArb, version: versionArb }),
);

export const opArb: fc.Arbitrary<ConfOp> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant("create" as const),
      s: sessionArb,
      path: pathArb,
      data: dataArb,
      mode: modeArb,
      acl: aclArb,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("delete" as const),
      s: sessionArb,
      path: pathArb,
      version: versionArb,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("setData" as const),
      s: sessionArb,
      path: pathArb,
      data: dataArb,
      version: versionArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("setACL" as const),
      s: sessionArb,
      path: pathArb,
      acl: aclArb,
      version: versionArb,
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      op: fc.constantFrom("getData" as const, "exists" as const, "getChildren" as const),
      s: sessionArb,
      path: fc.oneof(pathArb, fc.constant("")),
      watch: fc.constantFrom(true, true, true, false),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("getACL" as const),
      s: sessionArb,
      path: fc.oneof(pathArb, fc.constant("")),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("multi" as const),
      s: sessionArb,
      ops: fc.array(subOpArb, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("addAuth" as const),
      s: sessionArb,
      user: fc.constantFrom("user1" as const, "user2" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("reconnect" as const), s: sessionArb }) },
);

export const sequenceArb = fc.array(opArb, { minLength: 10, maxLength: 40 });

/** Every node the random paths name up to depth 2, created first, so that watches have something to fire on. */
const populated: readonly ConfOp[] = ["a", "b", "a/a", "a/b", "b/a", "b/b"].map((path) => ({
  op: "create",
  s: "A",
  path,
  data: "",
  mode: "persistent",
  acl: "open",
}));

/** Watched reads and unconditional writes by either session: the ops that make events happen. */
const watchOpArb: fc.Arbitrary<ConfOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constantFrom("getData" as const, "exists" as const, "getChildren" as const),
      s: sessionArb,
      path: fc.oneof(pathArb, fc.constant("")),
      watch: fc.constant(true),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("setData" as const),
      s: sessionArb,
      path: pathArb,
      data: dataArb,
      version: fc.constant(-1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("delete" as const),
      s: sessionArb,
      path: pathArb,
      version: fc.constant(-1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("create" as const),
      s: sessionArb,
      path: pathArb,
      data: dataArb,
      mode: modeArb,
      acl: fc.constantFrom<AclChoice>("open", "open", "open", "createDeleteOnly", "digestUser1"),
    }),
  },
  { weight: 4, arbitrary: opArb },
);

/** Event-rich sequences over a populated tree: watched reads and writes by either session. */
export const watchSequenceArb = fc
  .array(watchOpArb, { minLength: 20, maxLength: 40 })
  .map((ops) => [...populated, ...ops]);

/**
 * A closing session's ephemerals are deleted in the order of the clone of its HashSet
 * (DataTree.getEphemerals; protocol/zk/java/hash-set.ts): B creates them, A watches each and their
 * parent, B's session closes, and A's NodeDeleted events come in that order. Sizes on both sides of the
 * clone's table sizes (8, 12, 20; names whose hashes differ by 32, so ten share a bin and resize the
 * table through treeifyBin), and a set that lost some before the close (names of spread hashes: zabsim
 * rebuilds the set from the nodes left, and the real table never shrinks — ephemerals.ts).
 */
function closeOrderScenarios(): Scenario[] {
  const names = (count: number) =>
    Array.from({ length: count }, (_, i) => `eph/${String.fromCharCode(97 + (i % 26))}${i}`);
  const words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"];
  const spread = [...words, "juliet", "kilo", "lima"].map((word) => `eph/${word}`);
  const closing = (name: string, paths: readonly string[], deleted: number): Scenario => {
    return {
      name,
      ops: [
        create("eph"),
        ...paths.map((path) => create(path, "ephemeral", "open", "B")),
        ...paths.slice(0, deleted).map((path) => remove(path, "B")),
        ...paths.map((path) => watch("exists", path)),
        watch("getChildren", "eph"),
        { op: "reconnect", s: "B" },
        read("getChildren", "eph"),
      ],
    };
  };
  return [
    closing(
      "a closing session's 8 ephemerals are deleted in its HashSet clone's order",
      names(8),
      0,
    ),
    closing(
      "a closing session's 12 ephemerals are deleted in its HashSet clone's order",
      names(12),
      0,
    ),
    closing(
      "a closing session's 20 ephemerals are deleted in its HashSet clone's order",
      names(20),
      0,
    ),
    closing(
      "a closing session's ephemerals, 3 of 12 deleted first, in its HashSet clone's order",
      spread,
      3,
    ),
  ];
}
