// How an explanation abbreviates (explain.ts): only the znodes an operation is about, each as its data,
// version, child version and children (`/k2 = "17" v5 cv1 [e0]`); calls as `setData /k2 "3"`; and two
// answers as the fields in which they differ, so a step reads on one line.

import type { Json } from "../../../sim/api/index.js";
import { type DataTree, nodeAt, parentOf } from "../data-tree/index.js";
import type { ZkCall } from "./zk-call.js";

const DATA_CHARS_MAX = 24;
const CHILDREN_SHOWN_MAX = 4;
const PATHS_MAX = 3;
const DIFFERENCES_MAX = 8;
/** Times come from the leader's clock, which no history carries: never compared (compare-values.ts). */
const TIME_FIELDS: ReadonlySet<string> = new Set(["ctime", "mtime"]);
/** Stat fields that hold a zxid or a session id. */
const HEX_FIELDS: ReadonlySet<string> = new Set(["czxid", "mzxid", "pzxid", "ephemeralOwner"]);

/** The paths a call names: a multi's sub-ops, and for a create or delete the parent it changes too. */
export function pathsOfCall(call: ZkCall): string[] {
  const paths: string[] = [];
  const add = (path: string) => {
    if (!paths.includes(path)) paths.push(path);
  };
  const named = (path: string, withParent: boolean) => {
    add(path);
    const parent = withParent ? parentOf(path) : undefined;
    if (parent !== undefined && parent !== "/") add(parent);
  };
  if (call.op === "multi") {
    for (const sub of call.ops) named(sub.path, sub.op === "create" || sub.op === "delete");
  } else if (call.op === "getEphemerals") {
    add(call.prefix === "" ? "/" : call.prefix);
  } else if (call.op === "multiRead") {
    for (const sub of call.ops) add(sub.path);
  } else if (call.op !== "closeSession" && call.op !== "whoAmI") {
    named(call.path, call.op === "create" || call.op === "delete");
  }
  return paths.slice(0, PATHS_MAX);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One znode in a few characters, or `absent`. */
export function znodeSummary(tree: DataTree, path: string): string {
  const node = nodeAt(tree, path);
  if (node === undefined) return `${path} absent`;
  const data = clip(JSON.stringify(node.data), DATA_CHARS_MAX);
  const owner = node.owner.kind === "session" ? ` eph(0x${node.owner.sessionId.toString(16)})` : "";
  const shown = node.children.slice(0, CHILDREN_SHOWN_MAX).join(",");
  const more = node.children.length > CHILDREN_SHOWN_MAX ? ",…" : "";
  const children = node.children.length === 0 ? "" : ` [${shown}${more}]`;
  return `${path} = ${data} v${node.version} cv${node.cversion}${owner}${children}`;
}

/** The state of `paths` in `tree`, one summary each, joined. */
export function treeSummary(tree: DataTree, paths: readonly string[]): string {
  return paths.map((path) => znodeSummary(tree, path)).join("; ");
}

/** `create /k0/e0 "28" ephemeral`, `setData /k2 "3"`, `multi [check /k1, delete /k1/m]`. */
export function describeCall(call: ZkCall): string {
  switch (call.op) {
    case "create": {
      const mode = call.mode === "persistent" ? "" : ` ${call.mode}`;
      return `create ${call.path} ${clip(JSON.stringify(call.data), DATA_CHARS_MAX)}${mode}`;
    }
    case "setData":
      return `setData ${call.path} ${clip(JSON.stringify(call.data), DATA_CHARS_MAX)}${versioned(call.version)}`;
    case "delete":
      return `delete ${call.path}${versioned(call.version)}`;
    case "multi":
      return `multi [${call.ops.map((sub) => `${sub.op} ${sub.path}`).join(", ")}]`;
    case "closeSession":
      return "closeSession";
    case "getEphemerals":
      return `getEphemerals ${call.prefix}`;
    case "whoAmI":
      return "whoAmI";
    case "multiRead":
      return `multiRead [${call.ops.map((sub) => `${sub.op} ${sub.path}`).join(", ")}]`;
    default:
      return `${call.op} ${call.path}`;
  }
}

function versioned(version: number): string {
  return version < 0 ? "" : ` if v${version}`;
}

/** Zxids in hex and session ids in hex, as ZooKeeper logs them; everything else as JSON. */
function fieldText(path: string, value: Json): string {
  const field = path.slice(path.lastIndexOf(".") + 1);
  if (typeof value === "number" && HEX_FIELDS.has(field)) return `0x${value.toString(16)}`;
  return JSON.stringify(value);
}

/**
 * Leaves of a JSON value by dotted path (`stat.version`), times left out, and so is any part equal to the
 * same part of `other`: it adds no difference, and a long child list would only be spelled out to match.
 */
function leaves(
  value: Json,
  other: Json | undefined,
  path: string,
  out: Map<string, string>,
): Map<string, string> {
  if (value === null || typeof value !== "object") {
    out.set(path, fieldText(path, value));
    return out;
  }
  if (other !== undefined && sameJson(value, other)) return out;
  const entries: [string, Json][] = Array.isArray(value)
    ? value.map((item: Json, i): [string, Json] => [String(i), item])
    : Object.entries(value as { readonly [key: string]: Json });
  const part = (key: string): Json | undefined => {
    if (other === null || typeof other !== "object") return undefined;
    return Array.isArray(other)
      ? other[Number(key)]
      : (other as { readonly [key: string]: Json })[key];
  };
  for (const [key, item] of entries) {
    if (TIME_FIELDS.has(key)) continue;
    leaves(item, part(key), path === "" ? key : `${path}.${key}`, out);
  }
  return out;
}

function sameJson(left: Json, right: Json): boolean {
  if (left === right) return true;
  if (left === null || right === null || typeof left !== "object" || typeof right !== "object")
    return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);
  if (leftKeys.length !== rightKeys.length) return false;
  const at = (value: object, key: string) => (value as { readonly [key: string]: Json })[key];
  return leftKeys.every(
    (key) => Object.hasOwn(right, key) && sameJson(at(left, key) ?? null, at(right, key) ?? null),
  );
}

/** `stat.version: 2, the replay says 5` for each field (up to a few) where the two answers differ. */
export function answerDifferences(returned: Json, expected: Json): string[] {
  const codeOf = (value: Json) => {
    const error = (value as { readonly error?: Json } | null)?.error;
    return typeof error === "string" ? error : "OK";
  };
  // An error against a success says it all; their fields would only list what one of them lacks.
  if (codeOf(returned) !== codeOf(expected))
    return [`returned ${codeOf(returned)}, the replay says ${codeOf(expected)}`];
  const got = leaves(returned, expected, "", new Map());
  const want = leaves(expected, returned, "", new Map());
  const fields = [...new Set([...want.keys(), ...got.keys()])];
  const differences = fields.flatMap((field) => {
    const a = got.get(field) ?? "(absent)";
    const b = want.get(field) ?? "(absent)";
    return a === b ? [] : [`${field || "(answer)"}: returned ${a}, the replay says ${b}`];
  });
  const more = differences.length - DIFFERENCES_MAX;
  return more > 0
    ? [...differences.slice(0, DIFFERENCES_MAX), `… ${more} more fields`]
    : differences;
}
