// The argument shuffling of create, mkdirp and Transaction#create in node-zookeeper-client 1.1.3: each
// optional argument is taken by its type (array: acls, number: mode, Buffer: data, function: callback),
// then checked with the library's asserts.
import assert from "node:assert";
import { ACL } from "./acl.js";
import { type Callback, isCallback } from "./attempt.js";
import { createModes } from "./create-mode.js";

/** The library's DATA_SIZE_LIMIT: 1 MiB. */
export const DATA_SIZE_LIMIT = 1048576;

export type CreateArguments = {
  readonly data: Buffer | undefined;
  readonly acls: readonly unknown[];
  readonly mode: number;
  readonly callback: unknown;
};

export function assertDataSize(data: unknown): void {
  assert(
    data === null || data === undefined || Buffer.isBuffer(data),
    "data must be a valid buffer, null or undefined.",
  );
  if (Buffer.isBuffer(data)) {
    assert(
      data.length <= DATA_SIZE_LIMIT,
      `data must be equal of smaller than ${DATA_SIZE_LIMIT} bytes.`,
    );
  }
}

export function createArguments(optional: readonly unknown[]): CreateArguments {
  let data: Buffer | undefined;
  let acls: readonly unknown[] | undefined;
  let mode: number | undefined;
  let callback: unknown;
  for (const arg of optional) {
    if (Array.isArray(arg)) acls = arg;
    else if (typeof arg === "number") mode = arg;
    else if (Buffer.isBuffer(arg)) data = arg;
    else if (typeof arg === "function") callback = arg;
  }
  return {
    data,
    acls: acls ?? ACL.OPEN_ACL_UNSAFE,
    mode: mode ?? createModes.PERSISTENT,
    callback,
  };
}

/** create's and mkdirp's asserts, in the library's order (Transaction#create has no size check). */
export function checkCreateArguments(args: CreateArguments): Callback {
  const callback = args.callback;
  assert(isCallback(callback), "callback must be a function.");
  assertDataSize(args.data);
  assert(args.acls.length > 0, "acls must be a non-empty array.");
  return callback;
}
