// A one-server harness for data-tree tests: each write is prepared with the next zxid and applied at once.

import { type AuthId, initialAuth, OPEN_ACL_UNSAFE } from "../../../../protocol/zk/acl/index.js";
import {
  applyTxn,
  type CreateMode,
  type DataTree,
  emptyTree,
  prepareWrite,
  type TreeChange,
  type TxnResult,
  type WriteRequest,
} from "../../../../protocol/zk/data-tree/index.js";

export type Harness = {
  tree: DataTree;
  zxid: number;
  changes: TreeChange[];
  write: (request: WriteRequest, sessionId?: number, auth?: readonly AuthId[]) => TxnResult;
  create: (path: string, mode?: CreateMode, sessionId?: number) => TxnResult;
};

export function harness(): Harness {
  const h: Harness = {
    tree: emptyTree(),
    zxid: 0,
    changes: [],
    write: (request, sessionId = 1, auth = initialAuth("127.0.0.1")) => {
      h.zxid += 1;
      const context = {
        sessionId,
        auth,
        zxid: h.zxid,
        timeMs: 1000 + h.zxid,
        extendedTypesEnabled: true,
      };
      const prepared = prepareWrite(h.tree, [], request, context);
      const applied = applyTxn(h.tree, prepared.record);
      h.tree = applied.tree;
      h.changes.push(...applied.changes);
      return applied.result;
    },
    create: (path, mode = "persistent", sessionId = 1) =>
      h.write({ op: "create", path, data: "", acl: OPEN_ACL_UNSAFE, mode }, sessionId),
  };
  return h;
}
