// A broken ZooKeeper guarantee, named by the rule that found it, with a message a person can act on.

import type { Json } from "../../../sim/api/index.js";
import { formatZxid } from "../../zab/index.js";
import { formatSessionId } from "../data-tree/index.js";
import { answerDifferences, describeCall } from "./explain-format.js";
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
 * operations in hand-written histories), the other operations involved (their processes, and their invokes'
 * positions among the records), the zxid, and for a watch event its session and its own record's position.
 */
export type ZkViolationAt = {
  readonly process?: number;
  readonly record?: number;
  readonly related?: readonly number[];
  readonly relatedRecords?: readonly number[];
  readonly zxid?: number;
  readonly session?: number;
  /** The watch event that breaks the rule: the position of its record. */
  readonly eventRecord?: number;
};

export type ZkViolation = {
  readonly check: ZkCheckName;
  readonly message: string;
  readonly at?: ZkViolationAt;
};

/**
 * A violation whose message is written when it is first read: a placement that fails thousands of reads is
 * usually not the one reported, and writing each explanation was most of judging it.
 */
export function lazyViolation(
  check: ZkCheckName,
  describe: () => string,
  at: ZkViolationAt,
): ZkViolation {
  let message: string | undefined;
  return {
    check,
    get message(): string {
      message ??= describe();
      return message;
    },
    at,
  };
}

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
    ...(related.length === 0
      ? {}
      : {
          related: related.map((other) => other.process),
          relatedRecords: related.map((other) => other.callAt),
        }),
  };
}

/** The location of a violation by a watch event (and the operations that set the watches it concerns). */
export function atEvent(
  event: PositionedEvent,
  related: readonly ZkOperation[] = [],
): ZkViolationAt {
  return {
    zxid: event.zxid,
    session: event.session,
    eventRecord: event.at,
    ...(related.length === 0
      ? {}
      : {
          related: related.map((other) => other.process),
          relatedRecords: related.map((other) => other.callAt),
        }),
  };
}

function shortJson(value: Json | undefined): string {
  if (value === undefined) return "?";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** `0x100000003`, as ZooKeeper logs zxids; a setWatches catch-up event (zxid -1) has none. */
export function zxidText(zxid: number): string {
  return zxid < 0 ? "no zxid (setWatches)" : formatZxid(zxid);
}

/** `0x10000000001`, as ZooKeeper logs session ids. */
export const sessionText = formatSessionId;

/** An answer in a few characters: the error code, the data, the children, the created path, or `ok`. */
export function answerText(output: Json | undefined): string {
  if (output === undefined) return "(no answer)";
  if (output === null || typeof output !== "object" || Array.isArray(output))
    return shortJson(output);
  const fields = output as { readonly [key: string]: Json };
  if (typeof fields.error === "string") return fields.error;
  const clip = (text: string) => (text.length > 32 ? `${text.slice(0, 31)}…` : text);
  if (fields.data !== undefined) return clip(JSON.stringify(fields.data));
  if (Array.isArray(fields.children)) return clip(`[${fields.children.join(",")}]`);
  if (typeof fields.path === "string") return fields.path;
  if (Array.isArray(fields.results)) return `${fields.results.length} results`;
  if (typeof fields.count === "number") return String(fields.count);
  return "ok";
}

/** Where two answers differ, the first few fields: `stat.version: returned 2, the replay says 5`. */
export function differenceText(returned: Json | undefined, expected: Json): string {
  if (returned === undefined) return "no answer";
  return answerDifferences(returned, expected).slice(0, 3).join("; ");
}

/** "process 2 (session 0x7 on n1): getData /a -> "5" at 0x100000005": no Stat, hex zxid and session. */
export function describeZkOperation(op: ZkOperation): string {
  const server =
    op.server === null
      ? ""
      : ` on ${typeof op.server === "string" ? op.server : shortJson(op.server)}`;
  const where = `session ${sessionText(op.session)}${server}`;
  const answer = op.status === "ok" ? answerText(op.output) : "(no answer)";
  const at = op.zxid === null ? "" : ` at ${zxidText(op.zxid)}`;
  return `process ${op.process} (${where}): ${describeCall(op.call)} -> ${answer}${at}`;
}

/** "NodeDataChanged /k1 (0x10000002b, session 0x10000000001)" */
export function describeEvent(event: PositionedEvent): string {
  return `${event.type} ${event.path} (${zxidText(event.zxid)}, session ${sessionText(event.session)})`;
}

export { shortJson };
