// The request methods of node-zookeeper-client 1.1.3's Client (index.js), over zabsim's client calls:
// the library's argument handling and synchronous asserts, then one driver call per attempt, and the
// answer in the library's callback shape.
import assert from "node:assert";
import type { Json } from "../../sim/api/index.js";
import { aclEntryOf, aclOfEntry } from "./acl.js";
import { attempt, type Callback, isCallback, type Next } from "./attempt.js";
import type { Connection } from "./connection.js";
import { assertDataSize, checkCreateArguments, createArguments } from "./create-arguments.js";
import { modeOfFlags } from "./create-mode.js";
import { Exception } from "./exception.js";
import { type Fields, isList, stringOf } from "./json-fields.js";
import { validatePath } from "./path.js";
import { type Reply, replyOf } from "./reply.js";
import { statOf } from "./stat.js";

export type Context = { readonly connection: Connection; readonly retries: unknown };

/** Each attempt is one driver call; `onReply` turns its reply into the attempt's end. */
function request(
  context: Context,
  f: string,
  value: Json,
  onReply: (reply: Reply, next: Next) => void,
  callback: Callback,
): void {
  attempt(
    context.retries,
    (next) => context.connection.queue(f, value, (outcome) => onReply(replyOf(outcome), next)),
    callback,
    () => context.connection.getSessionTimeout(),
  );
}

/**
 * Data as zabsim stores it: a Buffer as a latin1 string (one char per byte, lossless); no Buffer is null
 * data, which the library's jute writes as length -1.
 */
export function dataField(data: Buffer | null | undefined): Fields {
  return { data: Buffer.isBuffer(data) ? data.toString("latin1") : null };
}

/** `(path, [version], callback)`: the library takes the version as the callback when none follows. */
function optionalVersion(version: unknown, callback: unknown): [unknown, unknown] {
  return callback ? [version, callback] : [-1, version];
}

/** `(path, [watcher], callback)`, likewise. */
function optionalWatcher(watcher: unknown, callback: unknown): [unknown, unknown] {
  return callback ? [watcher, callback] : [undefined, watcher];
}

function assertCallback(callback: unknown): asserts callback is Callback {
  assert(isCallback(callback), "callback must be a function.");
}

export function create(context: Context, path: unknown, optional: readonly unknown[]): void {
  validatePath(path);
  const args = createArguments(optional);
  const callback = checkCreateArguments(args);
  const value = {
    path: context.connection.sent(path),
    acl: args.acls.map(aclEntryOf),
    mode: modeOfFlags(args.mode),
    ...dataField(args.data),
  };
  request(
    context,
    "create",
    value,
    (reply, next) => {
      if (reply.error !== null) next([reply.error]);
      else next([null, context.connection.received(stringOf(reply.value.path, "path"))]);
    },
    callback,
  );
}

export function remove(context: Context, path: unknown, ...rest: unknown[]): void {
  const [version, callback] = optionalVersion(rest[0], rest[1]);
  validatePath(path);
  assertCallback(callback);
  assert(typeof version === "number", "version must be a number.");
  const value = { path: context.connection.sent(path), version };
  request(context, "delete", value, (reply, next) => next([reply.error]), callback);
}

export function setData(context: Context, path: unknown, data: unknown, ...rest: unknown[]): void {
  const [version, callback] = optionalVersion(rest[0], rest[1]);
  validatePath(path);
  assertCallback(callback);
  assert(typeof version === "number", "version must be a number.");
  assertDataSize(data);
  // The library copies the data with Buffer.alloc(data.length), which throws for null and undefined.
  if (!Buffer.isBuffer(data)) {
    throw new TypeError(`Cannot read properties of ${data} (reading 'length')`);
  }
  const value = { path: context.connection.sent(path), ...dataField(data), version };
  request(context, "setData", value, (reply, next) => statReply(reply, next), callback);
}

function statReply(reply: Reply, next: Next): void {
  if (reply.error !== null) next([reply.error]);
  else next([null, statOf(reply.value.stat)]);
}

export function setACL(context: Context, path: unknown, acls: unknown, ...rest: unknown[]): void {
  const [version, callback] = optionalVersion(rest[0], rest[1]);
  validatePath(path);
  assertCallback(callback);
  assert(Array.isArray(acls) && acls.length > 0, "acls must be a non-empty array.");
  assert(typeof version === "number", "version must be a number.");
  const value = { path: context.connection.sent(path), acl: acls.map(aclEntryOf), version };
  request(context, "setACL", value, (reply, next) => statReply(reply, next), callback);
}

export function getACL(context: Context, path: unknown, callback: unknown): void {
  validatePath(path);
  assertCallback(callback);
  const onReply = (reply: Reply, next: Next): void => {
    if (reply.error !== null) {
      next([reply.error]);
      return;
    }
    const acl = reply.value.acl;
    next([null, isList(acl) ? acl.map(aclOfEntry) : undefined, statOf(reply.value.stat)]);
  };
  request(context, "getACL", { path: context.connection.sent(path) }, onReply, callback);
}

/** A watch is asked for when the watcher is a function; it is registered only after a good answer. */
function watchRequest(context: Context, path: string, watcher: unknown): Json {
  return { path: context.connection.sent(path), watch: typeof watcher === "function" };
}

export function getData(context: Context, path: unknown, ...rest: unknown[]): void {
  const [watcher, callback] = optionalWatcher(rest[0], rest[1]);
  validatePath(path);
  assertCallback(callback);
  const onReply = (reply: Reply, next: Next): void => {
    if (reply.error !== null) {
      next([reply.error]);
      return;
    }
    if (watcher) context.connection.watchers.register("data", path, watcher);
    // The library's jute reads a buffer of length -1 (null data) as undefined.
    const raw = reply.value.data;
    const data = raw === null ? undefined : Buffer.from(stringOf(raw, "data"), "latin1");
    next([null, data, statOf(reply.value.stat)]);
  };
  request(context, "getData", watchRequest(context, path, watcher), onReply, callback);
}

/** NONODE is an answer here: stat null, and the watcher waits for the node's creation. */
export function exists(context: Context, path: unknown, ...rest: unknown[]): void {
  const [watcher, callback] = optionalWatcher(rest[0], rest[1]);
  validatePath(path);
  assertCallback(callback);
  const onReply = (reply: Reply, next: Next): void => {
    if (reply.error !== null && reply.error.getCode() !== Exception.NO_NODE) {
      next([reply.error]);
      return;
    }
    const existence = reply.error === null;
    if (watcher) {
      context.connection.watchers.register(existence ? "data" : "existence", path, watcher);
    }
    next([null, existence ? statOf(reply.value.stat) : null]);
  };
  request(context, "exists", watchRequest(context, path, watcher), onReply, callback);
}

export function getChildren(context: Context, path: unknown, ...rest: unknown[]): void {
  const [watcher, callback] = optionalWatcher(rest[0], rest[1]);
  validatePath(path);
  assertCallback(callback);
  const onReply = (reply: Reply, next: Next): void => {
    if (reply.error !== null) {
      next([reply.error]);
      return;
    }
    if (watcher) context.connection.watchers.register("child", path, watcher);
    const children = reply.value.children;
    const names = isList(children) ? children.map((name) => stringOf(name, "child")) : [];
    next([null, names, statOf(reply.value.stat)]);
  };
  request(context, "getChildren", watchRequest(context, path, watcher), onReply, callback);
}
