// The facts peers report for the invariant checkers (protocol/zab/invariants) and the liveness check. Every
// observation kind is listed here with its fields; peers emit them only through these helpers.
import type { Json, NodeId } from "../../sim/api/index.js";
import type { ServerState, Txn } from "./messages.js";
import type { Out, SyncMode, ZabState } from "./state.js";
import type { Zxid } from "./zxid.js";

export const OBSERVATION_KINDS = [
  "start",
  "refused",
  "state",
  "accepted-epoch",
  "current-epoch",
  "leader-established",
  "propose",
  "accept",
  "deliver",
  "truncate",
  "sync",
  "sync-plan",
  "violation",
] as const;

export type ZabObservationKind = (typeof OBSERVATION_KINDS)[number];

/** The "should not happen" flags of the specifications (reference §5, ShouldNotBeTriggered). */
export type ViolationFlag =
  | "stateInconsistent"
  | "proposalInconsistent"
  | "commitInconsistent"
  | "ackInconsistent"
  | "messageIllegal"
  | "epochInconsistent";

function emit(out: Out, kind: ZabObservationKind, fields: { readonly [k: string]: Json }): void {
  out.push({ kind: "observe", observation: { kind, ...fields } });
}

/** A (re)start: what the peer recovered from its disk. `baseZxid` is its newest snapshot. */
export function observeStart(
  out: Out,
  fields: {
    lastZxid: Zxid;
    baseZxid: Zxid;
    acceptedEpoch: number;
    currentEpoch: number;
  },
): void {
  emit(out, "start", fields);
}

/** `loadDataBase` refused to start (the process exits): the reason ZooKeeper's IOException gives. */
export function observeRefused(out: Out, reason: string): void {
  emit(out, "refused", { reason });
}

export function observeState(out: Out, role: ServerState, zabState: ZabState): void {
  emit(out, "state", { role, zabState });
}

/** An epoch file became durable. */
export function observeEpoch(out: Out, which: "accepted" | "current", epoch: number): void {
  emit(out, which === "accepted" ? "accepted-epoch" : "current-epoch", { epoch });
}

export function observeEstablished(out: Out, epoch: number, lastZxid: Zxid): void {
  emit(out, "leader-established", { epoch, lastZxid });
}

// The three per-txn observations below build their records directly (no intermediate object): they are on
// the hot path of every replica.

/** A leader broadcast a new proposal (the spec's `proposalMsgsLog`). */
export function observePropose(out: Out, txn: Txn, epoch: number): void {
  out.push({
    kind: "observe",
    observation: { kind: "propose", zxid: txn.zxid, epoch, value: txn.value },
  });
}

/** A txn was written to this peer's log (its history). */
export function observeAccept(out: Out, txn: Txn): void {
  out.push({ kind: "observe", observation: { kind: "accept", zxid: txn.zxid, value: txn.value } });
}

/** A txn was delivered: known committed and applied. `prevZxid` is the delivery before it (or the base). */
/** `digest` is the state machine's digest right after this txn, or null when unknown (the state is ahead). */
export function observeDeliver(out: Out, txn: Txn, prevZxid: Zxid, digest: number | null): void {
  out.push({
    kind: "observe",
    observation: { kind: "deliver", zxid: txn.zxid, prevZxid, value: txn.value, digest },
  });
}

/** Txns removed from this peer's log (TRUNC, or the log replaced by a SNAP). */
export function observeTruncate(out: Out, toZxid: Zxid, removed: readonly Txn[]): void {
  emit(out, "truncate", {
    toZxid,
    removed: removed.map((t) => ({ zxid: t.zxid, value: t.value })),
  });
}

export function observeSync(
  out: Out,
  mode: SyncMode,
  leader: NodeId,
  zxid: Zxid,
  peerLastZxid: Zxid,
): void {
  emit(out, "sync", { mode, leader, zxid, peerLastZxid });
}

/** The leader planned a learner's sync (`syncFollower`): what it sends, decided from what it knew now. */
export function observeSyncPlan(out: Out, peer: NodeId, mode: SyncMode, zxid: Zxid): void {
  emit(out, "sync-plan", { peer, mode, zxid });
}

export function observeViolation(out: Out, flag: ViolationFlag, message: string): void {
  emit(out, "violation", { flag, message });
}
