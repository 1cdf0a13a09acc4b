// Delivery invariants of the Zab paper over each node's deliveries: Integrity (only broadcast txns are
// delivered), PrefixConsistency (a zxid is delivered with one value and one predecessor everywhere), Agreement
// (no two txns follow the same predecessor: delivered histories never fork), TotalOrder (each node delivers in
// strictly increasing zxid order, so any two nodes order common txns alike).

import { formatZxid as hex } from "../zxid.js";
import {
  type Delivery,
  type InvariantViolation,
  seconds,
  txnText,
  ZabRecordSet,
  type ZabRecords,
} from "./records.js";

/** A delivery by a node, as the stories name it. */
interface Seen {
  readonly node: string;
  readonly delivery: Delivery;
}

/** "0x100000003 (create /a) at 3.577 s" */
function deliveryText(d: Delivery): string {
  return `${hex(d.zxid)} (${txnText(d.value)}) at ${seconds(d.timeUs)}`;
}

export function checkIntegrity(records: ZabRecords): InvariantViolation[] {
  const set = ZabRecordSet.of(records);
  const proposedAt = new Map<number, number>();
  for (const p of set.proposals) if (!proposedAt.has(p.key)) proposedAt.set(p.key, p.timeUs);
  const violations: InvariantViolation[] = [];
  for (const inc of set.incarnations) {
    for (const d of inc.deliveries) {
      const at = proposedAt.get(d.key);
      if (at === undefined || at > d.timeUs) {
        violations.push({
          check: "Integrity",
          message: `${inc.node} delivered ${hex(d.zxid)} (${txnText(d.value)}), never proposed`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
          story: `${inc.node} delivered ${deliveryText(d)}, a txn no leader had proposed by then.`,
        });
      }
    }
  }
  return violations;
}

export function checkPrefixConsistency(records: ZabRecords): InvariantViolation[] {
  const valueAt = new Map<number, Seen>();
  const prevOf = new Map<number, Seen>();
  const violations: InvariantViolation[] = [];
  for (const inc of ZabRecordSet.of(records).incarnations) {
    for (const d of inc.deliveries) {
      const value = valueAt.get(d.zxid);
      if (value !== undefined && value.delivery.key !== d.key) {
        violations.push({
          check: "PrefixConsistency",
          message: `${inc.node} delivered ${hex(d.zxid)} as ${txnText(d.value)}, others as ${txnText(value.delivery.value)}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
          story: `${inc.node} delivered ${deliveryText(d)}, but ${value.node} had delivered ${hex(d.zxid)} as ${txnText(value.delivery.value)} at ${seconds(value.delivery.timeUs)}: one zxid, two txns.`,
        });
      }
      const prev = prevOf.get(d.zxid);
      if (prev !== undefined && prev.delivery.prevZxid !== d.prevZxid) {
        violations.push({
          check: "PrefixConsistency",
          message: `${inc.node} delivered zxid ${hex(d.zxid)} after ${hex(d.prevZxid)}, others after ${hex(prev.delivery.prevZxid)}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
          story: `${inc.node} delivered ${deliveryText(d)} right after ${hex(d.prevZxid)}, but ${prev.node} had delivered it right after ${hex(prev.delivery.prevZxid)} at ${seconds(prev.delivery.timeUs)}: their histories before ${hex(d.zxid)} differ.`,
        });
      }
      valueAt.set(d.zxid, { node: inc.node, delivery: d });
      prevOf.set(d.zxid, { node: inc.node, delivery: d });
    }
  }
  return violations;
}

export function checkAgreement(records: ZabRecords): InvariantViolation[] {
  const nextOf = new Map<number, Seen>();
  const violations: InvariantViolation[] = [];
  for (const inc of ZabRecordSet.of(records).incarnations) {
    for (const d of inc.deliveries) {
      const next = nextOf.get(d.prevZxid);
      if (next !== undefined && next.delivery.zxid !== d.zxid) {
        violations.push({
          check: "Agreement",
          message: `after ${hex(d.prevZxid)}: ${inc.node} delivered ${hex(d.zxid)}, ${next.node} delivered ${hex(next.delivery.zxid)}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
          story: `After ${hex(d.prevZxid)}, ${inc.node} delivered ${deliveryText(d)} while ${next.node} had delivered ${deliveryText(next.delivery)}: their delivered histories fork.`,
        });
      }
      if (next === undefined) nextOf.set(d.prevZxid, { node: inc.node, delivery: d });
    }
  }
  return violations;
}

export function checkTotalOrder(records: ZabRecords): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  for (const inc of ZabRecordSet.of(records).incarnations) {
    let last: Delivery | null = null;
    for (const d of inc.deliveries) {
      if (last !== null && d.zxid <= last.zxid) {
        violations.push({
          check: "TotalOrder",
          message: `${inc.node} delivered zxid ${hex(d.zxid)} after ${hex(last.zxid)}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
          story: `${inc.node} delivered ${deliveryText(d)} after it had already delivered ${deliveryText(last)}: zxids must only go up.`,
        });
      }
      if (last === null || d.zxid > last.zxid) last = d;
    }
  }
  return violations;
}
