// ReplicaAgreement (DESIGN.md checkers §3): replicas that have applied the same zxid hold the same state. Each
// delivery reports the state machine's digest right after the txn (when the state is exactly there); two
// deliveries of one zxid with different digests mean a replica's state holds something the others' does not —
// a txn applied but never committed (ZOOKEEPER-1154's DIFF without TRUNC), or a change it skipped.

import { formatZxid as hex } from "../zxid.js";
import {
  type InvariantViolation,
  num,
  recordsOf,
  seconds,
  txnText,
  type ZabRecords,
} from "./records.js";

interface Seen {
  readonly node: string;
  readonly timeUs: number;
  readonly digest: number;
}

export function checkReplicaAgreement(records: ZabRecords): InvariantViolation[] {
  const first = new Map<number, Seen>();
  for (const { node, timeUs, observation } of recordsOf(records)) {
    if (observation.kind !== "deliver" || typeof observation.digest !== "number") continue;
    const zxid = num(observation, "zxid");
    const digest = observation.digest;
    const seen = first.get(zxid);
    if (seen === undefined) {
      first.set(zxid, { node, timeUs, digest });
    } else if (seen.digest !== digest) {
      // The first divergence only: once two states differ, every later txn's digests differ too.
      return [
        {
          check: "ReplicaAgreement",
          message: `state after zxid ${hex(zxid)}: ${node} has digest ${digest} at ${seconds(timeUs)}, ${seen.node} had ${seen.digest} at ${seconds(seen.timeUs)}`,
          at: { node, timeUs, zxid },
          story: `After applying ${hex(zxid)} (${txnText(observation.value)}) at ${seconds(timeUs)}, ${node}'s data tree differs from ${seen.node}'s after the same zxid at ${seconds(seen.timeUs)} (digest ${digest} against ${seen.digest}): one of them holds a change the other does not.`,
        },
      ];
    }
  }
  return [];
}
