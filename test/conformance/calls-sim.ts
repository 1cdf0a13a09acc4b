// Runs CallOps on the simulated service (sim-driver.ts's SimService: zkServer nodes on ZAB, zkClient
// nodes) and reduces the answers to the same CallOutcome as calls-real.ts.

import type { Json } from "../../sim/api/index.js";
import { type CallOp, type CallOutcome, callAcl, passwords, sizedDataLength } from "./calls-ops.js";
import { absolute } from "./ops.js";
import type { SimService } from "./sim-driver.js";

type Fields = { readonly [key: string]: Json };

function requestOf(op: CallOp, root: string): { readonly f: string; readonly value: Json } {
  const path = "path" in op ? absolute(root, op.path) : root;
  const acl = (choice?: "open" | "user1Only"): Json =>
    callAcl(choice).map((entry) => ({ perms: entry.perms, scheme: entry.scheme, id: entry.id }));
  switch (op.op) {
    case "create":
      return { f: "create", value: { path, data: op.data, acl: acl(op.acl), mode: "persistent" } };
    case "setData":
      return { f: "setData", value: { path, data: op.data, version: -1 } };
    case "sized": {
      const data = "x".repeat(sizedDataLength(op, path));
      return op.write === "create"
        ? { f: "create", value: { path, data, acl: acl(), mode: "persistent" } }
        : { f: "setData", value: { path, data, version: -1 } };
    }
    case "getData":
    case "exists":
    case "getChildren":
      return { f: op.op, value: { path, watch: op.watch } };
    case "checkWatches":
    case "removeWatches":
      return { f: op.op, value: { path, watcherType: op.watcherType, local: op.local } };
    case "whoAmI":
      return { f: "whoAmI", value: null };
    case "addAuth":
      return {
        f: "addAuth",
        value: { scheme: "digest", credential: `${op.user}:${passwords[op.user]}` },
      };
    case "multiRead":
      return {
        f: "multiRead",
        value: { ops: op.ops.map((sub) => ({ op: sub.op, path: absolute(root, sub.path) })) },
      };
  }
}

export function runSimCall(service: SimService, op: CallOp, root: string): CallOutcome {
  const { f, value } = requestOf(op, root);
  const done = service.call(op.s, f, value);
  const fields = (done.value ?? {}) as Fields;
  if (done.type !== "ok") return { ok: false, code: String(fields.error) };
  if (typeof fields.error === "string") return { ok: false, code: fields.error };
  return outcomeOf(service, fields);
}

/** Every field a reply may carry, in CallOutcome's shape. */
function outcomeOf(service: SimService, fields: Fields): CallOutcome {
  const outcome: { -readonly [K in keyof CallOutcome]: CallOutcome[K] } = { ok: true };
  if (typeof fields.path === "string") outcome.path = fields.path;
  if ("data" in fields) outcome.data = fields.data === null ? null : String(fields.data);
  if (fields.stat !== undefined) outcome.stat = service.stat(fields.stat);
  if (Array.isArray(fields.children)) outcome.children = fields.children.map(String).sort();
  if (Array.isArray(fields.clientInfo)) {
    outcome.clientInfo = fields.clientInfo.map((entry) => {
      const info = entry as Fields;
      return { authScheme: String(info.authScheme), user: String(info.user) };
    });
  }
  if (Array.isArray(fields.results)) {
    outcome.results = fields.results.map((entry) => {
      const result = entry as Fields;
      if (result.op === "error") return { ok: false, code: String(result.err) };
      return outcomeOf(service, result);
    });
  }
  return outcome;
}
