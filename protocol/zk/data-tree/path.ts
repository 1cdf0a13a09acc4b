// Znode paths: PathUtils.validatePath and the parent/child split the server uses (DataTree, PrepRequestProcessor).

export type PathCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: "BADARGUMENTS"; readonly reason: string };

/** `PathUtils.validatePath(path)`: the first rule broken, or ok. */
export function validatePath(path: string): PathCheck {
  if (path.length === 0) return bad("path length must be > 0");
  if (path.charAt(0) !== "/") return bad("path must start with / character");
  if (path.length === 1) return { ok: true };
  if (path.charAt(path.length - 1) === "/") return bad("path must not end with / character");
  let previous = "/";
  for (let index = 1; index < path.length; index++) {
    const c = path.charAt(index);
    const code = path.charCodeAt(index);
    if (code === 0) return bad(`null character not allowed @${index}`);
    if (c === "/" && previous === "/") return bad(`empty node name specified @${index}`);
    if (c === "." && previous === "." && isComponentEnd(path, index, 2)) {
      return bad(`relative paths not allowed @${index}`);
    }
    if (c === "." && previous === "/" && isComponentEnd(path, index, 1)) {
      return bad(`relative paths not allowed @${index}`);
    }
    if (isForbiddenChar(code)) return bad(`invalid character @${index}`);
    previous = c;
  }
  return { ok: true };
}

/** A sequential create validates `path + "1"`, so it may end with '/' (`validatePath(path, true)`). */
export function validateCreatePath(path: string, isSequential: boolean): PathCheck {
  return validatePath(isSequential ? `${path}1` : path);
}

/** True when the dot at `index` closes a component of `dots` dots: "." or "..". */
function isComponentEnd(path: string, index: number, dots: number): boolean {
  const startsComponent = index - dots < 0 || path.charAt(index - dots) === "/";
  const endsComponent = index + 1 === path.length || path.charAt(index + 1) === "/";
  return startsComponent && endsComponent;
}

function isForbiddenChar(code: number): boolean {
  return (
    (code > 0x0000 && code <= 0x001f) ||
    (code >= 0x007f && code <= 0x009f) ||
    (code >= 0xd800 && code <= 0xf8ff) ||
    (code >= 0xfff0 && code <= 0xffff)
  );
}

function bad(reason: string): PathCheck {
  return { ok: false, code: "BADARGUMENTS", reason };
}

/** Parent path as the tree stores it: "/a" -> "/", "/a/b" -> "/a". Undefined for "/" and paths without '/'. */
export function parentOf(path: string): string | undefined {
  const lastSlash = path.lastIndexOf("/");
  if (lastSlash === -1 || path === "/") return undefined;
  // The server's root is the empty string; the tree stores it as "/" only.
  return lastSlash === 0 ? "/" : path.slice(0, lastSlash);
}

/** The last component: "/a/b" -> "b". */
export function childNameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** "/" + name or parent + "/" + name. */
export function joinPath(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}

export const specialPaths = ["/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"] as const;

/** `DataTree.isSpecialPath`: these can never be deleted (BADARGUMENTS). */
export function isSpecialPath(path: string): boolean {
  return (specialPaths as readonly string[]).includes(path);
}
