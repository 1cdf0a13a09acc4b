// The replay model: everything the replay UI shows about one run, as plain data indexed for random access.
// Built once (model/recorder.ts) from a re-run; every query (model/queries.ts) is a lookup or a binary search,
// so stepping anywhere in a 100,000-event run never re-runs anything.
import type { IntervalIndex } from "./interval-index.js";

export type NodeStatus = "up" | "paused" | "down";

export type Verdict = "pass" | "fail" | "unknown";

export interface ReplayMeta {
  readonly scenario: string;
  readonly seed: number;
  readonly bugs: readonly string[];
  readonly verdict: Verdict;
  readonly traceHash: string;
  readonly simTimeUs: number;
  /** Where the run came from: a run directory, or `--scenario NAME --seed N`. */
  readonly source: string;
}

export type EventKind =
  | "start"
  | "deliver"
  | "timer"
  | "request"
  | "disconnected"
  | "fsync-done"
  | "nemesis";

/** One trace entry. `node` is empty for nemesis operations. */
export interface ReplayEvent {
  readonly index: number;
  readonly timeUs: number;
  readonly node: string;
  readonly kind: EventKind;
  readonly text: string;
}

/** A server's state in a few columns, formatted by the protocol's summarizer. */
export interface ServerSummary {
  readonly role: string;
  readonly epoch: string;
  readonly logged: string;
  readonly committed: string;
  /** Whom it follows, pending proposals, ...: one short free-form column. */
  readonly extra: string;
}

/** What the kernel says about every node after a step; shared between steps while nothing changes. */
export interface StepEnv {
  readonly statuses: readonly NodeStatus[];
  readonly clockOffsetsUs: readonly number[];
  /** Open connections as sorted node-index pairs `a * nodeCount + b` (a < b). */
  readonly open: readonly number[];
  /** Cut directions `from * nodeCount + to`. */
  readonly cuts: readonly number[];
}

export interface InFlightMessage {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly sentAt: number;
}

export interface PendingTimer {
  readonly node: string;
  readonly name: string;
  readonly setAt: number;
  /** When it is due, in simulated time (approximate under clock drift). */
  readonly dueUs: number;
}

export type OpOutcome = "ok" | "fail" | "info" | "open";

/** A client operation: an invoke and its completion, if any. */
export interface ClientOperation {
  readonly id: number;
  readonly process: number;
  readonly f: string;
  readonly value: unknown;
  readonly result: unknown;
  readonly outcome: OpOutcome;
  readonly invokeUs: number;
  readonly completeUs: number | null;
  readonly zxid: number | null;
  readonly server: string | null;
  /** The trace events at (or just before) the invoke and the completion. */
  readonly invokeEvent: number;
  readonly completeEvent: number | null;
}

/** Where a checker says a violation shows (scenarios/systems `ViolationAt`); every field optional. */
export interface ViolationAt {
  readonly node?: string;
  readonly timeUs?: number;
  readonly zxid?: number;
  /** The client operation that breaks the rule, by Jepsen process, and the others involved. */
  readonly process?: number;
  readonly related?: readonly number[];
  /** The kind of observation the step makes (`app-note`). */
  readonly observed?: string;
}

export interface ReplayViolation {
  readonly check: string;
  readonly message: string;
  /** The event where it shows, when it could be located. */
  readonly event: number | null;
  /** How the event was found, for people ("n3's deliver of 0x100000015"). */
  readonly locatedBy: string;
  /** Client operations it involves (by `ClientOperation.id`). */
  readonly operations: readonly number[];
}

/** A compact observation of a step, for locating violations: kind and zxid-like fields. */
export interface StepObservation {
  readonly kind: string;
  readonly zxid: number | null;
  readonly epoch: number | null;
}

export interface ReplayRun {
  readonly meta: ReplayMeta;
  readonly nodes: readonly string[];
  readonly events: readonly ReplayEvent[];
  /** Per event: index into `nodes` of the node that stepped, -1 for nemesis operations. */
  readonly stepNode: Int16Array;
  /** Per event: the stepping node's summary after it (null for nemesis, or when the node is down). */
  readonly summaries: readonly (ServerSummary | null)[];
  /** Per event: the stepping node's full state after it, as the protocol left it (immutable). */
  readonly states: readonly unknown[];
  readonly envs: readonly StepEnv[];
  /** Per node: the events it stepped in, ascending. */
  readonly nodeSteps: readonly Int32Array[];
  /** Events that are nemesis operations, ascending. */
  readonly faults: Int32Array;
  readonly messages: IntervalIndex<InFlightMessage>;
  readonly timers: IntervalIndex<PendingTimer>;
  readonly operations: readonly ClientOperation[];
  readonly violations: readonly ReplayViolation[];
  /** Renders a node's full state as plain JSON for the detail view. */
  readonly stateView: (state: unknown) => unknown;
}
