// The call vocabulary of the client-library conformance test: node-zookeeper-client 1.1.x calls as data
// (every argument form, the four create modes, watchers, ACLs, auth, mkdirp, transactions), fixed sequences
// for the documented cases, and a fast-check generator over a small path space so that collisions and
// errors are frequent. Paths are relative to the sequence's root ("" is the root itself).

import fc from "fast-check";

/** The two clients of a sequence: each has its own session. */
export type Who = "A" | "B";

/** none: the argument is left out (the library then sends no data: a node "without data"). */
export const dataChoices = ["none", "empty", "text", "other", "binary"] as const;
export type DataChoice = (typeof dataChoices)[number];

/** default: the argument is left out (OPEN_ACL_UNSAFE). */
export const aclChoices = [
  "default",
  "open",
  "read",
  "creator",
  "creatorAndRead",
  "digest1",
  "noDelete",
] as const;
/** `empty` ([]) only in fixed sequences: the library's assert throws before anything is sent. */
export type AclChoice = (typeof aclChoices)[number] | "empty";

/** default: the argument is left out (PERSISTENT); numbers are CreateMode flags 0..3. */
export type ModeChoice = "default" | 0 | 1 | 2 | 3;

/** A version argument; null leaves it out (the library sends -1). */
export type VersionChoice = number | null;

/** none: no watcher argument; fresh: a new function; shared: the client's one function (deduplicated). */
export type WatchChoice = "none" | "fresh" | "shared";

export type TransactionOp =
  | {
      readonly op: "create";
      readonly path: string;
      readonly data: DataChoice;
      readonly acl: AclChoice;
      readonly mode: ModeChoice;
    }
  | {
      readonly op: "setData";
      readonly path: string;
      readonly data: DataChoice;
      readonly version: VersionChoice;
    }
  | { readonly op: "check" | "remove"; readonly path: string; readonly version: VersionChoice };

export type CreateCall = {
  readonly call: "create" | "mkdirp";
  readonly by: Who;
  readonly path: string;
  readonly data: DataChoice;
  readonly acl: AclChoice;
  readonly mode: ModeChoice;
  /** The optional arguments reversed (mode, acls, data): the library takes each by its type. */
  readonly reversed: boolean;
};

export type LibraryCall =
  | CreateCall
  | {
      readonly call: "remove" | "removeRecursive";
      readonly by: Who;
      readonly path: string;
      readonly version: VersionChoice;
    }
  | {
      readonly call: "exists" | "getData" | "getChildren";
      readonly by: Who;
      readonly path: string;
      readonly watch: WatchChoice;
    }
  | {
      readonly call: "setData";
      readonly by: Who;
      readonly path: string;
      readonly data: DataChoice;
      readonly version: VersionChoice;
    }
  | { readonly call: "getACL" | "listSubTreeBFS"; readonly by: Who; readonly path: string }
  | {
      readonly call: "setACL";
      readonly by: Who;
      readonly path: string;
      readonly acl: AclChoice;
      readonly version: VersionChoice;
    }
  | { readonly call: "addAuthInfo"; readonly by: Who; readonly user: "user1" | "user2" }
  | { readonly call: "transaction"; readonly by: Who; readonly ops: readonly TransactionOp[] }
  /** close(), then getData(path) while the close is in flight; the client stays closed. */
  | { readonly call: "closeInFlight"; readonly by: Who; readonly path: string };

export type LibrarySequence = { readonly name: string; readonly calls: readonly LibraryCall[] };

/** Users and passwords for the digest scheme: user1's digest is in the `digest1` ACL. */
export const users = { user1: "pw1", user2: "pw2" } as const;

/** Plain data bytes; `binary` stays below 0x80 (zabsim counts a byte ≥ 0x80 twice in dataLength, README). */
export function dataBytes(choice: DataChoice): Buffer | undefined {
  switch (choice) {
    case "none":
      return undefined;
    case "empty":
      return Buffer.alloc(0);
    case "text":
      return Buffer.from("hello");
    case "other":
      return Buffer.from("a longer value, 28 bytes ...");
    case "binary":
      return Buffer.from([0x00, 0x01, 0x7f, 0x0a, 0x00, 0x41]);
  }
}

// ---- the generator ------------------------------------------------------------------------------------

/** A small path space: collisions, NODE_EXISTS, NO_NODE and NOT_EMPTY are frequent. */
const paths = ["", "a", "b", "a/x", "a/y", "b/x", "a/x/z", "a/s-0000000000", "a/s-0000000001"];
/** Where sequential nodes are created (the suffix follows the parent's cversion). */
const sequentialPrefixes = ["a/s-", "b/s-", "s-"];
/** Deeper paths for mkdirp (the root's own parents exist; mkdirp skips NODE_EXISTS). */
const mkdirpPaths = ["a/x/z", "b/x/z/w", "c/d", "a"];

const who = fc.constantFrom<Who>("A", "B");
/** Shallow paths most often: their parents exist, so writes succeed and fire watchers. */
const path = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("a", "b", "a/x") },
  { weight: 2, arbitrary: fc.constantFrom(...paths) },
);
const data = fc.constantFrom<DataChoice>(...dataChoices);
const acl = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<AclChoice>("default", "open") },
  { weight: 4, arbitrary: fc.constantFrom<AclChoice>(...aclChoices) },
);
const mode = fc.constantFrom<ModeChoice>("default", 0, 1, 2, 3);
const version = fc.oneof(
  { weight: 3, arbitrary: fc.constant<VersionChoice>(null) },
  { weight: 2, arbitrary: fc.constant<VersionChoice>(-1) },
  { weight: 4, arbitrary: fc.constantFrom<VersionChoice>(0, 1, 2) },
);
const watch = fc.constantFrom<WatchChoice>("none", "fresh", "fresh", "shared", "shared");
const createPath = fc.oneof(
  { weight: 3, arbitrary: path },
  { weight: 1, arbitrary: fc.constantFrom(...sequentialPrefixes) },
);

/**
 * A sequential create of the root itself would name a sibling of the root, numbered by "/"'s cversion:
 * that counts every earlier sequence's root, and the simulated runs start afresh in batches.
 */
const underRoot = (call: { readonly path: string; readonly mode: ModeChoice }): boolean =>
  call.path !== "" || (call.mode !== 2 && call.mode !== 3);

const createCall = fc
  .record({
    call: fc.constant("create" as const),
    by: who,
    path: createPath,
    data,
    acl,
    mode,
    reversed: fc.boolean(),
  })
  .filter(underRoot);

const transactionOp: fc.Arbitrary<TransactionOp> = fc.oneof(
  fc
    .record({
      op: fc.constant("create" as const),
      path: createPath,
      data,
      acl: fc.constantFrom<AclChoice>("default", "open", "read"),
      mode,
    })
    .filter(underRoot),
  fc.record({ op: fc.constant("setData" as const), path, data, version }),
  fc.record({ op: fc.constantFrom("check" as const, "remove" as const), path, version }),
);

const libraryCall: fc.Arbitrary<LibraryCall> = fc.oneof(
  { weight: 6, arbitrary: createCall },
  {
    weight: 3,
    arbitrary: fc.record({ call: fc.constant("remove" as const), by: who, path, version }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      call: fc.constantFrom("exists" as const, "getData" as const, "getChildren" as const),
      by: who,
      path,
      watch,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      call: fc.constant("setData" as const),
      by: who,
      path,
      data: data.filter((d) => d !== "none"),
      version,
    }),
  },
  { weight: 1, arbitrary: fc.record({ call: fc.constant("getACL" as const), by: who, path }) },
  {
    weight: 1,
    arbitrary: fc.record({ call: fc.constant("setACL" as const), by: who, path, acl, version }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      call: fc.constant("addAuthInfo" as const),
      by: who,
      user: fc.constantFrom("user1" as const, "user2" as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      call: fc.constant("mkdirp" as const),
      by: who,
      path: fc.constantFrom(...mkdirpPaths),
      data,
      acl: fc.constantFrom<AclChoice>("default", "open"),
      mode,
      reversed: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      call: fc.constant("transaction" as const),
      by: who,
      ops: fc.array(transactionOp, { minLength: 1, maxLength: 4 }),
    }),
  },
);

/** A tree to start from: a (with data), b (without), a/x, and watches on them from both clients. */
const populated: readonly LibraryCall[] = [
  {
    call: "create",
    by: "A",
    path: "a",
    data: "text",
    acl: "default",
    mode: "default",
    reversed: false,
  },
  { call: "create", by: "B", path: "b", data: "none", acl: "open", mode: 0, reversed: false },
  { call: "create", by: "A", path: "a/x", data: "binary", acl: "default", mode: 1, reversed: true },
  { call: "getData", by: "B", path: "a", watch: "fresh" },
  { call: "getChildren", by: "A", path: "a", watch: "shared" },
  { call: "exists", by: "B", path: "b/x", watch: "fresh" },
  { call: "getChildren", by: "B", path: "", watch: "shared" },
  { call: "exists", by: "A", path: "b", watch: "fresh" },
];

/** A random sequence of 8–24 calls, half of them over a populated tree with watches already left. */
export const librarySequenceArb: fc.Arbitrary<readonly LibraryCall[]> = fc
  .tuple(fc.boolean(), fc.array(libraryCall, { minLength: 8, maxLength: 24 }))
  .map(([populate, calls]) => (populate ? [...populated, ...calls] : calls));

// ---- fixed sequences ----------------------------------------------------------------------------------

const create = (
  path: string,
  options: Partial<Omit<CreateCall, "call" | "path">> = {},
): LibraryCall => ({
  call: "create",
  by: "A",
  path,
  data: "text",
  acl: "default",
  mode: "default",
  reversed: false,
  ...options,
});
const read = (
  call: "exists" | "getData" | "getChildren",
  path: string,
  watcher: WatchChoice = "none",
  by: Who = "A",
): LibraryCall => ({ call, by, path, watch: watcher });
const setData = (path: string, version: VersionChoice = null, by: Who = "A"): LibraryCall => ({
  call: "setData",
  by,
  path,
  data: "other",
  version,
});
const remove = (path: string, version: VersionChoice = null, by: Who = "A"): LibraryCall => ({
  call: "remove",
  by,
  path,
  version,
});

export const fixedSequences: readonly LibrarySequence[] = [
  {
    name: "every create argument form and the four modes",
    calls: [
      create("a", { data: "none" }),
      create("b", { data: "empty", acl: "open" }),
      create("a/p", { data: "text", acl: "open", mode: 0 }),
      create("a/e", { data: "none", acl: "default", mode: 1 }),
      create("a/s-", { data: "binary", mode: 2, reversed: true }),
      create("a/s-", { data: "text", mode: 3 }),
      create("a/s-", { data: "none", acl: "read", mode: 2 }),
      create("a/e/child", { mode: 0 }),
      create("a/s-", { mode: 3, reversed: true, by: "B" }),
      read("getChildren", "a"),
      read("getData", "a"),
      read("getData", "b"),
      read("getData", "a/s-0000000001"),
      read("exists", "a/e"),
      create("a", { data: "text" }),
    ],
  },
  {
    name: "versions: BAD_VERSION on setData and remove, NOT_EMPTY, NO_NODE",
    calls: [
      create("a"),
      setData("a", 0),
      setData("a", 0),
      setData("a", 1),
      setData("a", -1),
      // Throws synchronously in both (the library copies the data with Buffer.alloc(data.length)).
      { call: "setData", by: "A", path: "a", data: "none", version: null },
      create("a/x"),
      remove("a", 3),
      remove("a"),
      remove("a/x", 1),
      remove("a/x", 0),
      remove("a/x"),
      setData("a/x"),
      read("getData", "a/x"),
      read("getChildren", "a/x"),
      read("exists", "a/x"),
      remove("a", 3),
    ],
  },
  {
    name: "data, child and existence watchers fired by the same and by the other session",
    calls: [
      read("exists", "a", "fresh"),
      read("exists", "a", "fresh", "B"),
      create("a"),
      read("getData", "a", "fresh"),
      read("getData", "a", "shared", "B"),
      read("getData", "a", "shared", "B"),
      read("exists", "a", "fresh", "B"),
      read("getChildren", "a", "fresh"),
      read("getChildren", "a", "fresh", "B"),
      setData("a", null, "B"),
      create("a/x", { by: "B" }),
      read("getChildren", "a", "shared"),
      read("getData", "a/x", "shared"),
      read("exists", "a/x", "fresh", "B"),
      remove("a/x"),
      read("getData", "a", "fresh", "B"),
      read("getChildren", "a", "fresh", "B"),
      remove("a", null, "B"),
    ],
  },
  {
    name: "ephemerals: NO_CHILDREN_FOR_EPHEMERALS, owners, deleted when their session closes",
    calls: [
      create("a", { mode: 1 }),
      create("a/x", { mode: 0 }),
      create("a/x", { mode: 1, by: "B" }),
      create("b", { mode: 3, by: "B" }),
      create("s-", { mode: 3, by: "B" }),
      read("exists", "a", "fresh", "B"),
      read("getChildren", "", "fresh", "B"),
      read("exists", "b0000000002", "fresh"),
      read("getChildren", ""),
    ],
  },
  {
    name: "ACLs: digest and world ids, NO_AUTH, INVALID_ACL, addAuthInfo",
    calls: [
      create("a", { acl: "digest1" }),
      { call: "getACL", by: "A", path: "a" },
      setData("a"),
      { call: "addAuthInfo", by: "A", user: "user2" },
      setData("a"),
      { call: "addAuthInfo", by: "A", user: "user1" },
      setData("a"),
      create("a/x", { acl: "creator" }),
      { call: "getACL", by: "A", path: "a/x" },
      create("b", { acl: "creator", by: "B" }),
      create("b", { acl: "read", by: "B" }),
      setData("b", null, "B"),
      create("b/x", { by: "B" }),
      { call: "setACL", by: "B", path: "b", acl: "open", version: 1 },
      { call: "setACL", by: "B", path: "b", acl: "open", version: 0 },
      { call: "getACL", by: "B", path: "b" },
      create("c", { acl: "noDelete" }),
      create("c/x"),
      remove("c/x"),
      { call: "setACL", by: "A", path: "a/x", acl: "open", version: null },
      { call: "setACL", by: "B", path: "a/x", acl: "read", version: null },
      { call: "getACL", by: "B", path: "" },
      { call: "addAuthInfo", by: "B", user: "user1" },
      { call: "setACL", by: "B", path: "a", acl: "creatorAndRead", version: -1 },
      { call: "getACL", by: "B", path: "a" },
    ],
  },
  {
    name: "mkdirp: existing components are skipped, an ephemeral component ends the path",
    calls: [
      {
        call: "mkdirp",
        by: "A",
        path: "a/b/c",
        data: "text",
        acl: "default",
        mode: "default",
        reversed: false,
      },
      {
        call: "mkdirp",
        by: "B",
        path: "a/b/c/d",
        data: "none",
        acl: "open",
        mode: 0,
        reversed: true,
      },
      {
        call: "mkdirp",
        by: "A",
        path: "e/f",
        data: "none",
        acl: "default",
        mode: 1,
        reversed: false,
      },
      {
        call: "mkdirp",
        by: "A",
        path: "a/b",
        data: "text",
        acl: "default",
        mode: "default",
        reversed: false,
      },
      { call: "listSubTreeBFS", by: "B", path: "a" },
      { call: "removeRecursive", by: "B", path: "a/b/c", version: null },
      { call: "removeRecursive", by: "B", path: "a", version: null },
      read("getChildren", "a/b"),
    ],
  },
  {
    name: "transactions: commit, failure with per-op results, check versions",
    calls: [
      {
        call: "transaction",
        by: "A",
        ops: [
          { op: "create", path: "a", data: "text", acl: "default", mode: "default" },
          { op: "create", path: "a/x", data: "none", acl: "open", mode: 0 },
          { op: "create", path: "a/s-", data: "text", acl: "default", mode: 2 },
          { op: "setData", path: "a", data: "other", version: -1 },
          { op: "check", path: "a", version: 1 },
        ],
      },
      read("getData", "a", "fresh", "B"),
      {
        call: "transaction",
        by: "A",
        ops: [
          { op: "setData", path: "a", data: "text", version: 1 },
          { op: "create", path: "a/x", data: "none", acl: "open", mode: 0 },
          { op: "remove", path: "a/s-0000000001", version: -1 },
        ],
      },
      {
        call: "transaction",
        by: "B",
        ops: [
          { op: "check", path: "a", version: 5 },
          { op: "setData", path: "a", data: "empty", version: null },
        ],
      },
      {
        call: "transaction",
        by: "B",
        ops: [
          { op: "remove", path: "a/x", version: 0 },
          { op: "remove", path: "a/s-0000000001", version: 2 },
          { op: "remove", path: "a", version: null },
        ],
      },
      {
        call: "transaction",
        by: "A",
        ops: [
          { op: "remove", path: "a/x", version: null },
          { op: "remove", path: "a/s-0000000001", version: null },
          { op: "create", path: "b", data: "text", acl: "default", mode: 1 },
          { op: "create", path: "b/x", data: "text", acl: "default", mode: 0 },
        ],
      },
      read("getChildren", "a"),
      // The library's quirk (`version || -1`): a version of 0 is sent as -1, so these pass on "a" at 1.
      {
        call: "transaction",
        by: "A",
        ops: [
          { op: "check", path: "a", version: 0 },
          { op: "setData", path: "a", data: "text", version: 0 },
          { op: "create", path: "a/z", data: "text", acl: "default", mode: 0 },
          { op: "remove", path: "a/z", version: 0 },
        ],
      },
    ],
  },
  {
    // index.js create and setACL, Transaction.js create: "assert(acls.length > 0, 'acls must be a
    // non-empty array.')" throws before anything is queued (the Java client throws InvalidACLException).
    name: "empty ACL lists: the library's assert throws, nothing is sent",
    calls: [
      create("a", { acl: "empty" }),
      create("b", { acl: "open" }),
      { call: "setACL", by: "A", path: "b", acl: "empty", version: -1 },
      {
        call: "transaction",
        by: "A",
        ops: [{ op: "create", path: "c", data: "text", acl: "empty", mode: 0 }],
      },
      read("exists", "a"),
      { call: "getACL", by: "A", path: "b" },
    ],
  },
  {
    // ConnectionManager.queue: "case STATES.CLOSING: ... callback(Exception.create(
    // Exception.CONNECTION_LOSS))" (the Java client's conLossPacket answers CONNECTIONLOSS as well).
    name: "a call made while close() is in flight ends CONNECTION_LOSS at once; the other client goes on",
    calls: [
      create("a", { acl: "open" }),
      { call: "closeInFlight", by: "B", path: "a" },
      read("getData", "a"),
    ],
  },
  {
    // Transaction.js `commit` queues a MULTI whatever its ops: an empty one is sent and takes a zxid
    // (the Java client answers it locally, ZooKeeper.multiInternal "if (request.size() == 0)").
    name: "an empty transaction is sent to the server: the next create's czxid shows the zxid it took",
    calls: [
      { call: "transaction", by: "A", ops: [] },
      create("a", { acl: "open" }),
      read("exists", "a"),
    ],
  },
];
