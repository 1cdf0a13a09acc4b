// What the recorder's hints (committed-hints.ts) need to know of the tree at a zxid: which znodes exist,
// their data versions and how many children they have, kept by applying the committed txns in zxid order.
// Enough to tell which of a session's pending writes a failed txn's error code fits: a create fails
// NODEEXISTS only on a znode that exists, a setData NONODE only on one that does not, and so on.
import {
  type MultiOp,
  type MultiSubTxn,
  parentOf as parentPath,
  type Txn,
} from "../../protocol/zk/data-tree/index.js";
import type { ClientWriteOp } from "../../protocol/zk/wire/index.js";

/** The parent of a path; the root is its own. */
const parentOf = (path: string): string => parentPath(path) ?? "/";

type Known = { version: number; children: number };

export class HintTree {
  readonly #nodes = new Map<string, Known>([["/", { version: 0, children: 0 }]]);

  apply(txn: Txn | MultiSubTxn): void {
    switch (txn.type) {
      case "create":
        this.#nodes.set(txn.path, { version: 0, children: 0 });
        this.#bump(parentOf(txn.path), 1);
        return;
      case "delete":
        this.#remove(txn.path);
        return;
      case "setData": {
        const known = this.#nodes.get(txn.path);
        if (known !== undefined) known.version = txn.version;
        return;
      }
      case "multi":
        for (const inner of txn.txns) this.apply(inner);
        return;
      case "closeSession":
        for (const path of txn.paths) this.#remove(path);
        return;
      default:
        return;
    }
  }

  #remove(path: string): void {
    if (this.#nodes.delete(path)) this.#bump(parentOf(path), -1);
  }

  #bump(path: string, by: number): void {
    const known = this.#nodes.get(path);
    if (known !== undefined) known.children += by;
  }

  /**
   * Whether this call, prepared on this tree, fails with `code` (PrepRequestProcessor's checks); a code
   * no write fails with by the tree alone (SESSIONMOVED, an ACL) fits none: the check replays the call.
   */
  fails(op: ClientWriteOp | MultiOp, code: string): boolean {
    const node = "path" in op ? this.#nodes.get(op.path) : undefined;
    const versioned = "version" in op && op.version !== -1;
    switch (code) {
      case "NODEEXISTS":
        // A sequential create makes a fresh name: only a hand-made node of that name could be in its way.
        return op.op === "create" && !op.mode.includes("sequential") && node !== undefined;
      case "NOCHILDRENFOREPHEMERALS":
        return op.op === "create" && this.#nodes.has(parentOf(op.path));
      case "NOTEMPTY":
        return op.op === "delete" && node !== undefined && node.children > 0;
      case "BADVERSION":
        return versioned && node !== undefined && "version" in op && node.version !== op.version;
      case "NONODE":
        if (op.op === "create") return !this.#nodes.has(parentOf(op.path));
        return (
          (op.op === "setData" || op.op === "delete" || op.op === "setACL") && node === undefined
        );
      default:
        return false;
    }
  }
}
