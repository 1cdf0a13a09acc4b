// What a server would have answered, as the client library records it (protocol/zk/client/outcome.ts):
// the response without its `op` tag, plus `error: CODE` when the code is not OK. Reads are evaluated on a
// tree; writes come from the apply result (FinalRequestProcessor, reference §1.5).

import { assertNever, type Json, jsonCopyWithout } from "../../../sim/api/index.js";
import {
  type DataTree,
  exists,
  getAcl,
  getAllChildrenNumber,
  getChildren,
  getData,
  getEphemerals,
  type TxnResult,
  type ZkCode,
} from "../data-tree/index.js";
import { type ClientReadOp, type OpResponse, outcomeOfTxnResult } from "../wire/index.js";

type JsonObject = { readonly [key: string]: Json };

export function recordedValue(err: ZkCode, response: OpResponse | null): JsonObject {
  const fields: JsonObject = response === null ? {} : jsonCopyWithout(response, "op");
  return err === "OK" ? fields : { ...fields, error: err };
}

export function writeValue(result: TxnResult): JsonObject {
  const outcome = outcomeOfTxnResult(result);
  return recordedValue(outcome.err, outcome.response);
}

/** Reads run with no auth: the check assumes the history's ACLs let every session read (README). */
export function readValue(tree: DataTree, call: ClientReadOp, session: number): JsonObject {
  switch (call.op) {
    case "exists": {
      const found = exists(tree, call.path);
      return found.ok
        ? recordedValue("OK", { op: "exists", stat: found.stat })
        : recordedValue(found.code, null);
    }
    case "getData": {
      const found = getData(tree, call.path, []);
      return found.ok
        ? recordedValue("OK", { op: "getData", data: found.data, stat: found.stat })
        : recordedValue(found.code, null);
    }
    case "getChildren": {
      const found = getChildren(tree, call.path, []);
      return found.ok
        ? recordedValue("OK", { op: "getChildren", children: found.children, stat: found.stat })
        : recordedValue(found.code, null);
    }
    case "getAllChildrenNumber": {
      const found = getAllChildrenNumber(tree, call.path, []);
      return found.ok
        ? recordedValue("OK", { op: "getAllChildrenNumber", count: found.count })
        : recordedValue(found.code, null);
    }
    case "getEphemerals":
      return recordedValue("OK", {
        op: "getEphemerals",
        paths: getEphemerals(tree, session, call.prefix),
      });
    case "getACL": {
      const found = getAcl(tree, call.path, []);
      return found.ok
        ? recordedValue("OK", { op: "getACL", acl: found.acl, stat: found.stat })
        : recordedValue(found.code, null);
    }
    default:
      return assertNever(call, "read call");
  }
}
