// Output paths are checked before any work starts (a sweep must not run for an hour and then fail to write
// its JUnit file): a missing parent, a file where a folder is wanted, a folder where a file is wanted, or a
// name too long is a usage error naming the flag and the path (exit 2).
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { UsageError } from "./cli-io.js";

/** Linux's NAME_MAX and PATH_MAX (less the terminating byte). */
const NAME_MAX_BYTES = 255;
const PATH_MAX_BYTES = 4095;

type Kind = "file" | "directory" | "missing" | "other";

function kindOf(path: string): Kind {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? "directory" : stat.isFile() ? "file" : "other";
  } catch {
    return "missing";
  }
}

function checkLength(path: string, flag: string): void {
  if (path === "") throw new UsageError(`${flag} needs a path`);
  if (Buffer.byteLength(resolve(path)) > PATH_MAX_BYTES)
    throw new UsageError(`${flag} ${path}: the path is too long (at most ${PATH_MAX_BYTES} bytes)`);
  for (const part of resolve(path).split(sep)) {
    if (Buffer.byteLength(part) > NAME_MAX_BYTES)
      throw new UsageError(
        `${flag} ${path}: the name '${part.slice(0, 40)}...' is too long (at most ${NAME_MAX_BYTES} bytes)`,
      );
  }
}

function checkWritableFolder(folder: string, flag: string, path: string): void {
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "not writable";
    throw new UsageError(`${flag} ${path}: cannot write in the folder ${folder} (${code})`);
  }
}

/** FILE will be written (replaced if it is a file): its folder must exist, and it must not be a folder. */
export function checkOutputFile(file: string, flag: string): void {
  checkLength(file, flag);
  const kind = kindOf(file);
  if (kind === "directory")
    throw new UsageError(`${flag} ${file}: is a folder; give the name of a file to write`);
  if (kind === "other") throw new UsageError(`${flag} ${file}: is not a regular file`);
  const folder = dirname(resolve(file));
  const folderKind = kindOf(folder);
  if (folderKind === "missing")
    throw new UsageError(`${flag} ${file}: the folder ${folder} does not exist`);
  if (folderKind !== "directory")
    throw new UsageError(`${flag} ${file}: ${folder} is not a folder`);
  checkWritableFolder(folder, flag, file);
}

/** DIR will hold output (created with its parents if missing): it must be a folder, or creatable as one. */
export function checkOutputDir(dir: string, flag: string): void {
  checkLength(dir, flag);
  let path = resolve(dir);
  for (;;) {
    const kind = kindOf(path);
    if (kind === "directory") {
      checkWritableFolder(path, flag, dir);
      return;
    }
    if (kind !== "missing")
      throw new UsageError(
        `${flag} ${dir}: ${path === resolve(dir) ? "is a file" : `${path} is a file`}; a folder is needed`,
      );
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}
