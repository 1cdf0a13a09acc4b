// Log invariants of the mixed-grained spec: LeaderLogCompleteness (an established leader's history holds every
// txn committed in earlier epochs), CommittedLogDurability (no sync truncates a committed txn), LogMonotonic
// (each node's log has strictly increasing zxids).

import type { Json } from "../../../sim/api/index.js";
import { formatZxid as hex } from "../zxid.js";
import {
  epochOfZxid,
  type InvariantViolation,
  num,
  recordsOf,
  seconds,
  type TxnIds,
  txnText,
  ZabRecordSet,
  type ZabRecords,
  zxidList,
} from "./records.js";

export function checkLeaderLogCompleteness(records: ZabRecords): InvariantViolation[] {
  const set = ZabRecordSet.of(records);
  const first = [...set.firstDeliveries.values()];
  const violations: InvariantViolation[] = [];
  for (const { node, timeUs, observation } of set.records) {
    if (observation.kind !== "leader-established") continue;
    const epoch = num(observation, "epoch");
    const lastZxid = num(observation, "lastZxid");
    const missed = first
      .filter((d) => d.timeUs <= timeUs && epochOfZxid(d.zxid) < epoch && d.zxid > lastZxid)
      .sort((a, b) => a.zxid - b.zxid);
    const missing = missed.map((d) => d.zxid);
    const oldest = missed[0];
    if (oldest !== undefined) {
      violations.push({
        check: "LeaderLogCompleteness",
        message: `${node} established epoch ${epoch} with last zxid ${hex(lastZxid)}, missing committed ${zxidList(missing)}`,
        at: { node, timeUs, zxid: oldest.zxid },
        story: `${node} was established as leader of epoch ${epoch} at ${seconds(timeUs)} with its log ending at ${hex(lastZxid)}, but ${zxidList(missing)} had been committed before (${hex(oldest.zxid)}, ${txnText(oldest.value)}, first delivered at ${seconds(oldest.timeUs)}): a leader that lacks a committed txn makes its followers drop it.`,
      });
    }
  }
  return violations;
}

/**
 * A sync may TRUNC a txn that was outstanding when the leader planned it and got committed meanwhile: ZooKeeper
 * truncates to maxCommittedLog and `startForwarding` re-sends every outstanding proposal in the same sync. Such
 * a txn was not committed when the leader decided to truncate it, and the quorum that committed it still holds
 * it, so it is not lost even if this node leaves the sync before logging it again. A truncated txn is therefore
 * a violation only if it was committed before the leader planned the sync (or no plan is known) and the node
 * does not log it again before its next role or phase change (or restart, or the end of the run).
 */
export function checkCommittedLogDurability(records: ZabRecords): InvariantViolation[] {
  const set = ZabRecordSet.of(records);
  const ids = set.txnIds;
  const committedAt = new Map<number, { readonly node: string; readonly timeUs: number }>();
  const plannedAt = new Map<string, number>();
  const lost = new Map<string, Map<number, number>>();
  const violations: InvariantViolation[] = [];
  const settle = (node: string) => {
    for (const [key, timeUs] of lost.get(node) ?? []) {
      violations.push(lostTxnViolation(ids, node, key, timeUs, committedAt.get(key)));
    }
    lost.delete(node);
  };
  for (const { node, timeUs, observation: o } of set.records) {
    if (o.kind === "deliver") {
      const key = ids.idOf(num(o, "zxid"), o.value ?? null);
      if (!committedAt.has(key)) committedAt.set(key, { node, timeUs });
    } else if (o.kind === "sync-plan" && typeof o.peer === "string") {
      plannedAt.set(o.peer, timeUs);
    } else if (o.kind === "accept") {
      lost.get(node)?.delete(ids.idOf(num(o, "zxid"), o.value ?? null));
    } else if (o.kind === "state" || o.kind === "start") {
      settle(node);
    } else if (o.kind === "truncate" && Array.isArray(o.removed)) {
      const pending = lost.get(node) ?? new Map<number, number>();
      for (const txn of o.removed) {
        const t = txn as { readonly zxid?: number; readonly value?: Json };
        const key = ids.idOf(t.zxid ?? -1, t.value ?? null);
        const committed = committedAt.get(key);
        const planned = plannedAt.get(node) ?? Number.POSITIVE_INFINITY;
        if (committed !== undefined && committed.timeUs < planned) pending.set(key, timeUs);
      }
      lost.set(node, pending);
    }
  }
  for (const node of [...lost.keys()].sort()) settle(node);
  return violations;
}

function lostTxnViolation(
  ids: TxnIds,
  node: string,
  key: number,
  timeUs: number,
  committed: { readonly node: string; readonly timeUs: number } | undefined,
): InvariantViolation {
  const zxid = ids.zxidOf(key);
  const by =
    committed === undefined
      ? ""
      : `, committed at ${seconds(committed.timeUs)} (first delivered by ${committed.node})`;
  return {
    check: "CommittedLogDurability",
    message: `${node} truncated committed txn ${hex(zxid)} (${txnText(ids.valueOf(key))}) at ${seconds(timeUs)}`,
    at: { node, timeUs, zxid },
    story: `${node} truncated ${hex(zxid)} from its log at ${seconds(timeUs)}${by}, and did not log it again: a committed txn was lost from a replica.`,
  };
}

export function checkLogMonotonic(records: ZabRecords): InvariantViolation[] {
  const top = new Map<string, number>();
  const violations: InvariantViolation[] = [];
  for (const { node, timeUs, observation: o } of recordsOf(records)) {
    if (o.kind === "start") top.set(node, num(o, "lastZxid"));
    else if (o.kind === "truncate") top.set(node, num(o, "toZxid"));
    else if (o.kind === "accept") {
      const zxid = num(o, "zxid");
      const last = top.get(node) ?? 0;
      if (zxid <= last) {
        violations.push({
          check: "LogMonotonic",
          message: `${node} logged zxid ${hex(zxid)} after ${hex(last)}`,
          at: { node, timeUs, zxid },
          story: `${node} appended ${hex(zxid)} to its log at ${seconds(timeUs)} after ${hex(last)}: its log's zxids no longer go up.`,
        });
      }
      top.set(node, Math.max(last, zxid));
    }
  }
  return violations;
}
