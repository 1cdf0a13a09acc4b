// The client-side compositions of node-zookeeper-client 1.1.3: mkdirp (create each component, skipping
// NODE_EXISTS), listSubTreeBFS and removeRecursive, each a series of ordinary requests.
import assert from "node:assert";
import { isCallback } from "./attempt.js";
import { checkCreateArguments, createArguments } from "./create-arguments.js";
import { Exception } from "./exception.js";
import { type Context, create, getChildren, remove } from "./operations.js";
import { validatePath } from "./path.js";

/** async.eachSeries: one step at a time; the first error ends the series. */
function eachSeries<T>(
  items: readonly T[],
  step: (item: T, next: (error: unknown) => void) => void,
  done: (error: unknown) => void,
): void {
  const run = (index: number): void => {
    const item = items[index];
    if (index >= items.length || item === undefined) {
      done(null);
      return;
    }
    step(item, (error) => (error ? done(error) : run(index + 1)));
  };
  run(0);
}

function isException(error: unknown, code: number): boolean {
  return error instanceof Exception && error.getCode() === code;
}

export function mkdirp(context: Context, path: unknown, optional: readonly unknown[]): void {
  validatePath(path);
  const args = createArguments(optional);
  const callback = checkCreateArguments(args);
  let currentPath = "";
  const nodes = path.split("/").slice(1);
  const step = (node: string, next: (error: unknown) => void): void => {
    currentPath = `${currentPath}/${node}`;
    const sameArgs = [args.data, args.acls, args.mode];
    create(context, currentPath, [
      ...sameArgs,
      (error: unknown) => next(isException(error, Exception.NODE_EXISTS) ? null : error),
    ]);
  };
  eachSeries(nodes, step, (error) => callback(error, currentPath));
}

/**
 * The library lists with async.reduce over an array it grows while iterating, but async fixes the length
 * when it starts: only the path and its direct children are listed. Kept, so removeRecursive on a deeper
 * tree ends NOT_EMPTY as it does there.
 */
export function listSubTreeBFS(context: Context, path: unknown, callback: unknown): void {
  validatePath(path);
  assert(isCallback(callback), "callback must be a function.");
  const tree = [path];
  getChildren(context, path, (error: unknown, children: unknown) => {
    if (error) {
      callback(error, undefined);
      return;
    }
    if (Array.isArray(children)) {
      for (const child of children) tree.push(path === "/" ? `/${child}` : `${path}/${child}`);
    }
    callback(null, tree);
  });
}

export function removeRecursive(context: Context, path: unknown, ...rest: unknown[]): void {
  const [version, callback] = rest[1] ? [rest[0], rest[1]] : [-1, rest[0]];
  validatePath(path);
  assert(isCallback(callback), "callback must be a function.");
  assert(typeof version === "number", "version must be a number.");
  listSubTreeBFS(context, path, (error: unknown, paths: unknown) => {
    if (error) {
      callback(error);
      return;
    }
    const ordered = Array.isArray(paths)
      ? paths.filter((p) => typeof p === "string").reverse()
      : [];
    const step = (nodePath: string, next: (error: unknown) => void): void =>
      remove(context, nodePath, version, (err: unknown) =>
        next(isException(err, Exception.NO_NODE) ? null : err),
      );
    eachSeries(ordered, step, (err) => (err ? callback(err) : callback(null)));
  });
}
