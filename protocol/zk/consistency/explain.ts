// Explains a ZooKeeper-consistency violation for people (the HTML report's counterexample, issue 9): the
// answered writes replayed in zxid order up to the failing point, with the state of the znodes the failing
// operation is about after each, then the operation that cannot be placed — what it returned against what
// the state at its zxid says, or, when they agree, the rule it breaks. Unanswered (info) writes are left out
// of the replay, as in the check's first placement.

import type { Json } from "../../../sim/api/index.js";
import { sameValue } from "./compare-values.js";
import { readValue } from "./expected-value.js";
import { answerDifferences, describeCall, pathsOfCall, treeSummary } from "./explain-format.js";
import {
  describeZkOperation,
  shortJson,
  type ZkCheckName,
  type ZkViolationAt,
} from "./violation.js";
import {
  type ReplayStep,
  replayWrites,
  type Timeline,
  treeAt,
  type WriteToReplay,
} from "./write-replay.js";
import { isTreeRead, isWrite } from "./zk-call.js";
import type { ZkRecord } from "./zk-history.js";
import { errorOf, parseZkHistory, type ZkOperation } from "./zk-operation.js";

/** What each rule promises, in the words of DESIGN.md's checkers §2. */
export const ZK_RULES: { readonly [check in ZkCheckName]: string } = {
  "write-order":
    "successful writes are linearizable in zxid order: each zxid is used once, replaying the writes in zxid order reproduces every answer, and zxid order respects real-time order",
  "read-state": "each read returns exactly the state at the zxid it was served at",
  "session-order":
    "per session, observed zxids never go backwards and include the session's own writes",
  "watch-order":
    "watch events arrive once, in zxid order, before any read that reflects the change",
};

export type ExplainedWrite = {
  readonly zxid: number;
  /** The writer's Jepsen process; null for the leader's own writes (closeSession, deleteContainer). */
  readonly process: number | null;
  readonly call: string;
  /** The followed znodes after this write. */
  readonly state: string;
  /** This is the operation that cannot be placed. */
  readonly failing: boolean;
};

export type ZkExplanation = {
  readonly check: ZkCheckName;
  readonly rule: string;
  readonly message: string;
  readonly process: number;
  /** The operation in full (describeZkOperation), and as a short call with where it ran. */
  readonly operation: string;
  readonly call: string;
  readonly session: number;
  readonly server: string | null;
  readonly status: "ok" | "info";
  readonly zxid: number | null;
  /** What it returned and what the replayed state at its zxid says; both null when they agree. */
  readonly returned: string | null;
  readonly expected: string | null;
  /** The fields in which they differ (`stat.version: returned 2, the replay says 5`). */
  readonly differences: readonly string[];
  /** The znodes followed, and their state before the first write shown. */
  readonly paths: readonly string[];
  readonly initialState: string;
  /** The last writes (in zxid order, up to the failing zxid) that touched or named a followed znode. */
  readonly writes: readonly ExplainedWrite[];
  /** Earlier writes on the followed znodes left out, and all writes replayed up to the failing zxid. */
  readonly writesOmitted: number;
  readonly writesReplayed: number;
  readonly unansweredWrites: number;
  /** The other operations the violation involves. */
  readonly related: readonly string[];
};

export type ExplainInput = {
  readonly check: ZkCheckName;
  readonly message: string;
  readonly at: ZkViolationAt;
};

const WRITES_SHOWN_MAX = 30;
const CALL_CHARS_MAX = 90;
/** Process numbers at or above this are the leader's own writes (scenarios/systems/zk-history.ts). */
const SYSTEM_PROCESS_BASE = 1_000_000_000;

/** Null when the violation names no operation the records hold (a watch event's violation, say). */
export function explainZkViolation(
  records: readonly ZkRecord[],
  violation: ExplainInput,
  writesShownMax = WRITES_SHOWN_MAX,
): ZkExplanation | null {
  const { operations } = parseZkHistory(records);
  const { record, process } = violation.at;
  const op =
    operations.find((candidate) => record !== undefined && candidate.callAt === record) ??
    operations.find((candidate) => candidate.process === process);
  if (op === undefined) return null;
  const answered = answeredWrites(operations);
  const timeline = replayWrites(answered.map(({ write }) => write));
  const zxid = violation.at.zxid ?? op.zxid;
  const writerOf = new Map(answered.map(({ op: writer, write }) => [write.zxid, writer]));
  const answer = compareAnswer(op, zxid, timeline, writerOf);
  const paths = pathsOfCall(op.call);
  const upTo = timeline.steps.filter((step) => zxid === null || step.zxid <= zxid);
  const shown = followedSteps(upTo, paths, timeline, writerOf);
  const first = shown.length > writesShownMax ? shown.length - writesShownMax : 0;
  const firstShown = shown[first];
  const before =
    firstShown === undefined ? timeline.initial : treeAt(timeline, firstShown.zxid - 1);
  const related = operations.filter(
    (other) => other !== op && violation.at.related?.includes(other.process) === true,
  );
  return {
    check: violation.check,
    rule: ZK_RULES[violation.check],
    message: violation.message,
    process: op.process,
    operation: describeZkOperation(op),
    call: describeCall(op.call),
    session: op.session,
    server: typeof op.server === "string" ? op.server : null,
    status: op.status,
    zxid,
    ...answer,
    paths,
    initialState: treeSummary(before, paths),
    writes: shown.slice(first).map((step) => explained(step, timeline, paths, writerOf, op)),
    writesOmitted: first,
    writesReplayed: upTo.length,
    unansweredWrites: operations.filter((o) => isWrite(o.call) && o.status === "info").length,
    related: related.map(describeZkOperation),
  };
}

type Answered = { readonly op: ZkOperation; readonly write: WriteToReplay };

/** The ok writes with their reply zxids, the first of each zxid, as the check replays them. */
function answeredWrites(operations: readonly ZkOperation[]): Answered[] {
  const seen = new Set<number>();
  const answered: Answered[] = [];
  for (const op of operations) {
    const { call, zxid } = op;
    if (!isWrite(call) || op.status !== "ok" || zxid === null || seen.has(zxid)) continue;
    seen.add(zxid);
    const error = errorOf(op);
    const base = { call, session: op.session, zxid };
    const write: WriteToReplay =
      error === "SESSIONEXPIRED" || error === "SESSIONMOVED"
        ? { ...base, sessionError: error }
        : base;
    answered.push({ op, write });
  }
  return answered;
}

/** The answer against the replay: a write's own step, a read's state at its zxid. */
function compareAnswer(
  op: ZkOperation,
  zxid: number | null,
  timeline: Timeline,
  writerOf: ReadonlyMap<number, ZkOperation>,
): Pick<ZkExplanation, "returned" | "expected" | "differences"> {
  const none = { returned: null, expected: null, differences: [] };
  if (op.output === undefined || zxid === null) return none;
  let expected: Json | undefined;
  if (isWrite(op.call) && writerOf.get(zxid) === op) {
    expected = timeline.steps.find((step) => step.zxid === zxid)?.expected;
  } else if (isTreeRead(op.call)) {
    expected = readValue(treeAt(timeline, zxid), op.call, op.session);
  }
  if (expected === undefined) return none;
  if (sameValue(expected, op.output, "zxid-exact")) return none;
  return {
    returned: shortJson(op.output),
    expected: shortJson(expected),
    differences: answerDifferences(op.output, expected),
  };
}

/** Steps that changed a followed znode or whose call names one. */
function followedSteps(
  steps: readonly ReplayStep[],
  paths: readonly string[],
  timeline: Timeline,
  writerOf: ReadonlyMap<number, ZkOperation>,
): ReplayStep[] {
  let previous = treeSummary(timeline.initial, paths);
  return steps.filter((step) => {
    const now = treeSummary(treeAt(timeline, step.zxid), paths);
    const changed = now !== previous;
    previous = now;
    const writer = writerOf.get(step.zxid);
    const named = writer !== undefined && pathsOfCall(writer.call).some((p) => paths.includes(p));
    return changed || named;
  });
}

function explained(
  step: ReplayStep,
  timeline: Timeline,
  paths: readonly string[],
  writerOf: ReadonlyMap<number, ZkOperation>,
  failing: ZkOperation,
): ExplainedWrite {
  const writer = writerOf.get(step.zxid);
  const error = (step.expected as { readonly error?: Json } | null)?.error;
  const call = `${writer === undefined ? "?" : describeCall(writer.call)}${typeof error === "string" ? ` → ${error}` : ""}`;
  const process =
    writer === undefined || writer.process >= SYSTEM_PROCESS_BASE ? null : writer.process;
  return {
    zxid: step.zxid,
    process,
    call: call.length > CALL_CHARS_MAX ? `${call.slice(0, CALL_CHARS_MAX - 1)}…` : call,
    state: treeSummary(treeAt(timeline, step.zxid), paths),
    failing: writer === failing,
  };
}
