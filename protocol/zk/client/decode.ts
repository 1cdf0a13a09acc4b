// A workload request (Jepsen `f` and `value`) as a typed client call. What the Java client rejects before
// sending (IllegalArgumentException: bad path, unknown mode) is BADARGUMENTS here, and never sent.

import type { Json } from "../../../sim/api/index.js";
import type { Acl } from "../acl/index.js";
import { OPEN_ACL_UNSAFE } from "../acl/index.js";
import {
  type CreateMode,
  type CreateRequest,
  createModes,
  isSequentialMode,
  type MultiOp,
  validateCreatePath,
  validatePath,
  type ZnodeData,
} from "../data-tree/index.js";
import { watcherTypes } from "../watches/index.js";
import {
  type ApplicationOp,
  type MultiReadSubOp,
  type PersistentWatchMode,
  persistentWatchModes,
} from "../wire/index.js";

/**
 * A call on the handle: an operation for the server, addAuth, or close. `local` (checkWatches and
 * removeWatches only) removes the watches on the client even when the server answers an error.
 */
export type ClientCall =
  | {
      readonly call: "op";
      readonly op: ApplicationOp;
      readonly local?: true;
      /** An empty multi goes to the server (node-zookeeper-client's Transaction.commit sends it). */
      readonly sendEmpty?: true;
    }
  | { readonly call: "addAuth"; readonly scheme: string; readonly credential: string }
  | { readonly call: "close" };

export type Decoded =
  | { readonly ok: true; readonly value: ClientCall }
  | { readonly ok: false; readonly reason: string };

type Fields = { readonly [key: string]: Json };

class BadArgument extends Error {}

function fieldsOf(value: Json): Fields {
  if (value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new BadArgument("value must be an object");
  return value as Fields;
}

function str(fields: Fields, key: string, fallback?: string): string {
  const value = fields[key] ?? fallback;
  if (typeof value !== "string") throw new BadArgument(`${key} must be a string`);
  return value;
}

function int(fields: Fields, key: string, fallback?: number): number {
  const value = fields[key] ?? fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new BadArgument(`${key} must be an integer`);
  }
  return value;
}

function bool(fields: Fields, key: string): boolean {
  const value = fields[key] ?? false;
  if (typeof value !== "boolean") throw new BadArgument(`${key} must be a boolean`);
  return value;
}

function oneOf<T extends string>(
  fields: Fields,
  key: string,
  options: readonly T[],
  fallback: T,
): T {
  const value = str(fields, key, fallback);
  const found = options.find((option) => option === value);
  if (found === undefined) throw new BadArgument(`${key} must be one of ${options.join(", ")}`);
  return found;
}

function path(fields: Fields, key = "path"): string {
  const value = str(fields, key);
  const check = validatePath(value);
  if (!check.ok) throw new BadArgument(`${key}: ${check.reason}`);
  return value;
}

/** Data: a string, or null for a node with null data (the Java client's `null` byte[]); absent is "". */
function data(fields: Fields): ZnodeData {
  return fields.data === null ? null : str(fields, "data", "");
}

function aclList(fields: Fields): readonly Acl[] {
  const value = fields.acl;
  if (value === undefined) return OPEN_ACL_UNSAFE;
  if (!Array.isArray(value)) throw new BadArgument("acl must be a list");
  return value.map((entry: Json) => {
    const acl = fieldsOf(entry);
    return { perms: int(acl, "perms"), scheme: str(acl, "scheme"), id: str(acl, "id") };
  });
}

function create(fields: Fields): CreateRequest {
  const mode: CreateMode = oneOf(fields, "mode", createModes, "persistent");
  const target = str(fields, "path");
  const check = validateCreatePath(target, isSequentialMode(mode));
  if (!check.ok) throw new BadArgument(`path: ${check.reason}`);
  const base = {
    op: "create",
    path: target,
    data: data(fields),
    acl: aclList(fields),
    mode,
  } as const;
  return fields.ttlMs === undefined ? base : { ...base, ttlMs: int(fields, "ttlMs") };
}

function multiOp(entry: Json): MultiOp {
  const fields = fieldsOf(entry);
  const op = str(fields, "op");
  if (op === "create") return create(fields);
  if (op === "delete") return { op, path: path(fields), version: int(fields, "version", -1) };
  if (op === "check") return { op, path: path(fields), version: int(fields, "version", -1) };
  if (op === "setData") {
    return {
      op,
      path: path(fields),
      data: data(fields),
      version: int(fields, "version", -1),
    };
  }
  throw new BadArgument(`multi cannot hold ${op}`);
}

function watchOp(op: "exists" | "getData" | "getChildren", fields: Fields): ApplicationOp {
  return { op, path: path(fields), watch: bool(fields, "watch") };
}

function decodeOp(f: string, fields: Fields): ClientCall {
  switch (f) {
    case "create":
      return { call: "op", op: create(fields) };
    case "delete":
    case "setData":
    case "check":
      return { call: "op", op: asWrite(multiOp({ ...fields, op: f })) };
    case "setACL":
      return {
        call: "op",
        op: {
          op: f,
          path: path(fields),
          acl: aclList(fields),
          version: int(fields, "version", -1),
        },
      };
    case "multi": {
      const ops = fields.ops;
      if (!Array.isArray(ops)) throw new BadArgument("ops must be a list");
      const op = { op: f, ops: ops.map(multiOp) } as const;
      return bool(fields, "sendEmpty") ? { call: "op", op, sendEmpty: true } : { call: "op", op };
    }
    case "exists":
    case "getData":
    case "getChildren":
      return { call: "op", op: watchOp(f, fields) };
    case "getAllChildrenNumber":
    case "getACL":
    case "sync":
      return { call: "op", op: { op: f, path: path(fields) } };
    case "getEphemerals":
      return { call: "op", op: { op: f, prefix: str(fields, "prefix", "/") } };
    case "addWatch": {
      const mode: PersistentWatchMode = oneOf(fields, "mode", persistentWatchModes, "persistent");
      return { call: "op", op: { op: f, path: path(fields), mode } };
    }
    case "checkWatches":
    case "removeWatches":
      return watchRemoval(f, fields);
    case "whoAmI":
      return { call: "op", op: { op: f } };
    case "multiRead": {
      const ops = fields.ops;
      if (!Array.isArray(ops)) throw new BadArgument("ops must be a list");
      return { call: "op", op: { op: f, ops: ops.map(multiReadOp) } };
    }
    case "addAuth":
      return {
        call: "addAuth",
        scheme: str(fields, "scheme"),
        credential: str(fields, "credential", ""),
      };
    case "close":
      return { call: "close" };
    default:
      throw new BadArgument(`unknown operation ${f}`);
  }
}

/** ZooKeeper.removeWatches / removeAllWatches: the path is validated as any other (PathUtils). */
function watchRemoval(f: "checkWatches" | "removeWatches", fields: Fields): ClientCall {
  const op = {
    op: f,
    path: path(fields),
    watcherType: oneOf(fields, "watcherType", watcherTypes, "any"),
  };
  return bool(fields, "local") ? { call: "op", op, local: true } : { call: "op", op };
}

/** Op.getData / Op.getChildren; a multiRead holds nothing else (the Java client refuses other ops). */
function multiReadOp(entry: Json): MultiReadSubOp {
  const fields = fieldsOf(entry);
  const op = str(fields, "op");
  if (op !== "getData" && op !== "getChildren")
    throw new BadArgument(`multiRead cannot hold ${op}`);
  return { op, path: path(fields) };
}

/** check is only valid inside a multi; alone it is BADARGUMENTS as the Java API has no such call. */
function asWrite(op: MultiOp): ApplicationOp {
  if (op.op === "check") throw new BadArgument("check is only allowed inside multi");
  return op;
}

export function decodeCall(f: string, value: Json): Decoded {
  try {
    return { ok: true, value: decodeOp(f, fieldsOf(value)) };
  } catch (error) {
    if (error instanceof BadArgument) return { ok: false, reason: error.message };
    throw error;
  }
}
