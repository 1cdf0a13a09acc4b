// A broken ZooKeeper guarantee, named by the rule that found it, with a message a person can act on.

import type { Json } from "../../../sim/api/index.js";
import type { PositionedEvent, ZkOperation } from "./zk-operation.js";

/**
 * - `write-order`: successful writes are linearizable in zxid order (W-Lin, reference §2 "Checker
 *   formulations"): unique zxids, each answer reproduced by replay, zxid order respecting real time.
 * - `read-state`: each read returns exactly the state at the zxid it was served at (R-SC).
 * - `session-order`: per session, observed zxids never go backwards and include its own writes.
 * - `watch-order`: watch events arrive once, in zxid order, before any read that reflects the change.
 */
export const zkCheckNames = ["write-order", "read-state", "session-order", "watch-order"] as const;
export type ZkCheckName = (typeof zkCheckNames)[number];

/**
 * What a violation is about, for tools that point at it (the replay, the report): the operation that breaks
 * the rule by its Jepsen process and the position of its invoke among the records (a process may run several
 * operations in hand-written histories), the other operations involved, the zxid, and for a watch event its
 * session.
 */
export type ZkViolationAt = {
  readonly process?: number;
  readonly record?: number;
  readonly related?: readonly number[];
  readonly zxid?: number;
  readonly session?: number;
};

export type ZkViolation = {
  readonly check: ZkCheckName;
  readonly message: string;
  readonly at?: ZkViolationAt;
};

/** The location of a violation by `op` (at `zxid`, default its reply zxid), involving `related` too. */
export function atOperation(
  op: ZkOperation,
  zxid: number | null = op.zxid,
  related: readonly ZkOperation[] = [],
): ZkViolationAt {
  return {
    process: op.process,
    record: op.callAt,
    ...(zxid === null ? {} : { zxid }),
    ...(related.length === 0 ? {} : { related: related.map((other) => other.process) }),
  };
}

/** The location of a violation by a watch event: its zxid and the session that received it. */
export function atEvent(event: PositionedEvent): ZkViolationAt {
  return { zxid: event.zxid, session: event.session };
}

function shortJson(value: Json | undefined): string {
  if (value === undefined) return "?";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** "process 2 (session 7 on n1): getData {"path":"/a"} -> {...} at zxid 5". */
export function describeZkOperation(op: ZkOperation): string {
  const { op: name, ...args } = op.call;
  const where = `session ${op.session} on ${shortJson(op.server)}`;
  const answer = op.status === "ok" ? shortJson(op.output) : "(no answer)";
  const at = op.zxid === null ? "" : ` at zxid ${op.zxid}`;
  return `process ${op.process} (${where}): ${name} ${shortJson(args)} -> ${answer}${at}`;
}

export { shortJson };
