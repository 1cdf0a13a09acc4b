// The znode tree as a sequential specification for the generic linearizability engine (sim/check): every
// operation, reads included, acts on one tree at one instant. It satisfies sim/check's `Model` interface
// structurally (protocol/ may not import sim/check); its footprints (znode-footprints.ts) let the engine
// check each znode's operations apart. Right for a `linearizable-reads` history; a default
// ZooKeeper history fails it whenever a follower serves a stale read (DESIGN.md checkers §2).

import { assertNever, type Json } from "../../../sim/api/index.js";
import { decodeCall } from "../client/index.js";
import {
  applyTxn,
  type DataTree,
  emptyTree,
  prepareWrite,
  type ZNode,
} from "../data-tree/index.js";
import { sameValue } from "./compare-values.js";
import { readValue, writeValue } from "./expected-value.js";
import { describeCall } from "./explain-format.js";
import { answerText } from "./violation.js";
import { isTreeRead, isWrite, type ZkCall } from "./zk-call.js";
import { znodeFootprints } from "./znode-footprints.js";

/** One operation as the model reads it; a process stands for its session (session id = process + 1). */
export type ZnodeInput = { readonly call: ZkCall; readonly sessionId: number };

/** What the engine hands `parse`: the fields of sim/history's Operation this model reads. */
export type LinearOperation = {
  readonly process: number;
  readonly f: string;
  readonly input: Json;
  readonly output: Json | undefined;
};

export type ZnodeOp = {
  readonly input: ZnodeInput;
  readonly output: Json | undefined;
  readonly kind: "inert" | "read" | "update";
};

/** Thrown by `parse`; bin/ turns it into sim/check's ModelInputError, which names file and line. */
export class ZnodeInputError extends Error {
  readonly code = "ZNODE_INPUT" as const;
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = "ZnodeInputError";
    this.field = field;
  }
}

/**
 * Zxids are not part of a sequential model: the ZooKeeper ones count error txns and session txns the
 * history does not show. Every txn is applied with zxid 1, and answers are compared without zxid fields,
 * times, and session ids (an ephemeral owner is compared as "has one").
 */
const MODEL_ZXID = 1;

function parseZnodeOp(operation: LinearOperation): ZnodeOp {
  const decoded = decodeCall(operation.f, operation.input);
  if (!decoded.ok)
    throw new ZnodeInputError("value", `cannot read ${operation.f}: ${decoded.reason}`);
  const call: ZkCall | undefined =
    decoded.value.call === "close"
      ? { op: "closeSession" }
      : decoded.value.call === "op"
        ? decoded.value.op
        : undefined;
  if (call === undefined) throw new ZnodeInputError("f", `${operation.f} is not a znode operation`);
  const input = { call, sessionId: operation.process + 1 };
  const { output } = operation;
  if (isWrite(call)) return { input, output, kind: "update" };
  if (!isTreeRead(call) || output === undefined) return { input, output: undefined, kind: "inert" };
  return { input, output, kind: "read" };
}

function sessionErrorIn(output: Json | undefined): "SESSIONEXPIRED" | "SESSIONMOVED" | undefined {
  if (typeof output !== "object" || output === null || !("error" in output)) return undefined;
  const error = (output as { readonly [key: string]: Json }).error;
  return error === "SESSIONEXPIRED" || error === "SESSIONMOVED" ? error : undefined;
}

function stepZnode(
  state: DataTree,
  input: ZnodeInput,
  output: Json | undefined,
): readonly DataTree[] {
  const { call, sessionId } = input;
  if (isWrite(call)) {
    const sessionError = sessionErrorIn(output);
    const context = {
      sessionId,
      auth: [],
      zxid: MODEL_ZXID,
      timeMs: 0,
      extendedTypesEnabled: true,
      ...(sessionError === undefined ? {} : { sessionError }),
    };
    const applied = applyTxn(state, prepareWrite(state, [], call, context).record);
    if (output === undefined) return [applied.tree];
    const expected = writeValue(applied.result);
    return matches(expected, output) ? [applied.tree] : [];
  }
  if (!isTreeRead(call) || output === undefined) return [state];
  return matches(readValue(state, call, sessionId), output) ? [state] : [];
}

function matches(expected: Json, got: Json): boolean {
  return sameValue(expected, got, "order-only");
}

function ownerText(node: ZNode): string {
  switch (node.owner.kind) {
    case "none":
    case "container":
      return node.owner.kind;
    case "session":
      return `s${node.owner.sessionId}`;
    case "ttl":
      return `ttl${node.owner.ttlMs}`;
    default:
      return assertNever(node.owner, "node owner");
  }
}

function stateKeyOf(state: DataTree): string {
  const paths = [...state.nodes.keys()].sort();
  return paths
    .map((path) => {
      const node = state.nodes.get(path);
      if (node === undefined) return path;
      const acl = JSON.stringify(node.acl);
      const stat = `${node.version},${node.cversion},${node.aversion},${ownerText(node)}`;
      return `${JSON.stringify(path)}=${JSON.stringify(node.data)}|${stat}|${acl}`;
    })
    .join("\n");
}

/** The user's nodes (not /zookeeper) with their data: `{"/a": "x", "/a/b": ""}`. */
function describeTree(state: DataTree): string {
  const shown: string[] = [];
  for (const path of [...state.nodes.keys()].sort()) {
    if (path === "/" || path === "/zookeeper" || path.startsWith("/zookeeper/")) continue;
    shown.push(`${JSON.stringify(path)}: ${JSON.stringify(state.nodes.get(path)?.data ?? "")}`);
  }
  return `{${shown.join(", ")}}`;
}

/** `getData /k0 -> "4000017"`, `setData /k0 "3000016" -> ok`: the call and a short answer, no Stat. */
function describeZnodeOp(input: ZnodeInput, output: Json | undefined): string {
  return `${describeCall(input.call)} -> ${output === undefined ? "?" : answerText(output)}`;
}

export const znodeTreeModel = {
  name: "znode-tree",
  description:
    "The ZooKeeper data tree: create, delete, setData, setACL, multi, close, exists, getData, " +
    "getChildren, ... with their answers and error codes (stat zxids, times and session ids ignored).",
  create: () => ({
    name: "znode-tree",
    initialState: (_key: Json | undefined): DataTree => emptyTree(),
    parse: parseZnodeOp,
    step: stepZnode,
    stateKey: stateKeyOf,
    describeState: describeTree,
    describeOp: describeZnodeOp,
    footprints: znodeFootprints,
  }),
} as const;
