// The detail view's diff: a node's state as `path: value` lines (one per leaf, arrays of scalars kept on one
// line), diffed against the node's previous step as a unified diff reads: a changed leaf is its old line
// (`-`) then its new one (`+`), an added leaf `+`, a removed one `-`; the changes first, in path order, then
// the unchanged lines for context.

export interface DiffLine {
  readonly mark: " " | "+" | "-";
  readonly text: string;
}

const MAX_VALUE = 160;

export function flattenState(value: unknown, path = "", out: Map<string, string> = new Map()) {
  if (value === null || typeof value !== "object" || isScalarArray(value)) {
    out.set(path === "" ? "(state)" : path, leafText(value));
    return out;
  }
  const entries = Array.isArray(value)
    ? value.map((item, i) => [String(i), item] as const)
    : Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) out.set(path, Array.isArray(value) ? "[]" : "{}");
  for (const [key, item] of entries) flattenState(item, path === "" ? key : `${path}.${key}`, out);
  return out;
}

function isScalarArray(value: object): boolean {
  return Array.isArray(value) && value.every((item) => item === null || typeof item !== "object");
}

function leafText(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** The changes from `previous` to `current` (old `-`, new `+`), then the unchanged lines. */
export function diffStates(previous: unknown, current: unknown): DiffLine[] {
  const before = previous === undefined ? new Map<string, string>() : flattenState(previous);
  const after = current === undefined ? new Map<string, string>() : flattenState(current);
  const changes: DiffLine[] = [];
  const unchanged: DiffLine[] = [];
  for (const [path, text] of after) {
    const old = before.get(path);
    if (old === text) {
      unchanged.push({ mark: " ", text: `${path}: ${text}` });
      continue;
    }
    if (old !== undefined) changes.push({ mark: "-", text: `${path}: ${old}` });
    changes.push({ mark: "+", text: `${path}: ${text}` });
  }
  for (const [path, text] of before) {
    if (!after.has(path)) changes.push({ mark: "-", text: `${path}: ${text}` });
  }
  return [...changes, ...unchanged];
}
