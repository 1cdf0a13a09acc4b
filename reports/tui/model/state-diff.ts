// The detail view's diff: a node's state as `path: value` lines (one per leaf, arrays of scalars kept on one
// line), marked `+` when added or changed since the node's previous step and `-` when removed.

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

/** Lines of `current`, changed ones marked, then the removed lines of `previous`. */
export function diffStates(previous: unknown, current: unknown): DiffLine[] {
  const before = previous === undefined ? new Map<string, string>() : flattenState(previous);
  const after = current === undefined ? new Map<string, string>() : flattenState(current);
  const lines: DiffLine[] = [];
  for (const [path, text] of after) {
    lines.push({ mark: before.get(path) === text ? " " : "+", text: `${path}: ${text}` });
  }
  for (const [path, text] of before) {
    if (!after.has(path)) lines.push({ mark: "-", text: `${path}: ${text}` });
  }
  return lines;
}
