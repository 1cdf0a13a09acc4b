// Primary-order invariants: LocalPrimaryOrder (a node that delivers b delivers everything its leader proposed
// before b in that epoch first), GlobalPrimaryOrder (txns of earlier epochs that anyone delivered come before
// a node's first delivery of a later epoch), PrimaryIntegrity (a leader has delivered every txn of an earlier
// epoch that anyone delivered before it broadcasts its first proposal).

import { formatZxid as hex } from "../zxid.js";
import {
  baseAt,
  epochOfZxid,
  type Incarnation,
  type InvariantViolation,
  type Proposal,
  seconds,
  txnText,
  ZabRecordSet,
  type ZabRecords,
  zxidList,
} from "./records.js";

export function checkLocalPrimaryOrder(records: ZabRecords): InvariantViolation[] {
  const set = ZabRecordSet.of(records);
  // The proposal before each one, by the same leader in the same epoch.
  const predecessor = new Map<number, Proposal>();
  const lastBy = new Map<string, Proposal>();
  for (const p of set.proposals) {
    const stream = `${p.node}/${p.epoch}`;
    const prev = lastBy.get(stream);
    if (prev !== undefined) predecessor.set(p.key, prev);
    lastBy.set(stream, p);
  }
  const violations: InvariantViolation[] = [];
  for (const inc of set.incarnations) {
    const delivered = new Set<number>();
    for (const d of inc.deliveries) {
      const pred = predecessor.get(d.key);
      if (pred !== undefined && pred.zxid > d.baseZxid && !delivered.has(pred.zxid)) {
        violations.push({
          check: "LocalPrimaryOrder",
          message: `${inc.node} delivered zxid ${hex(d.zxid)} without its leader's earlier proposal ${hex(pred.zxid)}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
          story: `${inc.node} delivered ${hex(d.zxid)} (${txnText(d.value)}) at ${seconds(d.timeUs)} without ${hex(pred.zxid)}, which its leader ${pred.node} had proposed before it in epoch ${pred.epoch} at ${seconds(pred.timeUs)}.`,
        });
      }
      delivered.add(d.zxid);
    }
  }
  return violations;
}

/** Globally delivered zxids of epochs below `epoch`, first delivered before `beforeUs`. */
function committedBefore(
  first: ReadonlyMap<number, { zxid: number; timeUs: number }>,
  epoch: number,
  beforeUs: number,
): number[] {
  return [...first.values()]
    .filter((d) => epochOfZxid(d.zxid) < epoch && d.timeUs <= beforeUs)
    .map((d) => d.zxid)
    .sort((a, b) => a - b);
}

function missingAt(inc: Incarnation, upToIndex: number, required: readonly number[], base: number) {
  const delivered = new Set(inc.deliveries.slice(0, upToIndex).map((d) => d.zxid));
  return required.filter((z) => z > base && !delivered.has(z));
}

export function checkGlobalPrimaryOrder(records: ZabRecords): InvariantViolation[] {
  const set = ZabRecordSet.of(records);
  const all = [...set.firstDeliveries.values()];
  const violations: InvariantViolation[] = [];
  for (const inc of set.incarnations) {
    let epoch = -1;
    inc.deliveries.forEach((d, i) => {
      const e = epochOfZxid(d.zxid);
      if (e === epoch) return;
      if (e < epoch) {
        violations.push({
          check: "GlobalPrimaryOrder",
          message: `${inc.node} delivered epoch ${e} zxid ${hex(d.zxid)} after epoch ${epoch}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
        });
        return;
      }
      epoch = e;
      const required = all.filter((x) => epochOfZxid(x.zxid) < e).map((x) => x.zxid);
      const missing = missingAt(inc, i, required, d.baseZxid);
      if (missing.length > 0) {
        violations.push({
          check: "GlobalPrimaryOrder",
          message: `${inc.node} delivered ${hex(d.zxid)} (epoch ${e}) before earlier-epoch ${zxidList(missing)}`,
          at: { node: inc.node, timeUs: d.timeUs, zxid: d.zxid },
        });
      }
    });
  }
  return violations;
}

export function checkPrimaryIntegrity(records: ZabRecords): InvariantViolation[] {
  const set = ZabRecordSet.of(records);
  const first = set.firstDeliveries;
  const firstProposal = new Map<string, { node: string; epoch: number; timeUs: number }>();
  for (const p of set.proposals) {
    const id = `${p.node}/${p.epoch}`;
    if (!firstProposal.has(id))
      firstProposal.set(id, { node: p.node, epoch: p.epoch, timeUs: p.timeUs });
  }
  const incs = set.incarnations;
  const violations: InvariantViolation[] = [];
  for (const { node, epoch, timeUs } of firstProposal.values()) {
    const inc = [...incs].reverse().find((x) => x.node === node && x.startUs <= timeUs);
    const index = inc?.deliveries.findIndex((d) => d.timeUs > timeUs) ?? -1;
    const upTo = index === -1 ? (inc?.deliveries.length ?? 0) : index;
    const base = inc === undefined ? 0 : baseAt(inc, timeUs);
    const required = committedBefore(first, epoch, timeUs);
    const missing =
      inc === undefined ? required.filter((z) => z > 0) : missingAt(inc, upTo, required, base);
    if (missing.length > 0) {
      violations.push({
        check: "PrimaryIntegrity",
        message: `${node} broadcast in epoch ${epoch} without delivering ${zxidList(missing)}`,
        at: { node, timeUs, ...(missing[0] === undefined ? {} : { zxid: missing[0] }) },
        story: `${node} made its first proposal of epoch ${epoch} at ${seconds(timeUs)} without having delivered ${zxidList(missing)}, committed in earlier epochs.`,
      });
    }
  }
  return violations;
}
