// The replicated state machine that ZAB feeds: ZAB orders opaque transactions and hands them, in zxid order,
// to a pure `apply`. The ZooKeeper data tree plugs in here later; tests use a register/counter.
import type { Json } from "../../sim/api/index.js";
import type { Zxid } from "./zxid.js";

/** What the state machine sees of a transaction. */
export interface AppliedTxn {
  readonly zxid: Zxid;
  readonly value: Json;
}

/**
 * A deterministic, pure state machine over Json state. `apply` must not mutate its input. The state is its own
 * snapshot (it is plain Json), so `snapshot`/`restore` are identities unless a machine wants a compact form.
 */
export interface StateMachine {
  readonly name: string;
  readonly initial: Json;
  apply(state: Json, txn: AppliedTxn): Json;
  snapshot(state: Json): Json;
  restore(snapshot: Json): Json;
}

/**
 * A register with a counter and a running digest of every applied (zxid, value): two replicas with equal
 * digests applied the same transactions in the same order.
 */
export const registerMachine: StateMachine = {
  name: "register",
  initial: { count: 0, last: null, digest: 0 },
  apply(state, txn) {
    const prev = state as { readonly count: number; readonly digest: number };
    return {
      count: prev.count + 1,
      last: txn.value,
      digest: mixDigest(prev.digest, `${txn.zxid}:${textOf(txn.value)}`),
    };
  },
  snapshot: (state) => state,
  restore: (snapshot) => snapshot,
};

/** The value as JSON text; primitives without the serialiser (this runs once per txn on every replica). */
function textOf(value: Json): string {
  if (typeof value === "number" || typeof value === "boolean" || value === null)
    return String(value);
  return JSON.stringify(value);
}

/** FNV-1a over the text, folded into the previous digest. */
function mixDigest(digest: number, text: string): number {
  let h = (digest ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
