// The calls node-zookeeper-client cannot send — checkWatches, removeWatches, whoAmI, multiRead — and null
// data and packets at jute.maxbuffer, as operations both the real server (through jute-client.ts) and the
// simulated service run, and the outcome both are reduced to.

import fc from "fast-check";
import type { Acl } from "../../protocol/zk/acl/index.js";
import { generateDigest, PERM_ALL } from "../../protocol/zk/acl/index.js";
import type { NormalStat, SessionLabel } from "./ops.js";

export type WatcherTypeName = "children" | "data" | "any";
export type CallAcl = "open" | "user1Only";

/** Paths are relative to the sequence root ("" is the root). */
export type CallOp =
  | {
      readonly op: "create";
      readonly s: SessionLabel;
      readonly path: string;
      readonly data: string | null;
      readonly acl?: CallAcl;
    }
  | {
      readonly op: "setData";
      readonly s: SessionLabel;
      readonly path: string;
      readonly data: string | null;
    }
  | {
      readonly op: "getData" | "exists" | "getChildren";
      readonly s: SessionLabel;
      readonly path: string;
      readonly watch: boolean;
    }
  | {
      /** checkWatches: the Java client's removeWatches(path, watcher, type, local) for its one watcher. */
      readonly op: "checkWatches" | "removeWatches";
      readonly s: SessionLabel;
      readonly path: string;
      readonly watcherType: WatcherTypeName;
      readonly local: boolean;
    }
  | { readonly op: "whoAmI"; readonly s: SessionLabel }
  | { readonly op: "addAuth"; readonly s: SessionLabel; readonly user: "user1" | "user2" }
  | {
      readonly op: "multiRead";
      readonly s: SessionLabel;
      readonly ops: readonly { readonly op: "getData" | "getChildren"; readonly path: string }[];
    }
  /** A create or setData whose request packet is exactly `packetLength` bytes long (length prefix). */
  | {
      readonly op: "sized";
      readonly s: SessionLabel;
      readonly write: "create" | "setData";
      readonly path: string;
      readonly packetLength: number;
    };

export type CallOutcome = {
  readonly ok: boolean;
  readonly code?: string;
  readonly path?: string;
  readonly data?: string | null;
  readonly stat?: NormalStat;
  readonly children?: readonly string[];
  readonly clientInfo?: readonly { readonly authScheme: string; readonly user: string }[];
  readonly results?: readonly CallOutcome[];
};

export const passwords = { user1: "pw1", user2: "pw2" } as const;

export function callAcl(choice: CallAcl | undefined): readonly Acl[] {
  if (choice === "user1Only") {
    return [{ perms: PERM_ALL, scheme: "digest", id: generateDigest("user1:pw1") }];
  }
  return [{ perms: PERM_ALL, scheme: "world", id: "anyone" }];
}

const utf8 = (text: string): number => Buffer.byteLength(text, "utf8");

/**
 * The data length that makes a request packet `packetLength` bytes: RequestHeader 8, then for create2
 * path (4 + bytes), data (4 + n), the ACL vector (world:anyone is 4 + 4 + 9 + 10) and flags 4; for
 * setData path, data and version 4.
 */
export function sizedDataLength(op: CallOp & { op: "sized" }, absolutePath: string): number {
  const path = 4 + utf8(absolutePath);
  const fixed = op.write === "create" ? 8 + path + 4 + 27 + 4 : 8 + path + 4 + 4;
  return op.packetLength - fixed;
}

type Scenario = { readonly name: string; readonly ops: readonly CallOp[] };

const watchRemoval = (
  op: "checkWatches" | "removeWatches",
  s: SessionLabel,
  path: string,
  watcherType: WatcherTypeName,
  local = false,
): CallOp => ({ op, s, path, watcherType, local });

const read = (
  op: "getData" | "exists" | "getChildren",
  s: SessionLabel,
  path: string,
  watch = false,
): CallOp => ({ op, s, path, watch });

/** One scenario per rule; each starts from an empty sequence root owned by A. */
export const callScenarios: readonly Scenario[] = [
  {
    name: "removeWatches and checkWatches answer NOWATCHER without a watch",
    ops: [
      { op: "create", s: "A", path: "a", data: "1" },
      watchRemoval("removeWatches", "A", "a", "any"),
      watchRemoval("checkWatches", "A", "a", "data"),
      watchRemoval("removeWatches", "A", "missing", "children", true),
    ],
  },
  {
    name: "removeWatches of type data takes a getData watch: no event follows",
    ops: [
      { op: "create", s: "A", path: "a", data: "1" },
      read("getData", "A", "a", true),
      watchRemoval("removeWatches", "A", "a", "children"),
      watchRemoval("removeWatches", "A", "a", "data"),
      { op: "setData", s: "B", path: "a", data: "2" },
      watchRemoval("removeWatches", "A", "a", "data"),
    ],
  },
  {
    name: "removeWatches of type children takes a getChildren watch, any takes both",
    ops: [
      { op: "create", s: "A", path: "a", data: "1" },
      read("getChildren", "A", "a", true),
      watchRemoval("removeWatches", "A", "a", "data"),
      watchRemoval("removeWatches", "A", "a", "children"),
      { op: "create", s: "B", path: "a/c", data: "x" },
      read("getChildren", "A", "a", true),
      read("getData", "A", "a", true),
      watchRemoval("removeWatches", "A", "a", "any"),
      { op: "setData", s: "B", path: "a", data: "2" },
      { op: "create", s: "B", path: "a/d", data: "y" },
    ],
  },
  {
    name: "an exists watch on a missing node is a data watch to remove",
    ops: [
      read("exists", "A", "m", true),
      watchRemoval("removeWatches", "A", "m", "children"),
      watchRemoval("removeWatches", "A", "m", "data", true),
      { op: "create", s: "B", path: "m", data: "1" },
    ],
  },
  {
    name: "checkWatches leaves the server's watch: the event still arrives",
    ops: [
      { op: "create", s: "A", path: "a", data: "1" },
      read("getData", "A", "a", true),
      watchRemoval("checkWatches", "A", "a", "data"),
      { op: "setData", s: "B", path: "a", data: "2" },
      watchRemoval("checkWatches", "A", "a", "data"),
    ],
  },
  {
    name: "another session's watch is not this session's to check or remove",
    ops: [
      { op: "create", s: "A", path: "a", data: "1" },
      read("getData", "B", "a", true),
      watchRemoval("checkWatches", "A", "a", "data"),
      watchRemoval("removeWatches", "A", "a", "any"),
      { op: "setData", s: "A", path: "a", data: "2" },
    ],
  },
  {
    name: "whoAmI answers the connection's identities, digest users by name",
    ops: [
      { op: "whoAmI", s: "A" },
      { op: "addAuth", s: "A", user: "user1" },
      { op: "whoAmI", s: "A" },
      { op: "addAuth", s: "A", user: "user1" },
      { op: "addAuth", s: "A", user: "user2" },
      { op: "whoAmI", s: "A" },
      { op: "whoAmI", s: "B" },
    ],
  },
  {
    name: "multiRead answers each read on its own: data, children, NONODE, NOAUTH",
    ops: [
      { op: "create", s: "A", path: "a", data: "1" },
      { op: "create", s: "A", path: "a/c", data: null },
      { op: "addAuth", s: "A", user: "user1" },
      { op: "create", s: "A", path: "s", data: "secret", acl: "user1Only" },
      {
        op: "multiRead",
        s: "B",
        ops: [
          { op: "getData", path: "a" },
          { op: "getChildren", path: "a" },
          { op: "getData", path: "missing" },
          { op: "getData", path: "s" },
          { op: "getChildren", path: "s" },
          { op: "getData", path: "a/c" },
        ],
      },
      { op: "multiRead", s: "A", ops: [{ op: "getData", path: "s" }] },
      { op: "multiRead", s: "A", ops: [] },
    ],
  },
  {
    name: "null data reads back as null, empty data as empty",
    ops: [
      { op: "create", s: "A", path: "n", data: null },
      read("getData", "A", "n"),
      { op: "create", s: "A", path: "e", data: "" },
      read("getData", "B", "e"),
      { op: "setData", s: "B", path: "e", data: null },
      read("getData", "A", "e"),
      { op: "setData", s: "A", path: "n", data: "" },
      read("getData", "A", "n"),
    ],
  },
  {
    name: "a request over jute.maxbuffer closes the connection; one at the limit is served",
    ops: [
      { op: "create", s: "A", path: "a", data: "1" },
      { op: "sized", s: "A", write: "create", path: "big", packetLength: 0xfffff + 1 },
      read("exists", "A", "big"),
      { op: "sized", s: "A", write: "setData", path: "a", packetLength: 0xfffff + 1 },
      read("getData", "A", "a"),
      { op: "sized", s: "B", write: "setData", path: "a", packetLength: 0xfffff },
      read("exists", "B", "a"),
    ],
  },
  {
    name: "a reply over jute.maxbuffer is refused by the client",
    ops: [
      { op: "sized", s: "A", write: "create", path: "big", packetLength: 0xfffff },
      read("getData", "A", "big"),
      read("exists", "A", "big"),
      { op: "sized", s: "A", write: "setData", path: "big", packetLength: 0xfffff - 100 },
      read("getData", "B", "big"),
      { op: "sized", s: "A", write: "create", path: "half", packetLength: 600_000 },
      {
        op: "multiRead",
        s: "B",
        ops: [
          { op: "getData", path: "half" },
          { op: "getData", path: "half" },
        ],
      },
      read("exists", "B", "half"),
    ],
  },
];

const paths = ["a", "a/c"] as const;
const sessionArb = fc.constantFrom<SessionLabel>("A", "B");
const pathArb = fc.constantFrom(...paths);
const dataArb = fc.option(fc.constantFrom("", "1", "22"), { nil: null });

const populate: readonly CallOp[] = paths.map((path) => ({
  op: "create",
  s: "A",
  path,
  data: "0",
}));

/**
 * Random mixes of watches, their removal, writes that fire them, multiRead and whoAmI on two nodes
 * created first; watches, their removal and setData weigh three times the rest.
 */
export const callSequenceArb: fc.Arbitrary<CallOp[]> = fc
  .array(
    fc.oneof(
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant("create" as const),
          s: sessionArb,
          path: pathArb,
          data: dataArb,
        }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          op: fc.constant("setData" as const),
          s: sessionArb,
          path: pathArb,
          data: dataArb,
        }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          op: fc.constantFrom("getData" as const, "exists" as const, "getChildren" as const),
          s: sessionArb,
          path: pathArb,
          watch: fc.constantFrom(true, true, true, false),
        }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          op: fc.constantFrom("checkWatches" as const, "removeWatches" as const),
          s: sessionArb,
          path: pathArb,
          watcherType: fc.constantFrom<WatcherTypeName>("children", "data", "any"),
          local: fc.boolean(),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant("multiRead" as const),
          s: sessionArb,
          ops: fc.array(
            fc.record({
              op: fc.constantFrom("getData" as const, "getChildren" as const),
              path: pathArb,
            }),
            { maxLength: 3 },
          ),
        }),
      },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("whoAmI" as const), s: sessionArb }) },
    ),
    { minLength: 1, maxLength: 14 },
  )
  .map((ops) => [...populate, ...ops]);
