// Delivery invariants of the Zab paper over each node's deliveries: Integrity (only broadcast txns are
// delivered), PrefixConsistency (a zxid is delivered with one value and one predecessor everywhere), Agreement
// (no two txns follow the same predecessor: delivered histories never fork), TotalOrder (each node delivers in
// strictly increasing zxid order, so any two nodes order common txns alike).

import { formatZxid as hex } from "../zxid.js";
import { type InvariantViolation, incarnations, proposals, type ZabRecord } from "./records.js";

export function checkIntegrity(records: readonly ZabRecord[]): InvariantViolation[] {
  const proposedAt = new Map<string, number>();
  for (const p of proposals(records)) if (!proposedAt.has(p.key)) proposedAt.set(p.key, p.timeUs);
  const violations: InvariantViolation[] = [];
  for (const inc of incarnations(records)) {
    for (const d of inc.deliveries) {
      const at = proposedAt.get(d.key);
      if (at === undefined || at > d.timeUs) {
        violations.push({
          check: "Integrity",
          message: `${inc.node} delivered ${d.key}, never proposed`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
        });
      }
    }
  }
  return violations;
}

export function checkPrefixConsistency(records: readonly ZabRecord[]): InvariantViolation[] {
  const valueAt = new Map<number, string>();
  const prevOf = new Map<number, number>();
  const violations: InvariantViolation[] = [];
  for (const inc of incarnations(records)) {
    for (const d of inc.deliveries) {
      const value = valueAt.get(d.zxid);
      if (value !== undefined && value !== d.key) {
        violations.push({
          check: "PrefixConsistency",
          message: `${inc.node} delivered ${d.key}, others delivered ${value}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
        });
      }
      const prev = prevOf.get(d.zxid);
      if (prev !== undefined && prev !== d.prevZxid) {
        violations.push({
          check: "PrefixConsistency",
          message: `${inc.node} delivered zxid ${hex(d.zxid)} after ${hex(d.prevZxid)}, others after ${hex(prev)}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
        });
      }
      valueAt.set(d.zxid, d.key);
      prevOf.set(d.zxid, d.prevZxid);
    }
  }
  return violations;
}

export function checkAgreement(records: readonly ZabRecord[]): InvariantViolation[] {
  const nextOf = new Map<number, { zxid: number; node: string }>();
  const violations: InvariantViolation[] = [];
  for (const inc of incarnations(records)) {
    for (const d of inc.deliveries) {
      const next = nextOf.get(d.prevZxid);
      if (next !== undefined && next.zxid !== d.zxid) {
        violations.push({
          check: "Agreement",
          message: `after ${hex(d.prevZxid)}: ${inc.node} delivered ${hex(d.zxid)}, ${next.node} delivered ${hex(next.zxid)}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
        });
      }
      if (next === undefined) nextOf.set(d.prevZxid, { zxid: d.zxid, node: inc.node });
    }
  }
  return violations;
}

export function checkTotalOrder(records: readonly ZabRecord[]): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  for (const inc of incarnations(records)) {
    let last = -1;
    for (const d of inc.deliveries) {
      if (d.zxid <= last) {
        violations.push({
          check: "TotalOrder",
          message: `${inc.node} delivered zxid ${hex(d.zxid)} after ${hex(last)}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
        });
      }
      last = Math.max(last, d.zxid);
    }
  }
  return violations;
}
