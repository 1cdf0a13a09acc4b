// Every ZAB invariant checker, by name; `checkZabInvariants` runs them all over a run's observations.
import {
  checkAgreement,
  checkIntegrity,
  checkPrefixConsistency,
  checkTotalOrder,
} from "./delivery-order.js";
import {
  checkCommittedLogDurability,
  checkLeaderLogCompleteness,
  checkLogMonotonic,
} from "./durability.js";
import { checkLeadership } from "./leadership.js";
import {
  checkGlobalPrimaryOrder,
  checkLocalPrimaryOrder,
  checkPrimaryIntegrity,
} from "./primary-order.js";
import {
  type InvariantViolation,
  type ZabRecord,
  ZabRecordSet,
  type ZabRecords,
} from "./records.js";
import { checkReplicaAgreement } from "./replica-agreement.js";
import { checkShouldNotHappen } from "./should-not-happen.js";

export type {
  InvariantViolation,
  InvariantViolationAt,
  ZabRecord,
  ZabRecordSet,
  ZabRecords,
} from "./records.js";

export type ZabChecker = (records: ZabRecords) => InvariantViolation[];

export const ZAB_CHECKERS: { readonly [name: string]: ZabChecker } = {
  Leadership: checkLeadership,
  Integrity: checkIntegrity,
  PrefixConsistency: checkPrefixConsistency,
  Agreement: checkAgreement,
  TotalOrder: checkTotalOrder,
  LocalPrimaryOrder: checkLocalPrimaryOrder,
  GlobalPrimaryOrder: checkGlobalPrimaryOrder,
  PrimaryIntegrity: checkPrimaryIntegrity,
  LeaderLogCompleteness: checkLeaderLogCompleteness,
  CommittedLogDurability: checkCommittedLogDurability,
  LogMonotonic: checkLogMonotonic,
  ReplicaAgreement: checkReplicaAgreement,
  ShouldNotHappen: checkShouldNotHappen,
};

/**
 * Runs every checker (or those named) and returns all violations, in checker order. The checkers share one
 * record set, so the views several of them read are built once.
 */
export function checkZabInvariants(
  records: readonly ZabRecord[],
  only: readonly string[] = Object.keys(ZAB_CHECKERS),
): InvariantViolation[] {
  const set = new ZabRecordSet(records);
  return only.flatMap((name) => ZAB_CHECKERS[name]?.(set) ?? []);
}
