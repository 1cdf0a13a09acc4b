// Where a field sits in JSON text: the line of the value at a path (or of the deepest part of the path that
// exists), so a scenario file's error can say "line 12". A small scanner over already-valid JSON.

type PathKey = string | number;

interface Cursor {
  readonly text: string;
  at: number;
}

/** The 1-based line of the value at `path` in `text`, or of its deepest existing ancestor. */
export function lineOfPath(text: string, path: readonly PathKey[]): number {
  const cursor: Cursor = { text, at: 0 };
  skipSpace(cursor);
  let found = cursor.at;
  for (const key of path) {
    const next = childStart(cursor, key);
    if (next === null) break;
    cursor.at = next;
    found = next;
  }
  return lineAt(text, found);
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The offset of the child `key` of the container at the cursor, or null if there is none. */
function childStart(cursor: Cursor, key: PathKey): number | null {
  const open = cursor.text[cursor.at];
  if (open !== "{" && open !== "[") return null;
  cursor.at++;
  for (let index = 0; ; index++) {
    skipSpace(cursor);
    const ch = cursor.text[cursor.at];
    if (ch === "}" || ch === "]" || ch === undefined) return null;
    let name: PathKey = index;
    if (open === "{") {
      name = JSON.parse(cursor.text.slice(cursor.at, skipString(cursor))) as string;
      skipSpace(cursor);
      cursor.at++; // the colon
      skipSpace(cursor);
    }
    if (name === key) return cursor.at;
    skipValue(cursor);
    skipSpace(cursor);
    if (cursor.text[cursor.at] === ",") cursor.at++;
  }
}

function skipSpace(cursor: Cursor): void {
  while (/\s/.test(cursor.text[cursor.at] ?? "")) cursor.at++;
}

/** Moves past a string starting at the cursor; returns the offset after its closing quote. */
function skipString(cursor: Cursor): number {
  cursor.at++;
  while (cursor.at < cursor.text.length && cursor.text[cursor.at] !== '"') {
    cursor.at += cursor.text[cursor.at] === "\\" ? 2 : 1;
  }
  cursor.at++;
  return cursor.at;
}

function skipValue(cursor: Cursor): void {
  const ch = cursor.text[cursor.at];
  if (ch === '"') {
    skipString(cursor);
    return;
  }
  if (ch !== "{" && ch !== "[") {
    while (cursor.at < cursor.text.length && !/[,}\]\s]/.test(cursor.text[cursor.at] ?? "")) {
      cursor.at++;
    }
    return;
  }
  let depth = 0;
  while (cursor.at < cursor.text.length) {
    const c = cursor.text[cursor.at];
    if (c === '"') {
      skipString(cursor);
      continue;
    }
    if (c === "{" || c === "[") depth++;
    if (c === "}" || c === "]") depth--;
    cursor.at++;
    if (depth === 0) return;
  }
}
