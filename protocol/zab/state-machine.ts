// The replicated state machine that ZAB feeds: ZAB orders opaque transactions and hands them, in zxid order,
// to a pure `apply`. The ZooKeeper server (protocol/zk/server) plugs its database in here; tests use a register.
import { assert, type Json, type NodeId } from "../../sim/api/index.js";
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
 * What one apply gives: the next state and what the txn produced for the host (the ZooKeeper server's
 * results, tree changes and watch triggers). ZAB hands the outputs of each delivery to the host, in zxid order.
 */
export interface Applied<S, O> {
  readonly state: S;
  readonly outputs: readonly O[];
}

/**
 * A deterministic, pure state machine with state `S` whose applies produce outputs `O` for the host. `apply`
 * must not mutate its input. `snapshot` gives the form written to disk and sent in SNAP (plain Json);
 * `restore` reads it back. `S` must be plain data, as all peer state is (the kernel may snapshot it).
 */
export interface StateMachine<S, O> {
  readonly name: string;
  readonly initial: S;
  apply(state: S, txn: AppliedTxn): Applied<S, O>;
  snapshot(state: S): Json;
  restore(snapshot: Json): S;
  /**
   * A digest of the state (ZooKeeper's DataTree digest, ZOOKEEPER-3114): equal states give equal digests. When
   * a machine has one, each delivery reports it and ReplicaAgreement compares replicas at equal zxids.
   */
  digest?(state: S): number;
}

/**
 * Where delivery puts the outputs of the txns it applies, oldest first; the host reads them after the step.
 * A plain array is one.
 */
export interface Outputs<O> {
  push(output: O): number;
}

/** For a peer without a host (the standalone ZAB system, tests): the outputs go nowhere. */
export const DROP_OUTPUTS: Outputs<unknown> = Object.freeze({ push: () => 0 });

/** The register's state: how many txns it applied, the last value, and a digest of all of them. */
export type RegisterState = {
  readonly count: number;
  readonly last: Json;
  readonly digest: number;
};

const NO_OUTPUTS: readonly never[] = Object.freeze([]);

/**
 * A register with a counter and a running digest of every applied (zxid, value): two replicas with equal
 * digests applied the same transactions in the same order.
 */
export const registerMachine: StateMachine<RegisterState, never> = {
  name: "register",
  initial: { count: 0, last: null, digest: 0 },
  apply(prev, txn) {
    const state: RegisterState = {
      count: prev.count + 1,
      last: txn.value,
      digest: mixValue(mixNumber(prev.digest, txn.zxid), txn.value),
    };
    return { state, outputs: NO_OUTPUTS };
  },
  snapshot: (state) => state,
  restore: registerOf,
  digest: (state) => state.digest,
};

/** A register snapshot read back from disk or SNAP: checked field by field, since it arrives as Json. */
function registerOf(snapshot: Json): RegisterState {
  assert(isRecord(snapshot), "a register snapshot is an object");
  const { count, last, digest } = snapshot;
  assert(
    typeof count === "number" && typeof digest === "number",
    "a register snapshot has numbers",
  );
  return { count, last: last ?? null, digest };
}

function isRecord(value: Json): value is { readonly [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

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
