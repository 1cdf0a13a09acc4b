// The replicated state machine that ZAB feeds: ZAB orders opaque transactions and hands them, in zxid order,
// to a pure `apply`. The ZooKeeper server (protocol/zk/server) plugs its database in here; tests use a register.
import type { Json, NodeId } from "../../sim/api/index.js";
import type { Zxid } from "./zxid.js";

/**
 * What the state machine sees of a transaction: the logged txn itself. `origin` and `requestId` name the
 * server and request that asked for it, so a host protocol can answer its client once the txn is applied.
 */
export interface AppliedTxn {
  readonly zxid: Zxid;
  readonly value: Json;
  readonly origin?: NodeId | null;
  readonly requestId?: number;
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
  /**
   * A digest of the state (ZooKeeper's DataTree digest, ZOOKEEPER-3114): equal states give equal digests. When
   * a machine has one, each delivery reports it and ReplicaAgreement compares replicas at equal zxids.
   */
  digest?(state: Json): number;
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
      digest: mixValue(mixNumber(prev.digest, txn.zxid), txn.value),
    };
  },
  snapshot: (state) => state,
  restore: (snapshot) => snapshot,
  digest: (state) => (state as { readonly digest: number }).digest,
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a over a value, folded into the previous digest: integers as their two 32-bit halves, anything else as
 * its JSON text. Runs once per txn on every replica, so the common case (a number) skips the serialiser.
 */
function mixValue(digest: number, value: Json): number {
  if (typeof value === "number" && Number.isSafeInteger(value)) return mixNumber(digest ^ 1, value);
  return mixText(digest, JSON.stringify(value));
}

function mixNumber(digest: number, n: number): number {
  let h = (digest ^ FNV_OFFSET) >>> 0;
  h = Math.imul(h ^ (n >>> 0), FNV_PRIME) >>> 0;
  h = Math.imul(h ^ (Math.floor(n / 4_294_967_296) >>> 0), FNV_PRIME) >>> 0;
  return h;
}

function mixText(digest: number, text: string): number {
  let h = (digest ^ FNV_OFFSET) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}
