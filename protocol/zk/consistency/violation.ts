// A broken ZooKeeper guarantee, named by the rule that found it, with a message a person can act on.

import type { Json } from "../../../sim/api/index.js";
import type { ZkOperation } from "./zk-operation.js";

/**
 * - `write-order`: successful writes are linearizable in zxid order (W-Lin, reference §2 "Checker
 *   formulations"): unique zxids, each answer reproduced by replay, zxid order respecting real time.
 * - `read-state`: each read returns exactly the state at the zxid it was served at (R-SC).
 * - `session-order`: per session, observed zxids never go backwards and include its own writes.
 * - `watch-order`: watch events arrive once, in zxid order, before any read that reflects the change.
 */
export const zkCheckNames = ["write-order", "read-state", "session-order", "watch-order"] as const;
export type ZkCheckName = (typeof zkCheckNames)[number];

export type ZkViolation = { readonly check: ZkCheckName; readonly message: string };

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
