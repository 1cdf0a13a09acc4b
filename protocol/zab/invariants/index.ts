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
import type { InvariantViolation, ZabRecord } from "./records.js";
import { checkReplicaAgreement } from "./replica-agreement.js";
import { checkShouldNotHappen } from "./should-not-happen.js";

export type { InvariantViolation, InvariantViolationAt, ZabRecord } from "./records.js";

export type ZabChecker = (records: readonly ZabRecord[]) => InvariantViolation[];

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

/** Runs every checker (or those named) and returns all violations, in checker order. */
export function checkZabInvariants(
  records: readonly ZabRecord[],
  only: readonly string[] = Object.keys(ZAB_CHECKERS),
): InvariantViolation[] {
  return only.flatMap((name) => ZAB_CHECKERS[name]?.(records) ?? []);
}
