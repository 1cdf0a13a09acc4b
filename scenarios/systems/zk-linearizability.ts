// Plain linearizability of a zookeeper run (DESIGN.md checkers §2): the workload's history against the
// znode-tree model with sim/check's generic engine, every read included. Right for the linearizable-reads
// mode; on a default run a stale follower read fails it, which is what ZooKeeper promises (reference §2:
// reads are served locally, may be stale), so it is never a default check. The model stands a process for a
// session; here each op gets the session the client held, so closing a session drops its ephemerals, and
// the leader's own writes (closeSession of an expired session, deleteContainer) join as ops that may
// fall anywhere in the run.
import { DEFAULT_ZK_VERSION, type ZkVersion } from "../../protocol/zab/index.js";
import {
  checkZooKeeper,
  type LinearOperation,
  parseZkHistory,
  type ZkRecord,
  znodeTreeModel,
} from "../../protocol/zk/consistency/index.js";
import type { Json } from "../../sim/api/index.js";
import {
  type Counterexample,
  checkPrepared,
  formatCounterexample,
  prepareHistory,
} from "../../sim/check/index.js";
import type { Operation } from "../../sim/history/index.js";
import type { HistoryEntry } from "../../sim/record/index.js";
import { hexZxid } from "./labels.js";
import { answerOf } from "./story/zk-locate.js";
import type { CheckOutcome, ViolationAt } from "./system.js";

/** Search steps before the verdict is `unknown`: a deterministic budget, unlike a deadline. */
const STEPS_MAX = 2_000_000;
/** As the zookeeper-consistency check (zk-checks.ts). */
const PLACEMENTS_MAX = 512;

export type LinearizabilityOutcome = CheckOutcome & {
  /** For the report (run.json's verdicts): the model, and the counterexample of a failure. */
  readonly model: string;
  readonly counterexample?: Counterexample;
};

/** Each op's session by its Jepsen process, from the ZooKeeper records (completions carry it). */
function sessionsOf(records: readonly ZkRecord[]): Map<number, number> {
  const sessions = new Map<number, number>();
  for (const record of records) {
    if (record.kind === "complete") sessions.set(record.process, record.session);
  }
  return sessions;
}

/**
 * The workload's operations, numbered by their history.jsonl lines (so a counterexample points into the
 * file), then the leader's own writes, open over the whole run.
 */
function operationsOf(history: readonly HistoryEntry[], records: readonly ZkRecord[]): Operation[] {
  const operations: Operation[] = [];
  const open = new Map<number, { readonly entry: HistoryEntry; readonly line: number }>();
  const close = (process: number, done: HistoryEntry | null, line: number) => {
    const pending = open.get(process);
    if (pending === undefined) return;
    open.delete(process);
    if (done?.type === "fail") return;
    const ok = done?.type === "ok";
    operations.push({
      index: 0,
      process,
      f: pending.entry.f,
      key: undefined,
      input: pending.entry.value,
      output: ok ? done.value : undefined,
      status: ok ? "ok" : "info",
      callLine: pending.line,
      returnLine: done === null ? null : line,
      callAt: pending.line,
      returnAt: ok ? line : Number.POSITIVE_INFINITY,
    });
  };
  history.forEach((entry, index) => {
    if (typeof entry.process !== "number") return;
    const line = index + 1;
    if (entry.type === "invoke") {
      close(entry.process, null, line);
      open.set(entry.process, { entry, line });
    } else close(entry.process, entry, line);
  });
  for (const process of [...open.keys()]) close(process, null, history.length + 1);
  const known = new Set(operations.map((operation) => operation.process));
  return [...operations, ...systemWrites(records, known, history.length + 1)];
}

/** The records' writes by processes no history shows: the leader's own, concurrent with everything. */
function systemWrites(
  records: readonly ZkRecord[],
  inHistory: ReadonlySet<number>,
  end: number,
): Operation[] {
  const invokes = new Map<number, { readonly f: string; readonly value: Json }>();
  for (const record of records) {
    if (record.kind === "invoke") invokes.set(record.process, record);
  }
  const writes: Operation[] = [];
  for (const record of records) {
    if (record.kind !== "complete" || inHistory.has(record.process)) continue;
    const invoke = invokes.get(record.process);
    if (invoke === undefined || record.type !== "ok") continue;
    writes.push({
      index: 0,
      process: record.process,
      f: invoke.f,
      key: undefined,
      input: invoke.value,
      output: record.value,
      status: "ok",
      callLine: 0,
      returnLine: null,
      callAt: 0,
      returnAt: end,
    });
  }
  return writes;
}

/** The znode-tree model, with each op's real session for its session id (ephemeral owners, close). */
function sessionModel(sessions: ReadonlyMap<number, number>) {
  const base = znodeTreeModel.create();
  return {
    ...base,
    parse: (operation: LinearOperation) => {
      const parsed = base.parse(operation);
      const sessionId = sessions.get(operation.process) ?? 0;
      return { ...parsed, input: { ...parsed.input, sessionId } };
    },
  };
}

/**
 * Unanswered writes (`info`) stay open to the end, and each one the search may place anywhere multiplies
 * its work. Most never took effect: the ZooKeeper check's placement of them says which. Leaving those out
 * first is sound for a pass — any linearization without them is one with them, placed last — so only when
 * that fails is the whole history searched.
 */
export function zkLinearizability(
  history: readonly HistoryEntry[],
  records: readonly ZkRecord[],
  zkVersion: ZkVersion = DEFAULT_ZK_VERSION,
): LinearizabilityOutcome {
  const sessions = sessionsOf(records);
  const operations = operationsOf(history, records);
  const absent = neverTookEffect(records, zkVersion);
  if (absent.size > 0) {
    const without = operations.filter((op) => !(op.status === "info" && absent.has(op.process)));
    const first = judge(without, sessions, history);
    if (first.verdict === "pass") {
      const message = `${first.message} (${absent.size} unanswered writes that never took effect left out)`;
      return { ...first, message };
    }
  }
  return judge(operations, sessions, history);
}

/** The Jepsen processes of the info writes the ZooKeeper check placed nowhere (none if it failed). */
function neverTookEffect(records: readonly ZkRecord[], zkVersion: ZkVersion): ReadonlySet<number> {
  const result = checkZooKeeper(records, { placementsMax: PLACEMENTS_MAX, zkVersion });
  if (!result.valid) return new Set();
  const { operations } = parseZkHistory(records);
  return new Set(
    result.infoPlacement.flatMap((placed) =>
      placed.zxid === null ? [operations[placed.index]?.process ?? -1] : [],
    ),
  );
}

function judge(
  unsorted: readonly Operation[],
  sessions: ReadonlyMap<number, number>,
  history: readonly HistoryEntry[],
): LinearizabilityOutcome {
  const check = "linearizability";
  const model = znodeTreeModel.name;
  const operations = [...unsorted]
    .sort((left, right) => left.callAt - right.callAt || left.process - right.process)
    .map((operation, index) => ({ ...operation, index }));
  const prepared = prepareHistory(operations, sessionModel(sessions), "history.jsonl");
  const result = checkPrepared(prepared, { stepsMax: STEPS_MAX });
  const what = `${operations.length} operations against the ${model} model`;
  if (result.valid === true) {
    return { check, model, verdict: "pass", violations: [], message: `linearizable: ${what}` };
  }
  if (result.valid === "unknown" || result.counterexample === null) {
    const message = `undecided after ${result.steps} search steps over ${what}`;
    return { check, model, verdict: "unknown", violations: [], message };
  }
  const message = `not linearizable: ${violationText(result.counterexample, history)}`;
  return {
    check,
    model,
    verdict: "fail",
    violations: [{ check, message, at: counterexampleAt(result.counterexample, history) }],
    message: `plain linearizability violation over ${what}`,
    counterexample: result.counterexample,
  };
}

/**
 * "cannot linearize: process 86 getData ... (lines 192-193), served by n1; concurrent with it: 0 operations":
 * a read nothing runs concurrently with is a read of a state the history had already left — a stale read.
 */
function violationText(counterexample: Counterexample, history: readonly HistoryEntry[]): string {
  const { op, concurrentCount } = counterexample;
  const line = formatCounterexample(counterexample)
    .map((text) => text.trim())
    .find((text) => text.startsWith("cannot linearize"));
  const answered = op.returnLine === null ? undefined : history[op.returnLine - 1];
  const server = answered?.server;
  const zxid = typeof answered?.zxid === "number" ? ` at ${hexZxid(answered.zxid)}` : "";
  const where = typeof server === "string" ? `, served by ${server}${zxid}` : "";
  return `${line ?? "no linearization"}${where}; concurrent with it: ${concurrentCount} operations`;
}

/**
 * Where the failure shows: the operation that cannot be linearized (its invoke's history index, its answer's
 * time, server and zxid), and the operations concurrent with it that the history holds (the leader's own
 * writes have no line).
 */
function counterexampleAt(
  counterexample: Counterexample,
  history: readonly HistoryEntry[],
): ViolationAt {
  const { op, concurrent } = counterexample;
  const historyIndex = op.callLine - 1;
  const answered = op.returnLine === null ? undefined : history[op.returnLine - 1];
  const involved = concurrent.flatMap((other) => (other.callLine > 0 ? [other.callLine - 1] : []));
  return {
    process: op.process,
    historyIndex,
    ...answerOf(history, historyIndex),
    ...(typeof answered?.zxid === "number" ? { zxid: answered.zxid } : {}),
    ...(involved.length === 0 ? {} : { involved }),
  };
}
