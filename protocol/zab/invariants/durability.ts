// Log invariants of the mixed-grained spec: LeaderLogCompleteness (an established leader's history holds every
// txn committed in earlier epochs), CommittedLogDurability (no sync truncates a committed txn), LogMonotonic
// (each node's log has strictly increasing zxids).
import {
  epochOfZxid,
  firstDeliveries,
  type InvariantViolation,
  num,
  txnKey,
  type ZabRecord,
} from "./records.js";

export function checkLeaderLogCompleteness(records: readonly ZabRecord[]): InvariantViolation[] {
  const first = [...firstDeliveries(records).values()];
  const violations: InvariantViolation[] = [];
  for (const { node, timeUs, observation } of records) {
    if (observation.kind !== "leader-established") continue;
    const epoch = num(observation, "epoch");
    const lastZxid = num(observation, "lastZxid");
    const missing = first
      .filter((d) => d.timeUs <= timeUs && epochOfZxid(d.zxid) < epoch && d.zxid > lastZxid)
      .map((d) => d.zxid);
    if (missing.length > 0) {
      violations.push({
        check: "LeaderLogCompleteness",
        message: `${node} established epoch ${epoch} with last zxid ${lastZxid}, missing committed ${missing.join(",")}`,
      });
    }
  }
  return violations;
}

export function checkCommittedLogDurability(records: readonly ZabRecord[]): InvariantViolation[] {
  const committedAt = new Map<string, number>();
  const violations: InvariantViolation[] = [];
  for (const { node, timeUs, observation: o } of records) {
    if (o.kind === "deliver") {
      const key = txnKey(num(o, "zxid"), o.value ?? null);
      if (!committedAt.has(key)) committedAt.set(key, timeUs);
    } else if (o.kind === "truncate" && Array.isArray(o.removed)) {
      for (const txn of o.removed) {
        const t = txn as { readonly zxid?: number; readonly value?: unknown };
        const key = txnKey(t.zxid ?? -1, (t.value ?? null) as never);
        if (committedAt.has(key)) {
          violations.push({
            check: "CommittedLogDurability",
            message: `${node} truncated committed txn ${key} at ${timeUs}us`,
          });
        }
      }
    }
  }
  return violations;
}

export function checkLogMonotonic(records: readonly ZabRecord[]): InvariantViolation[] {
  const top = new Map<string, number>();
  const violations: InvariantViolation[] = [];
  for (const { node, observation: o } of records) {
    if (o.kind === "start") top.set(node, num(o, "lastZxid"));
    else if (o.kind === "truncate") top.set(node, num(o, "toZxid"));
    else if (o.kind === "accept") {
      const zxid = num(o, "zxid");
      const last = top.get(node) ?? 0;
      if (zxid <= last) {
        violations.push({
          check: "LogMonotonic",
          message: `${node} logged zxid ${zxid} after ${last}`,
        });
      }
      top.set(node, Math.max(last, zxid));
    }
  }
  return violations;
}
